#include "lidarlabel/app/review_panel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "table_rows.h"

namespace lidarlabel {

QString formatDuration(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  if (s < 60) return QObject::tr("%1 s").arg(s);
  if (s < 3600) return QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
  return QObject::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

namespace {
QPushButton* button(QWidget* parent, const QString& name, const QString& text, const QString& tip) {
  auto* b = new QPushButton(text, parent);
  b->setObjectName(name);
  b->setToolTip(tip);
  b->setFocusPolicy(Qt::NoFocus);  // the view keeps the keyboard
  return b;
}
}  // namespace

ReviewPanel::ReviewPanel(Editor& editor, QWidget* parent) : QWidget(parent), editor_(editor) {
  reviewer_ = new QLineEdit(QString::fromStdString(editor_.reviewer()), this);
  reviewer_->setObjectName(QStringLiteral("reviewerName"));
  level_ = new QComboBox(this);
  level_->setObjectName(QStringLiteral("reviewLevel"));
  level_->setFocusPolicy(Qt::NoFocus);
  auto* who = new QFormLayout;
  who->addRow(tr("Reviewer"), reviewer_);
  who->addRow(tr("Level"), level_);

  frameProgress_ = new QLabel(this);
  frameProgress_->setObjectName(QStringLiteral("frameProgress"));
  frameProgress_->setWordWrap(true);
  frameTime_ = new QLabel(this);
  frameTime_->setObjectName(QStringLiteral("frameTime"));
  boxProgress_ = new QLabel(this);
  boxProgress_->setObjectName(QStringLiteral("boxProgress"));
  boxProgress_->setWordWrap(true);
  note_ = new QLineEdit(this);
  note_->setObjectName(QStringLiteral("reviewNote"));
  note_->setPlaceholderText(tr("Note for the decision, or a comment"));
  note_->setClearButtonEnabled(true);

  acceptBoxes_ = button(this, QStringLiteral("acceptBoxes"), tr("Accept boxes"),
                        tr("Accept the selected boxes at the review level (A)"));
  rejectBoxes_ = button(this, QStringLiteral("rejectBoxes"), tr("Reject boxes"),
                        tr("Reject the selected boxes: back to the annotator (Shift+A)"));
  acceptFrame_ = button(this, QStringLiteral("acceptFrame"), tr("Accept frame"),
                        tr("Accept this frame at the review level (Ctrl+Shift+A)"));
  rejectFrame_ = button(this, QStringLiteral("rejectFrame"), tr("Reject frame"),
                        tr("Reject this frame (Ctrl+Alt+A)"));
  comment_ = button(this, QStringLiteral("addComment"), tr("Comment"),
                    tr("Add the note as a comment on the selected box, or on the frame"));
  auto* buttons = new QGridLayout;
  buttons->addWidget(acceptBoxes_, 0, 0);
  buttons->addWidget(rejectBoxes_, 0, 1);
  buttons->addWidget(acceptFrame_, 1, 0);
  buttons->addWidget(rejectFrame_, 1, 1);
  buttons->addWidget(comment_, 2, 0, 1, 2);

  historyTitle_ = new QLabel(this);
  history_ = new QTableWidget(0, HistoryColumns, this);
  history_->setObjectName(QStringLiteral("reviewHistory"));
  history_->setHorizontalHeaderLabels(
      {tr("Level"), tr("Verdict"), tr("Who"), tr("When"), tr("Note")});
  history_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  history_->setSelectionMode(QAbstractItemView::NoSelection);
  history_->verticalHeader()->setVisible(false);
  history_->horizontalHeader()->setStretchLastSection(true);
  history_->setFocusPolicy(Qt::NoFocus);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(who);
  layout->addWidget(frameProgress_);
  layout->addWidget(frameTime_);
  layout->addWidget(boxProgress_);
  layout->addWidget(note_);
  layout->addLayout(buttons);
  layout->addWidget(historyTitle_);
  layout->addWidget(history_, 1);

  connect(reviewer_, &QLineEdit::editingFinished, this, [this] {
    editor_.setReviewer(reviewer_->text().trimmed().toStdString());
    reviewer_->setText(QString::fromStdString(editor_.reviewer()));
    emit reviewerChanged(reviewer_->text());
  });
  connect(level_, &QComboBox::currentIndexChanged, this, [this](int i) {
    editor_.setReviewLevel(i <= 0 ? ReviewLevel{} : ReviewLevel{static_cast<std::size_t>(i - 1)});
    refresh();
    emit levelChanged();
  });
  connect(note_, &QLineEdit::returnPressed, this, [this] { addComment(); });
  connect(acceptBoxes_, &QPushButton::clicked, this, [this] { acceptSelection(); });
  connect(rejectBoxes_, &QPushButton::clicked, this, [this] { rejectSelection(); });
  connect(acceptFrame_, &QPushButton::clicked, this, [this] { acceptCurrentFrame(); });
  connect(rejectFrame_, &QPushButton::clicked, this, [this] { rejectCurrentFrame(); });
  connect(comment_, &QPushButton::clicked, this, [this] { addComment(); });

  Document& doc = editor_.document();
  connect(&doc, &Document::sequenceChanged, this, [this] {
    rebuildLevels();
    refresh();
  });
  connect(&doc, &Document::currentFrameChanged, this, &ReviewPanel::refresh);
  connect(&doc, &Document::selectionChanged, this, &ReviewPanel::refresh);
  connect(&doc, &Document::frameReviewChanged, this, [this](int f) {
    if (static_cast<std::size_t>(f) == editor_.document().currentFrame()) refresh();
  });
  connect(&doc, &Document::annotationTimeChanged, this, [this](int f) {
    // Every input adds time: only the time line is rewritten.
    const Document& d = editor_.document();
    if (static_cast<std::size_t>(f) == d.currentFrame())
      frameTime_->setText(
          tr("Active annotation time on this frame: %1")
              .arg(formatDuration(d.sequence().frames[d.currentFrame()].annotationSeconds)));
  });
  auto onObjects = [this](const ObjectsEvent& e) {
    if (e.frame == editor_.document().currentFrame()) refresh();
  };
  connect(&doc, &Document::objectsChanged, this, onObjects);
  connect(&doc, &Document::objectsAdded, this, onObjects);
  connect(&doc, &Document::objectsRemoved, this, onObjects);
  rebuildLevels();
  refresh();
}

void ReviewPanel::rebuildLevels() {
  const auto& levels = editor_.document().ontology().reviewLevels;
  ReviewLevel keep = editor_.reviewLevel();
  if (keep && *keep >= levels.size()) keep.reset();
  editor_.setReviewLevel(keep);
  const QSignalBlocker block(level_);
  level_->clear();
  level_->addItem(tr("Next level needing a decision"));
  for (const std::string& l : levels) level_->addItem(QString::fromStdString(l));
  level_->setCurrentIndex(keep ? static_cast<int>(*keep) + 1 : 0);
}

const ObjectAnnotation* ReviewPanel::single() const {
  const Document& doc = editor_.document();
  if (!doc.isOpen() || doc.selection().size() != 1) return nullptr;
  return doc.object(doc.currentFrame(), doc.selection().front());
}

void ReviewPanel::refreshFrame() {
  const Document& doc = editor_.document();
  if (!doc.isOpen()) {
    frameProgress_->setText(tr("No sequence open"));
    frameTime_->clear();
    return;
  }
  const std::size_t f = doc.currentFrame();
  const Frame& frame = doc.sequence().frames[f];
  const auto& levels = doc.ontology().reviewLevels;
  std::size_t waiting = 0;
  for (const ObjectAnnotation& o : frame.objects)
    waiting += objectNeedsReview(o, levels, editor_.reviewLevel()) ? 1 : 0;
  frameProgress_->setText(
      tr("Frame %1: %2 \u00b7 %n box(es) waiting", nullptr, static_cast<int>(waiting))
          .arg(f + 1)
          .arg(reviewProgressText(reviewProgress(frame.review, levels), levels)));
  frameTime_->setText(
      tr("Active annotation time on this frame: %1").arg(formatDuration(frame.annotationSeconds)));
}

void ReviewPanel::refresh() {
  refreshFrame();
  const Document& doc = editor_.document();
  const bool open = doc.isOpen();
  const auto& levels = doc.ontology().reviewLevels;
  const std::size_t selected = open ? doc.selection().size() : 0;
  acceptBoxes_->setEnabled(selected > 0);
  rejectBoxes_->setEnabled(selected > 0);
  acceptFrame_->setEnabled(open);
  rejectFrame_->setEnabled(open);
  comment_->setEnabled(open);
  if (const ObjectAnnotation* o = single()) {
    boxProgress_->setText(tr("Box %1 (%2): %3")
                              .arg(o->trackId)
                              .arg(QString::fromStdString(o->className),
                                   reviewProgressText(objectProgress(*o, levels), levels)));
    historyTitle_->setText(tr("History of box %1").arg(o->trackId));
    comment_->setText(tr("Comment on box %1").arg(o->trackId));
    showHistory(o->reviewLog);
    return;
  }
  boxProgress_->setText(selected > 1 ? tr("%n boxes selected", nullptr, static_cast<int>(selected))
                                     : tr("No box selected"));
  const std::size_t f = open ? doc.currentFrame() : 0;
  historyTitle_->setText(open ? tr("History of frame %1").arg(f + 1) : QString());
  comment_->setText(open ? tr("Comment on frame %1").arg(f + 1) : tr("Comment"));
  showHistory(open ? doc.sequence().frames[f].review : ReviewRecord{});
}

void ReviewPanel::showHistory(const ReviewRecord& record) {
  using table_rows::cell;
  struct Row {
    std::string when;
    QStringList cells;
  };
  std::vector<Row> rows;
  for (const ReviewDecision& d : record.decisions)
    rows.push_back({d.when,
                    {QString::fromStdString(d.level),
                     d.verdict == ReviewVerdict::Accept ? tr("accepted") : tr("rejected"),
                     QString::fromStdString(d.who), QString::fromStdString(d.when),
                     QString::fromStdString(d.note)}});
  for (const ReviewComment& c : record.comments)
    rows.push_back({c.when,
                    {QString(), tr("comment"), QString::fromStdString(c.who),
                     QString::fromStdString(c.when), QString::fromStdString(c.text)}});
  // In time order (ISO 8601 UTC sorts as text); equal times keep decisions before comments.
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.when < b.when; });
  history_->setRowCount(static_cast<int>(rows.size()));
  for (int r = 0; r < static_cast<int>(rows.size()); ++r)
    for (int c = 0; c < HistoryColumns; ++c)
      history_->setItem(r, c, cell(rows[static_cast<std::size_t>(r)].cells[c]));
  if (!rows.empty()) history_->scrollToBottom();
}

std::string ReviewPanel::takeNote() {
  return note_->text().trimmed().toStdString();
}

bool ReviewPanel::acceptSelection() {
  const bool ok = editor_.acceptObjects(editor_.document().selection(), takeNote());
  if (ok) note_->clear();
  return ok;
}

bool ReviewPanel::rejectSelection() {
  const bool ok = editor_.rejectObjects(editor_.document().selection(), takeNote());
  if (ok) note_->clear();
  return ok;
}

bool ReviewPanel::acceptCurrentFrame() {
  const bool ok = editor_.acceptFrame(takeNote());
  if (!ok) return false;
  note_->clear();
  // Allowed (the frame's record is the reviewer's statement), but said: boxes still open.
  const Document& doc = editor_.document();
  const auto& levels = doc.ontology().reviewLevels;
  const std::string& level =
      doc.sequence().frames[doc.currentFrame()].review.decisions.back().level;
  const auto passed =
      static_cast<std::size_t>(std::find(levels.begin(), levels.end(), level) - levels.begin() + 1);
  int open = 0;
  for (const ObjectAnnotation& o : doc.objects(doc.currentFrame())) {
    const ReviewProgress p = objectProgress(o, levels);
    open += p.rejected || p.levelsPassed < passed ? 1 : 0;
  }
  if (open > 0)
    emit message(
        tr("Frame accepted at %1; %n box(es) in it are not accepted at %1 yet", nullptr, open)
            .arg(QString::fromStdString(level)));
  return true;
}

bool ReviewPanel::rejectCurrentFrame() {
  const bool ok = editor_.rejectFrame(takeNote());
  if (ok) note_->clear();
  return ok;
}

bool ReviewPanel::addComment() {
  const std::string text = takeNote();
  if (text.empty()) {
    emit message(tr("Type the comment in the note box first"));
    return false;
  }
  const ObjectAnnotation* o = single();
  const bool ok = o ? editor_.commentObject(o->trackId, text) : editor_.commentFrame(text);
  if (ok) note_->clear();
  return ok;
}

}  // namespace lidarlabel
