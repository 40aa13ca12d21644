#pragma once
// Frame changes that never wait on the disk: the window's frame keys, the timeline, playback and
// "next frame needing attention" go through a FrameNavigator instead of Document::setCurrentFrame.
//
// goTo(f): when f's sweep is in memory (prefetched, see DocumentConfig::prefetch) the document
// changes frame at once. Otherwise the sweep is read on a worker thread; a read finishing within
// config.syncWaitMs is shown at once as well (no flicker of the old frame); a longer one returns
// control to the event loop with the document still on its frame, and after
// config.progressDelayMs a progress dialog (busy bar, the file name, Cancel) appears. When the
// read finishes the document changes to f; Cancel (or cancel()) forgets the request and the
// document stays on the frame it showed. Only the latest request counts: stepping again while
// a read is pending retargets it. A sweep that cannot be read still changes the frame (the view
// reports the error and the boxes stay editable).
#include <QObject>
#include <QPointer>
#include <QProgressDialog>
#include <cstddef>
#include <memory>
#include <optional>

class QTimer;
class QWidget;

namespace lidarlabel {

class Document;

struct FrameNavigatorConfig {
  int syncWaitMs = 200;       // a read this short is waited for (the frame changes in goTo)
  int progressDelayMs = 500;  // a read longer than this shows the progress dialog
};

class FrameNavigator : public QObject {
  Q_OBJECT
 public:
  FrameNavigator(Document& document, QWidget* dialogParent, FrameNavigatorConfig config = {});
  ~FrameNavigator() override;  // waits for a read in flight (a read is not interruptible)

  // Shows frame `frame` (clamped to the sequence). True when the document is on it on return.
  bool goTo(std::size_t frame);
  // Relative to the frame being loaded when a read is pending, else to the current frame.
  bool step(long delta);
  // Forgets the pending request; the document stays on its frame.
  void cancel();

  bool isLoading() const { return pending_.has_value(); }
  // The frame a pending read will show, else the document's current frame.
  std::size_t target() const;
  // The progress dialog while it is shown, else null (tests).
  QProgressDialog* progressDialog() const;
  const FrameNavigatorConfig& config() const { return config_; }

 signals:
  void loadingChanged(bool loading);
  // The frame a goTo() asked for is now the current frame (at once or after its read).
  void arrived(int frame);

 private:
  struct Job;
  void startRead(std::size_t frame);
  void onReadFinished(const std::shared_ptr<Job>& job);
  void arrive(std::size_t frame);
  void showProgress();
  void finishLoading();

  Document& doc_;
  QWidget* dialogParent_;
  FrameNavigatorConfig config_;
  std::optional<std::size_t> pending_;  // the frame to show once read
  std::shared_ptr<Job> job_;            // the read in flight (at most one)
  QTimer* progressTimer_ = nullptr;
  QPointer<QProgressDialog> progress_;
};

}  // namespace lidarlabel
