#include "claim.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>

#include "lidarlabel/io/native_format.h"
#ifdef LIDARLABEL_HAVE_SERVER
#include "lidarlabel/io/pg_store.h"
#endif

namespace fs = std::filesystem;

namespace lidarlabel::cli {

bool claimMode(const Args& args) {
  if (!args.flag("claim")) {
    if (args.value("stage") || args.value("lease"))
      throw UsageError("--stage and --lease go with --claim");
    return false;
  }
  if (args.value("jobs") || args.value("shard"))
    throw UsageError(
        "--claim takes one task at a time: run several workers instead of --jobs / --shard");
  if (args.positional().size() != 1)
    throw UsageError(
        "--claim expects one server location postgresql://host/database/dataset/sequence");
  const std::string& where = args.positional()[0];
  if (where.rfind("postgresql://", 0) != 0 && where.rfind("postgres://", 0) != 0)
    throw UsageError(
        "--claim works on a server location "
        "(postgresql://host/database/dataset/sequence), not '" +
        where + "'; folders are split with --shard I/N");
  return true;
}

#ifdef LIDARLABEL_HAVE_SERVER

namespace {

// Unique per worker run: host, process, and randomness (workers on one host may share a pid
// namespace with others).
std::string workerToken() {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  std::random_device rd;
  char text[320];
  std::snprintf(text, sizeof text, "%s:%ld:%08x%08x", host, static_cast<long>(::getpid()), rd(),
                rd());
  return text;
}

// Renews the lease of the current task every third of the lease from its own connection, so a
// long computation on the main thread keeps the claim alive.
class Heartbeat {
 public:
  Heartbeat(std::unique_ptr<ServerStore> store, int leaseSeconds, std::string token)
      : store_(std::move(store)),
        lease_(leaseSeconds),
        token_(std::move(token)),
        thread_([this] { run(); }) {}
  ~Heartbeat() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      quit_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  void start(int taskId) {
    const std::lock_guard<std::mutex> lock(mutex_);
    task_ = taskId;
    lost_ = false;
  }
  // Stops renewing; true when a renewal found the claim taken over.
  bool stop() {
    const std::lock_guard<std::mutex> lock(mutex_);
    task_ = 0;
    return lost_;
  }

 private:
  void run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!quit_) {
      wake_.wait_for(lock, std::chrono::milliseconds(lease_ * 1000 / 3));
      if (quit_ || task_ == 0 || lost_) continue;
      const int task = task_;
      lock.unlock();
      bool held = true;
      try {
        held = store_->heartbeatFor(task, lease_, token_);
      } catch (const std::exception& e) {  // a lost connection: retried next time
        std::fprintf(stderr, "heartbeat of task %d: %s\n", task, e.what());
      }
      lock.lock();
      if (!held && task_ == task) lost_ = true;
    }
  }

  std::unique_ptr<ServerStore> store_;
  int lease_;
  std::string token_;
  std::mutex mutex_;
  std::condition_variable wake_;
  int task_ = 0;
  bool lost_ = false, quit_ = false;
  std::thread thread_;  // last: starts after the members it uses
};

// The task's frames from the server, its point labels written to `scratch`.
Sequence taskFrames(ServerStore& store, const StoredSequence& header, const ServerTask& t,
                    const std::string& scratch) {
  Sequence s;
  s.name = header.sequence.name;
  s.root = header.sequence.root;
  s.sweepFormat = header.sequence.sweepFormat;
  s.metadata = header.sequence.metadata;
  for (int f = t.firstFrame; f <= t.lastFrame; ++f) {
    StoredFrame stored = store.loadFrame(t.sequence, static_cast<std::size_t>(f));
    if (stored.labelVersion > 0) {
      const std::string path = scratch + "/" + std::to_string(f) + ".llpl";
      writePointLabels(path, store.loadPointLabels(t.sequence, static_cast<std::size_t>(f)).labels);
      stored.frame.pointLabelPath = path;
    } else {
      stored.frame.pointLabelPath.clear();
    }
    s.frames.push_back(std::move(stored.frame));
  }
  return s;
}

}  // namespace

int runClaimed(const Args& args, const ClaimSpec& spec,
               const std::function<TaskOutcome(const ClaimedTask&)>& work) {
  const std::string stage = args.valueOr("stage", spec.defaultStage);
  if (std::find(spec.stages.begin(), spec.stages.end(), stage) == spec.stages.end()) {
    std::string list;
    for (const std::string& s : spec.stages) list += (list.empty() ? "" : ", ") + s;
    throw UsageError(spec.command + " --claim works on stage " + list + ", not '" + stage + "'");
  }
  const long long lease = args.intOr("lease", 60);
  if (lease < 3 || lease > 86400) throw UsageError("--lease expects 3..86400 seconds");
  const auto [database, sequence] = splitServerLocation(args.positional()[0]);
  const std::unique_ptr<ServerStore> store = ServerStore::open(database);
  const std::string token = workerToken();
  Heartbeat heartbeat(ServerStore::open(database), static_cast<int>(lease), token);
  const StoredSequence header = store->loadSequence(sequence);
  const fs::path scratch =
      fs::temp_directory_path() / ("lidarlabel-claim-" + std::to_string(::getpid()));
  struct Cleanup {  // also when an error ends the loop
    const fs::path& path;
    ~Cleanup() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  } cleanup{scratch};
  std::size_t finished = 0, lost = 0;
  bool failed = false, findings = false;
  while (!failed) {
    const std::optional<ServerTask> t =
        store->claimTaskFor(stage, static_cast<int>(lease), sequence, token);
    if (!t) break;
    heartbeat.start(t->id);
    std::printf("task %d %s frames %d-%d (%s): ", t->id, t->sequence.c_str(), t->firstFrame,
                t->lastFrame, stage.c_str());
    std::fflush(stdout);
    TaskOutcome outcome;
    try {
      fs::remove_all(scratch);
      fs::create_directories(scratch);
      const ClaimedTask claimed{t->id,         t->sequence,
                                t->firstFrame, t->lastFrame,
                                t->stage,      taskFrames(*store, header, *t, scratch.string())};
      outcome = work(claimed);
    } catch (const std::exception& e) {  // its lease expires: another worker may retry it
      std::printf("error: %s\n", e.what());
      heartbeat.stop();
      failed = true;
      break;
    }
    if (heartbeat.stop()) {
      std::printf("lost claim (its lease expired and someone else took it): nothing committed\n");
      ++lost;
      continue;
    }
    try {
      const std::string next = store->finishTask(*t, token, outcome.action,
                                                 outcome.automatic ? &*outcome.automatic : nullptr);
      std::printf("%s -> %s\n%s", outcome.action.c_str(), next.c_str(), outcome.report.c_str());
      ++finished;
      findings = findings || outcome.findings;
    } catch (const ServerError& e) {
      if (e.sqlstate() != "55000") throw;
      std::printf("lost claim (its lease expired and someone else took it): nothing committed\n");
      ++lost;
    }
    std::fflush(stdout);
  }
  std::printf("%s %s: %zu task%s of stage %s finished, %zu lost to other workers%s\n",
              spec.command.c_str(), sequence.c_str(), finished, finished == 1 ? "" : "s",
              stage.c_str(), lost, failed ? ", stopped at an error" : "; no task left");
  return failed || findings ? 1 : 0;
}

#else

int runClaimed(const Args&, const ClaimSpec&,
               const std::function<TaskOutcome(const ClaimedTask&)>&) {
  throw UsageError("--claim needs a build with PostgreSQL team server support (libpq)");
}

#endif

}  // namespace lidarlabel::cli
