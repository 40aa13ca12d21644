#pragma once
// Pre-labelling from the window: core's prelabelSequence() (ground, clustering, box fitting,
// tracking) over the whole open sequence on a worker thread, with progress and cancel; the UI
// stays usable meanwhile. The run works on a snapshot of the sequence; its result is merged into
// the document only when it finishes (applyPrelabels: one undo macro), so cancelling, or a run
// overtaken by opening another sequence, leaves the document unchanged.
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>

#include "lidarlabel/app/document.h"
#include "lidarlabel/core/prelabel.h"
#include "lidarlabel/core/traffic_detect.h"

class QThread;

namespace lidarlabel {

struct PrelabelMergeConfig {
  // Boxes of an earlier run still Automatic and not accepted are replaced by this run's.
  bool replaceUnacceptedAutomatic = true;
  // A detection overlapping a kept box of the frame (bird's-eye IoU above this) is dropped: the
  // annotator's box wins.
  double maxOverlapIoU = 0.1;
};

// Writes a pre-labelling result (one frame per document frame, as prelabelSequence returns it)
// into the document as Automatic boxes, in one undo macro. Each result track gets one unused
// track id of the document (tracks stay tracks). Returns the number of boxes added; 0 and no undo
// step when nothing changes. Throws std::invalid_argument when the frame counts differ.
int applyPrelabels(Document& document, const Sequence& result,
                   const PrelabelMergeConfig& config = {});

class PrelabelRunner : public QObject {
  Q_OBJECT
 public:
  explicit PrelabelRunner(Document& document, PrelabelConfig config = {},
                          PrelabelMergeConfig merge = {}, QObject* parent = nullptr);
  ~PrelabelRunner() override;  // cancels a run and waits for its worker

  // Starts a run on the open sequence; false when one is running or nothing is open. The traffic
  // side: setTrafficSide's, else the one the sequence records (core/traffic_side.h), else the one
  // the run's oncoming tracks show (prelabelDetectingTraffic: first with the config's side, again
  // with the other when they say so; detectedTraffic() has their votes).
  bool start();
  // Asks the run to stop (at the next sweep); cancelled() follows, the document is untouched.
  void cancel();
  bool isRunning() const { return thread_ != nullptr; }
  // The side of the road for the next runs (the window's choice); nullopt = as start() says.
  void setTrafficSide(std::optional<TrafficSide> side) { traffic_ = side; }
  // The votes of the oncoming tracks of the last finished run, when it had to find the side.
  std::optional<TrafficVotes> detectedTraffic() const { return detected_; }

 signals:
  void progress(int done, int total);  // frames done (UI thread)
  void finished(int boxesAdded);       // merged into the document (one undo step)
  void cancelled();
  void failed(const QString& message);

 private:
  struct Run;
  void onThreadFinished();

  Document& doc_;
  PrelabelConfig config_;
  std::optional<TrafficSide> traffic_;
  std::optional<TrafficVotes> detected_;
  PrelabelMergeConfig merge_;
  std::shared_ptr<Run> run_;
  QThread* thread_ = nullptr;
};

}  // namespace lidarlabel
