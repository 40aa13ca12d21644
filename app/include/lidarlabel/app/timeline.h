#pragma once
// The timeline bar: previous / play-pause / next buttons, the frame slider, the frame number, the
// playback rate, and a strip under the slider marking frames (the frames where the selected
// tracks are). Every frame change goes through the FrameNavigator, so neither scrubbing nor
// playback waits on the disk. Playback is a timer on the event loop: a tick steps one frame
// unless the previous frame is still being read (ticks are skipped, never queued), so editing,
// the camera and the docks stay usable while it plays. It stops at the last frame (or wraps
// around with loop on).
#include <QWidget>
#include <vector>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace lidarlabel {

class Document;
class FrameNavigator;

struct TimelineConfig {
  double rate = 10.0;     // frames per second of playback (the spin box's initial value)
  double minRate = 0.5;   // frames per second
  double maxRate = 30.0;  // frames per second
};

class Timeline : public QWidget {
  Q_OBJECT
 public:
  Timeline(Document& document, FrameNavigator& navigator, TimelineConfig config = {},
           QWidget* parent = nullptr);

  bool isPlaying() const;
  void setPlaying(bool play);
  void togglePlaying() { setPlaying(!isPlaying()); }
  double rate() const;  // frames per second
  void setRate(double framesPerSecond);
  void setLoop(bool loop);
  // One flag per frame (true = marked); shorter than the sequence = the rest unmarked.
  void setMarks(std::vector<bool> marks);
  const std::vector<bool>& marks() const { return marks_; }

  QSlider* slider() const { return slider_; }
  QToolButton* playButton() const { return play_; }
  QDoubleSpinBox* rateBox() const { return rate_; }
  QLabel* frameLabel() const { return label_; }

 signals:
  void playingChanged(bool playing);

 private:
  void onSequence();
  void onFrame();
  void tick();

  Document& doc_;
  FrameNavigator& nav_;
  QSlider* slider_ = nullptr;
  QToolButton* play_ = nullptr;
  QDoubleSpinBox* rate_ = nullptr;
  QCheckBox* loop_ = nullptr;
  QLabel* label_ = nullptr;
  QWidget* strip_ = nullptr;
  QTimer* timer_ = nullptr;
  std::vector<bool> marks_;
};

}  // namespace lidarlabel
