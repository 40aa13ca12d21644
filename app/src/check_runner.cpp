#include "lidarlabel/app/check_runner.h"

#include <QPointer>
#include <QThread>
#include <QTimer>
#include <map>

#include "lidarlabel/io/frame_labels.h"
#include "workspace_internal.h"

namespace lidarlabel {

namespace {
struct Cancelled {};
}  // namespace

struct CheckRunner::Run {
  std::atomic<bool> cancel = false;
  std::shared_ptr<FrameCache> cache;  // identifies the sequence the run started on
  Sequence sequence;
  Ontology ontology;
  CheckConfig config;
  bool points = false;
  std::map<std::size_t, PointLabels> unsavedLabels;  // edited labels not on disk yet
  std::vector<Finding> findings;
  std::vector<Finding> loadErrors;  // unreadable sweeps / label files (as lidarlabel-cli check)
  bool ok = false;
  std::string error;
};

CheckRunner::CheckRunner(Document& document, CheckRunnerConfig config, QObject* parent)
    : QObject(parent), doc_(document), config_(std::move(config)) {
  debounce_ = new QTimer(this);
  debounce_->setSingleShot(true);
  debounce_->setInterval(std::max(0, config_.debounceMs));
  connect(debounce_, &QTimer::timeout, this, [this] { run(); });
  auto edited = [this] {
    if (config_.autoRun) schedule();
  };
  connect(&doc_, &Document::objectsAdded, this, edited);
  connect(&doc_, &Document::objectsRemoved, this, edited);
  connect(&doc_, &Document::objectsChanged, this, [this](const ObjectsEvent& e) {
    // A review decision or comment changes no check's input.
    if (config_.autoRun && (e.properties & ~unsigned(kPropReview))) schedule();
  });
  connect(&doc_, &Document::sequenceChanged, this, [this] {
    findings_.clear();
    emit finished();
    if (config_.autoRun) run();  // at once: the dock says "Checking..." rather than "none"
  });
}

CheckRunner::~CheckRunner() {
  if (!thread_) return;
  run_->cancel = true;
  thread_->wait();
  delete thread_;
}

void CheckRunner::schedule() {
  debounce_->start();
}

bool CheckRunner::run() {
  debounce_->stop();
  if (!doc_.isOpen()) return false;
  if (thread_) {
    pending_ = true;
    return true;
  }
  auto run = std::make_shared<Run>();
  run->cache = doc_.sharedCache();
  run->sequence = doc_.sequence();
  run->ontology = doc_.ontology();
  run->config = config_.checks;
  run->points = points_;
  if (points_)
    for (auto& s : workspace_detail::snapshotUnsavedLabels(doc_))
      run->unsavedLabels[s.frame] = std::move(s.labels);
  run_ = run;
  QPointer<CheckRunner> self(this);
  thread_ = QThread::create([run, self] {
    FramePointsLoader load;
    if (run->points)
      load = [run](std::size_t f) -> std::optional<FramePoints> {
        if (run->cancel) throw Cancelled{};
        try {
          FramePoints p;
          p.cloud = PointCloud(*run->cache->read(f));
          const auto it = run->unsavedLabels.find(f);
          p.labels = it != run->unsavedLabels.end()
                         ? it->second
                         : readFramePointLabels(run->sequence, f, p.cloud.size(), run->ontology);
          return p;
        } catch (const std::exception& e) {  // its points checks are skipped, and said
          Finding u;
          u.check = "unreadable";
          u.severity = Severity::Error;
          u.frame = static_cast<long long>(f);
          u.message = e.what();
          run->loadErrors.push_back(std::move(u));
          return std::nullopt;
        }
      };
    try {
      run->findings =
          runChecks(run->sequence, run->ontology, load, run->config,
                    [run, self](std::size_t done, std::size_t total) {
                      if (run->cancel) throw Cancelled{};
                      QMetaObject::invokeMethod(
                          self,
                          [self, done, total] {
                            if (self)
                              emit self->progress(static_cast<int>(done), static_cast<int>(total));
                          },
                          Qt::QueuedConnection);
                    });
      run->findings.insert(run->findings.begin(), run->loadErrors.begin(), run->loadErrors.end());
      run->ok = true;
    } catch (const Cancelled&) {
    } catch (const std::exception& e) {
      run->error = e.what();
    }
  });
  connect(thread_, &QThread::finished, this, &CheckRunner::onThreadFinished);
  thread_->start();
  emit started();
  return true;
}

void CheckRunner::onThreadFinished() {
  thread_->deleteLater();
  thread_ = nullptr;
  const std::shared_ptr<Run> done = std::move(run_);
  const bool current = done->cache == doc_.sharedCache();
  if (current && done->ok) {
    findings_ = std::move(done->findings);
    ++runsFinished_;
    emit finished();
  } else if (current && !done->cancel) {
    emit failed(QString::fromStdString(done->error));
  }
  if (pending_) {
    pending_ = false;
    run();
  }
}

}  // namespace lidarlabel
