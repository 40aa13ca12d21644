#include "lidarlabel/app/timeline.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QSlider>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

#include "lidarlabel/app/document.h"
#include "lidarlabel/app/frame_navigator.h"

namespace lidarlabel {

namespace {
// A thin strip under the slider: one tick per marked frame, aligned with the slider's range.
class MarkStrip : public QWidget {
 public:
  MarkStrip(const std::vector<bool>& marks, const Document& doc, QWidget* parent)
      : QWidget(parent), marks_(marks), doc_(doc) {
    setFixedHeight(5);
  }

 protected:
  void paintEvent(QPaintEvent*) override {
    const std::size_t n = doc_.frameCount();
    if (n == 0 || marks_.empty()) return;
    QPainter p(this);
    const double margin = 6.0;  // about the slider handle's half width
    const double w = std::max(1.0, width() - 2 * margin);
    for (std::size_t f = 0; f < std::min(n, marks_.size()); ++f) {
      if (!marks_[f]) continue;
      const double x0 = margin + w * static_cast<double>(f) / static_cast<double>(n);
      const double x1 = margin + w * static_cast<double>(f + 1) / static_cast<double>(n);
      p.fillRect(QRectF(x0, 0, std::max(1.0, x1 - x0), height()), QColor(255, 170, 40));
    }
  }

 private:
  const std::vector<bool>& marks_;
  const Document& doc_;
};
}  // namespace

Timeline::Timeline(Document& document, FrameNavigator& navigator, TimelineConfig config,
                   QWidget* parent)
    : QWidget(parent), doc_(document), nav_(navigator) {
  setObjectName(QStringLiteral("timeline"));
  auto button = [this](const QString& text, const QString& tip, const QString& name) {
    auto* b = new QToolButton(this);
    b->setText(text);
    b->setToolTip(tip);
    b->setObjectName(name);
    b->setFocusPolicy(Qt::NoFocus);
    return b;
  };
  QToolButton* prev = button(QStringLiteral("\u25c0"), tr("Previous frame (PageUp / ,)"),
                             QStringLiteral("previousFrame"));
  play_ = button(QStringLiteral("\u25b6"), tr("Play / pause (Space)"), QStringLiteral("play"));
  play_->setCheckable(true);
  QToolButton* next = button(QStringLiteral("\u25b6|"), tr("Next frame (PageDown / .)"),
                             QStringLiteral("nextFrame"));
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setObjectName(QStringLiteral("frameSlider"));
  slider_->setFocusPolicy(Qt::NoFocus);
  slider_->setEnabled(false);
  strip_ = new MarkStrip(marks_, doc_, this);
  auto* sliderColumn = new QVBoxLayout;
  sliderColumn->setSpacing(0);
  sliderColumn->addWidget(slider_);
  sliderColumn->addWidget(strip_);
  label_ = new QLabel(this);
  label_->setObjectName(QStringLiteral("frameLabel"));
  label_->setMinimumWidth(90);
  rate_ = new QDoubleSpinBox(this);
  rate_->setObjectName(QStringLiteral("playbackRate"));
  rate_->setRange(config.minRate, config.maxRate);
  rate_->setDecimals(1);
  rate_->setSuffix(tr(" fps"));
  rate_->setValue(config.rate);
  rate_->setToolTip(tr("Playback rate, frames per second"));
  loop_ = new QCheckBox(tr("Loop"), this);
  loop_->setFocusPolicy(Qt::NoFocus);
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(prev);
  row->addWidget(play_);
  row->addWidget(next);
  row->addLayout(sliderColumn, 1);
  row->addWidget(label_);
  row->addWidget(rate_);
  row->addWidget(loop_);

  timer_ = new QTimer(this);
  timer_->setTimerType(Qt::PreciseTimer);
  connect(timer_, &QTimer::timeout, this, &Timeline::tick);
  connect(prev, &QToolButton::clicked, this, [this] { nav_.step(-1); });
  connect(next, &QToolButton::clicked, this, [this] { nav_.step(1); });
  connect(play_, &QToolButton::toggled, this, &Timeline::setPlaying);
  connect(rate_, &QDoubleSpinBox::valueChanged, this,
          [this](double fps) { timer_->setInterval(static_cast<int>(std::lround(1000.0 / fps))); });
  connect(slider_, &QSlider::valueChanged, this,
          [this](int v) { nav_.goTo(static_cast<std::size_t>(v)); });
  connect(&doc_, &Document::sequenceChanged, this, &Timeline::onSequence);
  connect(&doc_, &Document::currentFrameChanged, this, &Timeline::onFrame);
  // A read started or ended (or was cancelled): show the target, or snap back to the frame.
  connect(&nav_, &FrameNavigator::loadingChanged, this, &Timeline::onFrame);
  timer_->setInterval(static_cast<int>(std::lround(1000.0 / rate_->value())));
  onSequence();
}

bool Timeline::isPlaying() const {
  return timer_->isActive();
}

void Timeline::setPlaying(bool play) {
  play = play && doc_.frameCount() > 1;
  if (play == isPlaying()) {
    const QSignalBlocker block(play_);
    play_->setChecked(play);
    return;
  }
  if (play) {
    // At the end, play starts again from the first frame.
    if (doc_.currentFrame() + 1 >= doc_.frameCount()) nav_.goTo(0);
    timer_->start();
  } else {
    timer_->stop();
  }
  {
    const QSignalBlocker block(play_);
    play_->setChecked(play);
    play_->setText(play ? QStringLiteral("\u23f8") : QStringLiteral("\u25b6"));
  }
  emit playingChanged(play);
}

double Timeline::rate() const {
  return rate_->value();
}

void Timeline::setRate(double framesPerSecond) {
  rate_->setValue(framesPerSecond);
}

void Timeline::setLoop(bool loop) {
  loop_->setChecked(loop);
}

void Timeline::setMarks(std::vector<bool> marks) {
  marks_ = std::move(marks);
  strip_->update();
}

void Timeline::tick() {
  if (nav_.isLoading()) return;  // the previous frame is still being read: skip, never queue
  if (doc_.currentFrame() + 1 < doc_.frameCount())
    nav_.step(1);
  else if (loop_->isChecked())
    nav_.goTo(0);
  else
    setPlaying(false);
}

void Timeline::onSequence() {
  setPlaying(false);
  const QSignalBlocker block(slider_);
  slider_->setRange(0, std::max(0, static_cast<int>(doc_.frameCount()) - 1));
  slider_->setEnabled(doc_.frameCount() > 1);
  marks_.clear();
  strip_->update();
  onFrame();
}

void Timeline::onFrame() {
  if (!doc_.isOpen()) {
    label_->clear();
    return;
  }
  const std::size_t i = doc_.currentFrame();
  const QSignalBlocker block(slider_);
  slider_->setValue(static_cast<int>(nav_.target()));
  QString text = QStringLiteral("%1 / %2").arg(i + 1).arg(doc_.frameCount());
  if (nav_.isLoading()) text += tr(" \u2192 %1 (reading)").arg(nav_.target() + 1);
  label_->setText(text);
}

}  // namespace lidarlabel
