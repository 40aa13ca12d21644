#include "lidarlabel/app/prelabel_runner.h"

#include <QMetaObject>
#include <QPointer>
#include <QThread>
#include <map>
#include <set>
#include <stdexcept>

#include "lidarlabel/app/commands/set_frame_objects.h"
#include "lidarlabel/core/box_iou.h"
#include "lidarlabel/core/traffic_side.h"

namespace lidarlabel {

namespace {
struct Cancelled {};  // thrown from the loader / progress callback to stop prelabelSequence
}  // namespace

int applyPrelabels(Document& document, const Sequence& result, const PrelabelMergeConfig& config) {
  if (result.size() != document.frameCount())
    throw std::invalid_argument("pre-labelling result has " + std::to_string(result.size()) +
                                " frames, the sequence " + std::to_string(document.frameCount()));
  std::map<std::uint32_t, ObjectId> newIds;  // result track id -> document track id
  std::set<std::uint32_t> resultTracks;
  for (const Frame& f : result.frames)
    for (const ObjectAnnotation& o : f.objects) resultTracks.insert(o.trackId);
  // One block of ids for all new tracks (a team server hands them out: no collision with others).
  ObjectId nextId = resultTracks.empty() ? 0 : document.newTrackIds(resultTracks.size());
  int added = 0;
  std::vector<std::pair<std::size_t, std::vector<ObjectAnnotation>>> writes;
  for (std::size_t f = 0; f < result.size(); ++f) {
    std::vector<ObjectAnnotation> kept;
    for (const ObjectAnnotation& o : document.objects(f))
      if (!(config.replaceUnacceptedAutomatic && o.provenance == Provenance::Automatic &&
            o.review != ReviewState::Accepted))
        kept.push_back(o);
    std::vector<ObjectAnnotation> objects = kept;
    for (ObjectAnnotation o : result.frames[f].objects) {
      const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const ObjectAnnotation& k) {
        return bevIoU(k.box, o.box) > config.maxOverlapIoU;
      });
      if (overlaps) continue;
      const auto [it, inserted] = newIds.try_emplace(o.trackId, nextId);
      if (inserted) ++nextId;
      o.trackId = it->second;
      o.provenance = Provenance::Automatic;
      o.review = ReviewState::Unreviewed;
      objects.push_back(std::move(o));
      ++added;
    }
    if (objects != document.objects(f)) writes.emplace_back(f, std::move(objects));
  }
  if (writes.empty()) return 0;
  QUndoStack* stack = document.undoStack();
  stack->beginMacro(QObject::tr("Pre-label sequence (%n box(es))", nullptr, added));
  for (auto& [frame, objects] : writes)
    stack->push(new SetFrameObjectsCommand(document, frame, std::move(objects),
                                           QObject::tr("Pre-label frame")));
  stack->endMacro();
  return added;
}

// State shared by the UI thread and the worker.
struct PrelabelRunner::Run {
  std::atomic<bool> cancel = false;
  std::shared_ptr<FrameCache> cache;  // identifies the sequence the run started on
  Sequence sequence;
  Ontology ontology;
  Sequence result;
  std::optional<TrafficVotes> votes;  // when the run had to find the side of the road
  bool ok = false;
  bool cancelled = false;
  std::string error;
};

PrelabelRunner::PrelabelRunner(Document& document, PrelabelConfig config, PrelabelMergeConfig merge,
                               QObject* parent)
    : QObject(parent), doc_(document), config_(std::move(config)), merge_(merge) {}

PrelabelRunner::~PrelabelRunner() {
  if (!thread_) return;
  run_->cancel = true;
  thread_->wait();
  delete thread_;
}

bool PrelabelRunner::start() {
  if (thread_ || !doc_.isOpen()) return false;
  auto run = std::make_shared<Run>();
  run->cache = doc_.sharedCache();
  run->sequence = doc_.sequence();  // boxes and metadata only: the sweeps stay on disk
  run->ontology = doc_.ontology();
  run_ = run;
  QPointer<PrelabelRunner> self(this);
  PrelabelConfig config = config_;
  const std::optional<TrafficSide> known =
      traffic_ ? traffic_ : recordedTrafficSide(run->sequence.metadata);
  if (known) config.traffic.side = *known;
  detected_.reset();
  thread_ = QThread::create([run, self, config, detect = !known] {
    const SweepLoader load = [run](std::size_t f) {
      if (run->cancel) throw Cancelled{};
      return PointCloud(*run->cache->read(f));  // cached sweeps are reused, none is added
    };
    const auto progress = [run, self](std::size_t done, std::size_t total) {
      if (run->cancel) throw Cancelled{};
      QMetaObject::invokeMethod(
          self,
          [self, done, total] {
            if (self) emit self->progress(static_cast<int>(done), static_cast<int>(total));
          },
          Qt::QueuedConnection);
    };
    try {
      if (detect) {
        TrafficVotes votes;
        run->result = prelabelDetectingTraffic(run->sequence, load, run->ontology, config, nullptr,
                                               &votes, progress);
        run->votes = votes;
      } else {
        run->result =
            prelabelSequence(run->sequence, load, run->ontology, config, nullptr, progress);
      }
      run->ok = true;
    } catch (const Cancelled&) {
      run->cancelled = true;
    } catch (const std::exception& e) {
      run->cancelled = run->cancel;
      run->error = e.what();
    }
  });
  connect(thread_, &QThread::finished, this, &PrelabelRunner::onThreadFinished);
  thread_->start();
  return true;
}

void PrelabelRunner::cancel() {
  if (run_) run_->cancel = true;
}

void PrelabelRunner::onThreadFinished() {
  thread_->deleteLater();
  thread_ = nullptr;
  const std::shared_ptr<Run> run = std::move(run_);
  if (run->cancelled || run->cancel || run->cache != doc_.sharedCache()) {
    emit cancelled();  // cancelled, or another sequence was opened meanwhile
    return;
  }
  if (!run->ok) {
    emit failed(QString::fromStdString(run->error));
    return;
  }
  detected_ = run->votes;
  try {
    emit finished(applyPrelabels(doc_, run->result, merge_));
  } catch (const std::exception& e) {
    emit failed(QString::fromStdString(e.what()));
  }
}

}  // namespace lidarlabel
