#pragma once
// The Review dock: who reviews (name) and at which level, the current frame's review progress
// ("reviewer \u2713, qa pending") and active annotation time, Accept / Reject for the selected
// boxes and for the frame (the note box's text goes with the decision), a Comment button, and
// the review history (level, verdict, who, when, note; comments too) of the selected box (one
// selected) or else of the frame. Every action goes through the Editor (editor.h, Review).
// It follows the document's events: selection, frame, object and frame-review changes.
#include <QWidget>

#include "lidarlabel/app/editor.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace lidarlabel {

class ReviewPanel : public QWidget {
  Q_OBJECT
 public:
  enum HistoryColumn { ColLevel, ColVerdict, ColWho, ColWhen, ColNote, HistoryColumns };

  explicit ReviewPanel(Editor& editor, QWidget* parent = nullptr);

  QLineEdit* reviewerEdit() const { return reviewer_; }
  QComboBox* levelCombo() const { return level_; }
  QLineEdit* noteEdit() const { return note_; }
  QPushButton* acceptButton() const { return acceptBoxes_; }
  QPushButton* rejectButton() const { return rejectBoxes_; }
  QPushButton* acceptFrameButton() const { return acceptFrame_; }
  QPushButton* rejectFrameButton() const { return rejectFrame_; }
  QPushButton* commentButton() const { return comment_; }
  QLabel* frameProgress() const { return frameProgress_; }
  QLabel* boxProgress() const { return boxProgress_; }
  QTableWidget* history() const { return history_; }

  // Accept / reject the selection (or the frame) with the note box's text, which is cleared
  // when the decision was recorded. The keys call these too.
  bool acceptSelection();
  bool rejectSelection();
  bool acceptCurrentFrame();
  bool rejectCurrentFrame();
  // The note box's text as a comment on the selected box (one selected) or else the frame.
  bool addComment();

 signals:
  void reviewerChanged(const QString& name);  // edited by the user (the window stores it)
  void levelChanged();                        // Editor::reviewLevel() changed
  void message(const QString& text);

 private:
  void rebuildLevels();
  void refresh();
  void refreshFrame();
  void showHistory(const ReviewRecord& record);
  const ObjectAnnotation* single() const;
  std::string takeNote();

  Editor& editor_;
  QLineEdit* reviewer_ = nullptr;
  QComboBox* level_ = nullptr;
  QLabel* frameProgress_ = nullptr;
  QLabel* frameTime_ = nullptr;
  QLabel* boxProgress_ = nullptr;
  QLineEdit* note_ = nullptr;
  QPushButton* acceptBoxes_ = nullptr;
  QPushButton* rejectBoxes_ = nullptr;
  QPushButton* acceptFrame_ = nullptr;
  QPushButton* rejectFrame_ = nullptr;
  QPushButton* comment_ = nullptr;
  QLabel* historyTitle_ = nullptr;
  QTableWidget* history_ = nullptr;
};

// "2 min 05 s", "45 s", "1 h 02 min": a duration for people.
QString formatDuration(double seconds);

}  // namespace lidarlabel
