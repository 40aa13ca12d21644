#pragma once
// The label checks (core/checks.h) on the open document, for the Check results dock: widget-free.
// A run works on a snapshot of the sequence (boxes, poses, review; no sweeps) on a worker
// thread, so the window never waits for it. After each edit (objects added, removed, changed) a
// new run starts once edits pause for config.debounceMs; an edit during a run makes another run
// follow it. Results of a run overtaken by opening another sequence are dropped.
//
// Families: the box and track checks always; the points family (too few points, floating, sunk,
// point labels) only when setPoints(true): it reads every frame's sweep (through the document's
// frame cache, which it does not fill) and its labels (unsaved edits included), so it is off by
// default and meant for an on-demand run.
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <vector>

#include "lidarlabel/app/document.h"
#include "lidarlabel/core/checks.h"

class QThread;
class QTimer;

namespace lidarlabel {

struct CheckRunnerConfig {
  int debounceMs = 500;  // quiet time after the last edit before the checks run again
  bool autoRun = true;   // run after edits and when a sequence opens
  CheckConfig checks;    // thresholds and switches passed to runChecks
};

class CheckRunner : public QObject {
  Q_OBJECT
 public:
  explicit CheckRunner(Document& document, CheckRunnerConfig config = {},
                       QObject* parent = nullptr);
  ~CheckRunner() override;  // cancels a run and waits for its worker

  // Starts a run now (or right after the one in flight); false when nothing is open.
  bool run();
  void setPoints(bool on) { points_ = on; }
  bool points() const { return points_; }
  void setAutoRun(bool on) { config_.autoRun = on; }
  bool isRunning() const { return thread_ != nullptr; }
  // The last finished run's findings (sorted as runChecks sorts them).
  const std::vector<Finding>& findings() const { return findings_; }
  // Runs finished so far (tests).
  int runsFinished() const { return runsFinished_; }

 signals:
  void started();
  void progress(int done, int total);
  void finished();  // findings() holds the new result
  void failed(const QString& message);

 private:
  struct Run;
  void schedule();
  void onThreadFinished();

  Document& doc_;
  CheckRunnerConfig config_;
  bool points_ = false;
  bool pending_ = false;  // another run was asked for while one was going
  std::shared_ptr<Run> run_;
  QThread* thread_ = nullptr;
  QTimer* debounce_ = nullptr;
  std::vector<Finding> findings_;
  int runsFinished_ = 0;
};

}  // namespace lidarlabel
