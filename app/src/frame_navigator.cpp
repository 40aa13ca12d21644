#include "lidarlabel/app/frame_navigator.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QProgressDialog>
#include <QThread>
#include <QTimer>
#include <algorithm>

#include "lidarlabel/app/document.h"

namespace lidarlabel {

// One background read: FrameCache::get() on a worker thread (it waits for the cache's own
// prefetch of that frame instead of reading twice). Errors are left for the view to report.
struct FrameNavigator::Job {
  std::size_t frame = 0;
  std::shared_ptr<FrameCache> cache;  // the cache it fills (a new sequence has another)
  QThread* thread = nullptr;
  bool handled = false;
};

FrameNavigator::FrameNavigator(Document& document, QWidget* dialogParent,
                               FrameNavigatorConfig config)
    : QObject(dialogParent), doc_(document), dialogParent_(dialogParent), config_(config) {
  progressTimer_ = new QTimer(this);
  progressTimer_->setSingleShot(true);
  connect(progressTimer_, &QTimer::timeout, this, &FrameNavigator::showProgress);
  connect(&doc_, &Document::sequenceChanged, this, &FrameNavigator::cancel);
}

FrameNavigator::~FrameNavigator() {
  if (job_ && !job_->handled) {
    job_->thread->wait();
    job_->handled = true;
    delete job_->thread;
  }
}

std::size_t FrameNavigator::target() const {
  return pending_ ? *pending_ : doc_.currentFrame();
}

QProgressDialog* FrameNavigator::progressDialog() const {
  return progress_;
}

bool FrameNavigator::step(long delta) {
  if (!doc_.isOpen()) return false;
  const long last = static_cast<long>(doc_.frameCount()) - 1;
  return goTo(static_cast<std::size_t>(std::clamp(static_cast<long>(target()) + delta, 0L, last)));
}

bool FrameNavigator::goTo(std::size_t frame) {
  if (!doc_.isOpen()) return false;
  frame = std::min(frame, doc_.frameCount() - 1);
  if (doc_.cache().contains(frame) || (!pending_ && frame == doc_.currentFrame())) {
    arrive(frame);
    return true;
  }
  const bool wasLoading = pending_.has_value();
  pending_ = frame;
  if (!wasLoading) {
    emit loadingChanged(true);
    progressTimer_->start(config_.progressDelayMs);
  } else if (progress_) {
    progress_->setLabelText(tr("Reading frame %1...").arg(frame + 1));
  }
  if (!job_) startRead(frame);  // a read in flight retargets when it finishes
  return !pending_ && doc_.currentFrame() == frame;
}

void FrameNavigator::startRead(std::size_t frame) {
  auto job = std::make_shared<Job>();
  job->frame = frame;
  job->cache = doc_.sharedCache();
  job->thread = QThread::create([cache = job->cache, frame] {
    try {
      cache->get(frame);
    } catch (...) {
      // unreadable: the document changes frame anyway and the view reports the error
    }
  });
  job_ = job;
  connect(job->thread, &QThread::finished, this, [this, job] { onReadFinished(job); });
  job->thread->start();
  if (job->thread->wait(QDeadlineTimer(config_.syncWaitMs))) onReadFinished(job);
}

void FrameNavigator::onReadFinished(const std::shared_ptr<Job>& job) {
  if (job->handled) return;
  job->handled = true;
  job->thread->deleteLater();
  if (job_ == job) job_.reset();
  if (!pending_) return;  // cancelled
  const bool sameCache = job->cache == doc_.sharedCache();
  if (doc_.cache().contains(*pending_) || (sameCache && job->frame == *pending_))
    arrive(*pending_);
  else
    startRead(*pending_);  // retargeted (or a new sequence) while reading
}

void FrameNavigator::arrive(std::size_t frame) {
  pending_.reset();
  finishLoading();
  doc_.setCurrentFrame(frame);
  emit arrived(static_cast<int>(frame));
}

void FrameNavigator::cancel() {
  if (!pending_) return;
  pending_.reset();
  finishLoading();
}

void FrameNavigator::finishLoading() {
  const bool wasShowing = progressTimer_->isActive() || progress_;
  progressTimer_->stop();
  if (progress_) {
    progress_->disconnect(this);
    progress_->close();
    progress_->deleteLater();
    progress_ = nullptr;
  }
  if (wasShowing) emit loadingChanged(false);
}

void FrameNavigator::showProgress() {
  if (!pending_ || progress_) return;
  const QString file =
      QFileInfo(QString::fromStdString(doc_.sequence().sweepPathOf(*pending_))).fileName();
  progress_ = new QProgressDialog(tr("Reading frame %1 (%2)...").arg(*pending_ + 1).arg(file),
                                  tr("Cancel"), 0, 0, dialogParent_);
  progress_->setObjectName(QStringLiteral("frameLoadProgress"));
  progress_->setWindowTitle(tr("Reading sweep"));
  progress_->setWindowModality(Qt::NonModal);
  progress_->setMinimumDuration(0);
  progress_->setAutoClose(false);
  progress_->setAutoReset(false);
  connect(progress_, &QProgressDialog::canceled, this, &FrameNavigator::cancel);
  progress_->show();
}

}  // namespace lidarlabel
