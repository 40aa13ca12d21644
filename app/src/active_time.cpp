#include "lidarlabel/app/active_time.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QWidget>
#include <memory>

#include "lidarlabel/app/document.h"

namespace lidarlabel {

std::optional<TimeCredit> ActiveTimeTracker::input(double now, std::size_t frame) {
  std::optional<TimeCredit> credit;
  if (last_) {
    const double gap = now - last_->time;
    if (gap > 0.0 && gap <= config_.idleSeconds) credit = TimeCredit{last_->frame, gap};
  }
  last_ = Last{now, frame};
  return credit;
}

std::optional<TimeCredit> ActiveTimeTracker::frameChanged(double now, std::size_t frame) {
  if (!last_) return std::nullopt;  // nobody is at the desk yet: nothing to split
  return input(now, frame);
}

namespace {
bool isInput(QEvent::Type t) {
  switch (t) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::Wheel:
      return true;
    default:
      return false;
  }
}
}  // namespace

ActiveTimeRecorder::ActiveTimeRecorder(Document& document, QObject* scope, ActiveTimeConfig config,
                                       Clock clock)
    : QObject(scope), doc_(document), scope_(scope), tracker_(config), clock_(std::move(clock)) {
  if (!clock_) {
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    clock_ = [timer] { return static_cast<double>(timer->nsecsElapsed()) * 1e-9; };
  }
  connect(&doc_, &Document::sequenceChanged, this, [this] { tracker_.reset(); });
  connect(&doc_, &Document::currentFrameChanged, this, [this](int frame) {
    credit(tracker_.frameChanged(clock_(), static_cast<std::size_t>(frame)));
  });
  if (QCoreApplication* app = QCoreApplication::instance()) app->installEventFilter(this);
}

ActiveTimeRecorder::~ActiveTimeRecorder() {
  if (QCoreApplication* app = QCoreApplication::instance()) app->removeEventFilter(this);
}

void ActiveTimeRecorder::recordInput() {
  credit(tracker_.input(clock_(), doc_.currentFrame()));
}

void ActiveTimeRecorder::credit(const std::optional<TimeCredit>& c) {
  if (c && doc_.isOpen()) doc_.addAnnotationSeconds(c->frame, c->seconds);
}

bool ActiveTimeRecorder::eventFilter(QObject* watched, QEvent* event) {
  // Each input reaches the filter once per widget it propagates through: count it only for
  // widgets of this window (a key press delivered to the focus widget, a mouse event to the
  // widget under the pointer); the repeated deliveries within a gesture add no time anyway.
  if (isInput(event->type()) && doc_.isOpen()) {
    auto* w = qobject_cast<QWidget*>(watched);
    auto* scope = qobject_cast<QWidget*>(scope_);
    if (w && scope && (w == scope || scope->isAncestorOf(w))) recordInput();
  }
  return QObject::eventFilter(watched, event);
}

}  // namespace lidarlabel
