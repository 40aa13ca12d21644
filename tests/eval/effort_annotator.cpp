#include "effort_annotator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <numbers>
#include <optional>
#include <set>

#include "eval_sections.h"
#include "lidarlabel/core/assignment.h"
#include "lidarlabel/core/box_edit.h"
#include "lidarlabel/core/box_iou.h"
#include "lidarlabel/core/interpolation.h"
#include "lidarlabel/core/traffic_side.h"

namespace lidarlabel::eval {

int AnnotatorResult::total() const {
  int n = 0;
  for (const auto& [kind, count] : counts) n += count;
  return n;
}

namespace {

// One candidate edit: what it does to the box (for choosing) and how to perform it (the call).
struct Candidate {
  std::string kind;
  Cuboid result;
  std::function<bool(Editor&, ObjectId)> apply;
};

// How far a box may point from its object and still be good: 45 deg for a class with a long
// footprint (vehicles, cyclists: a box turned further has taken the width for the length, even
// when its sizes were then fitted to the footprint), 90 deg for a round one (pedestrians).
double headingTolerance(bool longClass) {
  return longClass ? std::numbers::pi / 4 : std::numbers::pi / 2;
}

bool headingOk(const Cuboid& box, const Cuboid& truth, bool longClass) {
  return std::abs(angleDiff(box.yaw, truth.yaw)) <= headingTolerance(longClass);
}

// Every single interaction that changes the box's geometry: nudge keys at the window's three
// step sizes, and face drags to the object's outermost points (+ 5 cm) as seen on screen.
std::vector<Candidate> candidates(const Cuboid& box, const SeenObject& object,
                                  const NudgeSteps& steps) {
  std::vector<Candidate> out;
  for (StepSize size : {StepSize::Fine, StepSize::Normal, StepSize::Coarse}) {
    for (int dir : {-1, 1}) {
      for (BoxAxis axis : {BoxAxis::Forward, BoxAxis::Left, BoxAxis::Up})
        out.push_back(
            {"nudge position", nudgePosition(box, axis, dir * steps.metres(size)),
             [=](Editor& e, ObjectId id) { return e.nudgePosition(id, axis, dir, size); }});
      out.push_back({"nudge yaw", nudgeYaw(box, dir * steps.radians(size)),
                     [=](Editor& e, ObjectId id) { return e.nudgeYaw(id, dir, size); }});
      for (BoxDimension d : {BoxDimension::Length, BoxDimension::Width, BoxDimension::Height})
        out.push_back({"nudge size", nudgeSize(box, d, dir * steps.metres(size)),
                       [=](Editor& e, ObjectId id) { return e.nudgeSize(id, d, dir, size); }});
    }
  }
  if (object.points.empty()) return out;
  for (BoxFace face : {BoxFace::Front, BoxFace::Back, BoxFace::Left, BoxFace::Right, BoxFace::Top,
                       BoxFace::Bottom}) {
    const Eigen::Vector3d n = faceNormal(box, face), c = faceCenter(box, face);
    double reach = -std::numeric_limits<double>::infinity();
    for (const Eigen::Vector3d& p : object.points) reach = std::max(reach, n.dot(p - c));
    const double move = reach + 0.05;
    if (std::abs(move) < 0.03) continue;
    const Eigen::Vector3d to = c + move * n;
    out.push_back({"drag face", dragFace(box, face, c, to), [=](Editor& e, ObjectId id) {
                     if (!e.beginDrag(id, DragKind::Face, c, face)) return false;
                     const bool ok = e.updateDrag(to);
                     e.endDrag();
                     return ok;
                   }});
  }
  return out;
}

class Session {
 public:
  Session(Editor& editor, const std::vector<SeenFrame>& frames, const AnnotatorConfig& config)
      : ed_(editor), frames_(frames), cfg_(config) {
    findMovers();
  }

  void frame(std::size_t f) {
    const SeenFrame& seen = frames_[f];
    Document& doc = ed_.document();
    doc.setCurrentFrame(f, false);
    if (!cfg_.trackIds) idOf_.clear();
    const std::vector<int> match = matchBoxes(seen);
    std::set<ObjectId> keep;
    for (std::size_t k = 0; k < seen.required.size(); ++k)
      if (match[k] >= 0) keep.insert(doc.objects(f)[static_cast<std::size_t>(match[k])].trackId);
    removeFalseBoxes(f, seen, keep);
    std::set<ObjectId> done, corrected;
    for (std::size_t k = 0; k < seen.required.size(); ++k) {
      const SeenObject& o = seen.required[k];
      std::optional<ObjectId> id;
      if (match[k] >= 0) id = idByTruth(o);
      const bool created = !id;
      if (!id) id = create(o);
      if (!id) {
        res_.unresolved++;
        continue;
      }
      const Outcome r = fix(f, *id, o, done);
      if (created && r.good && keyframing()) keyframeLast(f, o);
      if (!r.good) res_.unresolved++;
      if (r.geometryEdited) corrected.insert(idOf_[o.gtId]);
      done.insert(idOf_[o.gtId]);
      res_.boxes++;
    }
    if (cfg_.trackIds) carryForward(f, corrected);
  }

  AnnotatorResult result() const { return res_; }

  // The finished document against the stop rule, frame by frame: every object-frame whose box is
  // not good there now counts as spoilt (besides the unresolved ones, a box a later whole-track
  // edit turned, moved or deleted after the annotator had judged it good).
  void audit() {
    const Document& doc = ed_.document();
    for (std::size_t f = 0; f < frames_.size(); ++f) {
      for (const SeenObject& o : frames_[f].required) {
        const auto known = idOf_.find(o.gtId);
        if (known == idOf_.end()) continue;  // never boxed: already counted as unresolved
        if (!good(doc.object(f, known->second), o)) res_.spoilt++;
      }
      res_.falseLeft += static_cast<int>(falseBoxes(f).size());
    }
  }

  // The review pass (AnnotatorConfig::reviewPass): frame by frame, each known object's box that
  // is not good (or was deleted) is fixed or made again with single-box actions; then the
  // frame's false boxes are deleted one by one.
  void review() {
    single_ = true;
    Document& doc = ed_.document();
    for (std::size_t f = 0; f < frames_.size(); ++f) {
      doc.setCurrentFrame(f, false);
      std::set<ObjectId> done;
      for (const auto& [gt, id] : idOf_) done.insert(id);
      for (const SeenObject& o : frames_[f].required) {
        const auto known = idOf_.find(o.gtId);
        if (known == idOf_.end()) continue;
        const ObjectAnnotation* b = doc.object(f, known->second);
        if (good(b, o)) continue;
        const std::optional<ObjectId> id = b ? std::optional<ObjectId>(known->second) : create(o);
        if (id && fix(f, *id, o, done).good) res_.reviewed++;
      }
      for (ObjectId id : falseBoxes(f))
        if (ed_.remove({id}) > 0) count("delete");
    }
    single_ = false;
  }

  // Boxes of frame f a person deletes: in scope and on no object, or a second box on an object
  // that has its box (falseAt), unless they overlap a small object (neither needed nor false).
  std::vector<ObjectId> falseBoxes(std::size_t f) const {
    std::vector<ObjectId> out;
    for (const ObjectAnnotation& b : ed_.document().objects(f))
      if (!onSmallObject(frames_[f], b.box) && falseAt(f, b.trackId)) out.push_back(b.trackId);
    return out;
  }

  // The box overlaps an object with too few points to need a box (neither needed nor false).
  bool onSmallObject(const SeenFrame& seen, const Cuboid& box) const {
    for (const SeenObject& c : seen.ignored)
      if (iou3d(c.truth, box) >= cfg_.overlapIoU) return true;
    return false;
  }

 private:
  void count(const std::string& kind) { res_.counts[kind]++; }

  // The stop rule for one box: the object's class, 3D IoU >= goodIoU, heading within the
  // class's tolerance (headingTolerance).
  bool good(const ObjectAnnotation* b, const SeenObject& o) const {
    return b != nullptr && b->className == o.className && iou3d(b->box, o.truth) >= cfg_.goodIoU &&
           headingOk(b->box, o.truth, longClass(o));
  }

  bool longClass(const SeenObject& o) const {
    const ClassDef* cls = ed_.document().ontology().find(o.className);
    return cls != nullptr && followsTraffic(*cls);
  }

  // A box of a long class pointing across its object (between 45 and 135 deg off): one drag of
  // the rotate handle a quarter turn, towards the way the object points as the person sees it.
  // The sizes stay the box's; the geometry edits that follow fit them to the object.
  bool quarterTurn(ObjectId id, const Cuboid& box, const Cuboid& truth) {
    const double turn = (angleDiff(truth.yaw, box.yaw) > 0 ? 1.0 : -1.0) * std::numbers::pi / 2;
    const double r = std::max(box.size.x(), 1.0);  // the handle, in front of the box
    const auto handle = [&](double yaw) {
      return Eigen::Vector3d(box.center + r * Eigen::Vector3d(std::cos(yaw), std::sin(yaw), 0.0));
    };
    if (!ed_.beginDrag(id, DragKind::Rotate, handle(box.yaw))) return false;
    const bool ok = ed_.updateDrag(handle(box.yaw + turn));
    ed_.endDrag();
    return ok;
  }

  bool keyframing() const { return !cfg_.automation && cfg_.trackIds && cfg_.keyframeMovers; }

  // What a person sees scrubbing the timeline: which objects move in the world (their centre's
  // world displacement between their first and last required frame), and each one's last frame.
  void findMovers() {
    const Sequence& seq = ed_.document().sequence();
    std::map<std::uint32_t, Eigen::Vector3d> first;
    for (std::size_t f = 0; f < frames_.size(); ++f)
      for (const SeenObject& o : frames_[f].required) {
        const Eigen::Vector3d w = egoPoseOf(seq, f) * o.truth.center;
        first.emplace(o.gtId, w);
        lastFrame_[o.gtId] = f;
        if ((w - first[o.gtId]).head<2>().norm() > cfg_.moverDistance) movers_.insert(o.gtId);
      }
  }

  // Manual keyframing of a moving object just boxed in frame f: its box in its last frame (a
  // default box there, edited, given the track's id), then the frames between interpolated.
  void keyframeLast(std::size_t f, const SeenObject& o) {
    if (!movers_.count(o.gtId)) return;
    const std::size_t last = lastFrame_[o.gtId];
    const ObjectId id = idOf_[o.gtId];
    Document& doc = ed_.document();
    if (last <= f + 1 || doc.object(last, id) != nullptr) return;
    const SeenObject* there = nullptr;
    for (const SeenObject& c : frames_[last].required)
      if (c.gtId == o.gtId) there = &c;
    doc.setCurrentFrame(last, false);
    const std::optional<ObjectId> made = there ? create(*there) : std::nullopt;
    // The frame's own objects are matched and judged when the annotator gets there.
    if (made) fix(last, *made, *there, {});
    doc.setCurrentFrame(f, false);
    if (made && ed_.interpolate(id) > 0) count("interpolate");
  }

  bool inScope(const Cuboid& b) const {
    if (!cfg_.cameraViewOnly) return true;
    const double x = b.center.x(), y = b.center.y();
    return x > 0 && std::abs(std::atan2(y, x)) <= 40.0 * std::numbers::pi / 180.0 &&
           b.center.head<2>().norm() <= 70.0;
  }

  // The real object (required or not) a box of frame f lies on: the one it overlaps most, at
  // least overlapIoU; nullopt for a box on nothing (what a person sees scrubbing to frame f).
  std::optional<std::uint32_t> objectUnder(std::size_t f, const Cuboid& box) const {
    std::optional<std::uint32_t> best;
    double bestIoU = cfg_.overlapIoU;
    for (const auto* list : {&frames_[f].required, &frames_[f].ignored})
      for (const SeenObject& o : *list) {
        const double v = iou3d(o.truth, box);
        if (v >= bestIoU) bestIoU = v, best = o.gtId;
      }
    return best;
  }

  // The track's box in frame g is one a person deletes: in scope and on no object, or a second
  // box on an object that already has its box there (the annotator's track for it, else a box
  // covering it better). False when the track has no box in g.
  bool falseAt(std::size_t g, ObjectId id) const {
    const Document& doc = ed_.document();
    const ObjectAnnotation* b = doc.object(g, id);
    if (b == nullptr || !inScope(b->box)) return false;
    const std::optional<std::uint32_t> under = objectUnder(g, b->box);
    if (!under) return true;
    const auto known = idOf_.find(*under);
    if (known != idOf_.end()) return known->second != id && doc.object(g, known->second);
    const double mine = iou3d(b->box, truthOf(g, *under));
    for (const ObjectAnnotation& other : doc.objects(g))
      if (other.trackId != id && iou3d(other.box, truthOf(g, *under)) > mine) return true;
    return false;
  }

  // Every box of the track from frame `from` on is one a person deletes (see falseAt).
  bool falseFrom(std::size_t from, ObjectId id) const {
    const Document& doc = ed_.document();
    for (std::size_t g = from; g < doc.frameCount(); ++g)
      if (doc.object(g, id) != nullptr && !falseAt(g, id)) return false;
    return true;
  }

  const Cuboid& truthOf(std::size_t f, std::uint32_t gtId) const {
    for (const auto* list : {&frames_[f].required, &frames_[f].ignored})
      for (const SeenObject& o : *list)
        if (o.gtId == gtId) return o.truth;
    return frames_[f].required.front().truth;  // not reached: gtId comes from this frame
  }

  // Every box of the track, in every frame, lies on the real object gtId: a decision about the
  // track (class, heading) holds for all its boxes.
  bool trackOnObject(ObjectId id, std::uint32_t gtId) const {
    const Document& doc = ed_.document();
    for (std::size_t g = 0; g < doc.frameCount(); ++g) {
      const ObjectAnnotation* b = doc.object(g, id);
      if (b != nullptr && objectUnder(g, b->box) != gtId) return false;
    }
    return true;
  }

  // Boxes of the frame to required objects: Hungarian on 1 - 3D IoU, a box already carrying
  // the object's id is preferred. Returns per required object a box index or -1.
  std::vector<int> matchBoxes(const SeenFrame& seen) {
    const auto& objs = ed_.document().objects(ed_.document().currentFrame());
    std::vector<int> m(seen.required.size(), -1);
    if (objs.empty() || seen.required.empty()) return m;
    std::vector<Cuboid> truth, pred;
    for (const auto& o : seen.required) truth.push_back(o.truth);
    for (const auto& o : objs) pred.push_back(o.box);
    Eigen::MatrixXd cost(truth.size(), pred.size());
    for (std::size_t i = 0; i < truth.size(); ++i)
      for (std::size_t j = 0; j < pred.size(); ++j) {
        const double iou = iou3d(truth[i], pred[j]);
        const auto known = idOf_.find(seen.required[i].gtId);
        const bool sameId = known != idOf_.end() && known->second == objs[j].trackId;
        cost(i, j) = iou < cfg_.overlapIoU ? 1.0 : 1.0 - iou - (sameId ? 0.5 : 0.0);
      }
    const std::vector<int> a = solveGatedAssignment(cost, 1.0 - cfg_.overlapIoU);
    for (std::size_t i = 0; i < truth.size(); ++i) m[i] = a[i];
    matchedIds_.clear();
    for (std::size_t i = 0; i < truth.size(); ++i)
      if (m[i] >= 0)
        matchedIds_[seen.required[i].gtId] = objs[static_cast<std::size_t>(m[i])].trackId;
    return m;
  }

  std::optional<ObjectId> idByTruth(const SeenObject& o) {
    const auto it = matchedIds_.find(o.gtId);
    return it == matchedIds_.end() ? std::nullopt : std::optional<ObjectId>(it->second);
  }

  // Deletes every box that is no required object's box and overlaps no small object; on tracked
  // sequences a track false in every frame goes in one action (delete track), one false from
  // here on in one action (end track), else this frame's box.
  void removeFalseBoxes(std::size_t f, const SeenFrame& seen, const std::set<ObjectId>& keep) {
    std::vector<ObjectId> drop;
    for (const ObjectAnnotation& o : ed_.document().objects(f)) {
      if (keep.count(o.trackId) || !inScope(o.box)) continue;
      if (!onSmallObject(seen, o.box)) drop.push_back(o.trackId);
    }
    for (ObjectId id : drop) {
      if (cfg_.trackIds && falseFrom(0, id) && ed_.removeTracks({id}) > 0)
        count("delete track");
      else if (cfg_.trackIds && f + 1 < ed_.document().frameCount() && falseFrom(f + 1, id) &&
               ed_.endTracks({id}) > 0)
        count("end track");
      else if (ed_.remove({id}) > 0)
        count("delete");
    }
  }

  // A new box on the object: one click on the object's point nearest its points' centre
  // (automation), else the class's default box there.
  std::optional<ObjectId> create(const SeenObject& o) {
    if (o.points.empty()) return std::nullopt;
    Eigen::Vector3d mean = Eigen::Vector3d::Zero();
    for (const auto& p : o.points) mean += p;
    mean /= static_cast<double>(o.points.size());
    const Eigen::Vector3d* click = &o.points.front();
    for (const auto& p : o.points)
      if ((p - mean).squaredNorm() < (*click - mean).squaredNorm()) click = &p;
    std::optional<ObjectId> id;
    if (cfg_.automation) {
      id = ed_.createAtPoint(*click, o.className);
      if (id) count("one-click fit");
    }
    if (!id) {
      id = ed_.createDefaultAt(mean, o.className, 0.0);
      if (id) count("default box");
    }
    return id;
  }

  // The next edit of the box, as a person plans two moves ahead: one that makes the box good
  // at once (the best such), else the first move of the best two-move plan (ties: the better
  // first move); nullptr when nothing improves the box.
  const Candidate* nextEdit(const Cuboid& box, const SeenObject& o) {
    cands_ = candidates(box, o, ed_.steps());
    const double now = iou3d(box, o.truth);
    const Candidate* best = nullptr;
    double bestPlan = now + 1e-6, bestFirst = 0.0;
    for (const Candidate& c : cands_) {
      const double first = iou3d(c.result, o.truth);
      if (first >= cfg_.goodIoU && first > bestFirst) best = &c, bestFirst = first;
    }
    if (best != nullptr) return best;
    for (const Candidate& c : cands_) {
      const double first = iou3d(c.result, o.truth);
      double plan = first;
      for (const Candidate& d : candidates(c.result, o, ed_.steps()))
        plan = std::max(plan, iou3d(d.result, o.truth));
      if (plan > bestPlan + 1e-9 || (plan > bestPlan - 1e-9 && first > bestFirst && best)) {
        best = &c;
        bestPlan = std::max(plan, bestPlan);
        bestFirst = first;
      }
    }
    return best;
  }
  std::vector<Candidate> cands_;

  struct Outcome {
    bool good = false;            // the box is good now
    bool geometryEdited = false;  // nudges or drags were needed
  };

  // A decision about the box holds for its whole track: tracked sequences, every box of the track
  // on this object, and not the review pass (single-box actions only).
  bool wholeTrack(ObjectId id, const SeenObject& o) const {
    return cfg_.trackIds && !single_ && trackOnObject(id, o.gtId);
  }

  // Class, track id, heading, geometry, acceptance of one object's box. Class and heading are
  // set for the whole track when wholeTrack says so.
  Outcome fix(std::size_t f, ObjectId id, const SeenObject& o, const std::set<ObjectId>& done) {
    Document& doc = ed_.document();
    const auto* obj = doc.object(f, id);
    if (obj == nullptr) return {};
    bool classFixed = false, idFixed = false;
    if (obj->className != o.className) {
      if (wholeTrack(id, o) && ed_.setTrackClass(id, o.className) > 0) {
        count("set track class");
        classFixed = true;
      } else if (ed_.setClass(id, o.className)) {
        count("set class");
        classFixed = true;
      }
    }
    // Track id: the id this real object had before; a fresh one when its id belongs to another.
    const auto known = idOf_.find(o.gtId);
    ObjectId want = id;
    if (known != idOf_.end()) {
      want = known->second;
    } else {
      for (const auto& [gt, used] : idOf_)
        if (used == id && gt != o.gtId) want = doc.unusedTrackId();
    }
    if (want != id) {
      if (doc.object(f, want) != nullptr && !done.count(want)) {
        // The id is held by a box not yet checked in this frame: renumber that one out of the way.
        const ObjectId fresh = doc.unusedTrackId();
        if (ed_.setTrackId(want, fresh)) {
          count("set track id");
          for (auto& [gt, boxId] : matchedIds_)
            if (boxId == want) boxId = fresh;
        }
      }
      if (ed_.setTrackId(id, want)) {
        count("set track id");
        id = want;
        idFixed = true;
      }
    }
    idOf_[o.gtId] = id;
    bool edited = false, geometry = false;
    // Pointing back (more than 90 deg off, 135 for a long class): a flip; across: a quarter turn.
    const double off = std::abs(angleDiff(doc.object(f, id)->box.yaw, o.truth.yaw));
    const bool isLong = longClass(o);
    const double flipBeyond = isLong ? 3 * std::numbers::pi / 4 : std::numbers::pi / 2;
    if (off > headingTolerance(isLong) && off <= flipBeyond &&
        quarterTurn(id, doc.object(f, id)->box, o.truth)) {
      count("drag rotate");
      edited = geometry = true;
    } else if (off > flipBeyond) {
      if (wholeTrack(id, o) && ed_.flipTrackHeading(id) > 0) {
        count("flip track heading");
        edited = true;
      } else if (ed_.flipHeading(id)) {
        count("flip heading");
        edited = true;
      }
    }
    for (int step = 0; step < cfg_.maxEditsPerBox; ++step) {
      const Cuboid box = doc.object(f, id)->box;
      const double now = iou3d(box, o.truth);
      if (now >= cfg_.goodIoU) break;
      const Candidate* best = nextEdit(box, o);
      if (best == nullptr || !best->apply(ed_, id)) break;
      count(best->kind);
      edited = geometry = true;
    }
    obj = doc.object(f, id);
    if (!good(obj, o)) return {false, geometry};
    if (!edited && obj->provenance != Provenance::Manual && !classFixed && !idFixed) {
      res_.goodAsIs++;
      if (cfg_.acceptGoodBoxes && ed_.accept(id)) count("accept");
    }
    return {true, geometry};
  }

  // The track's box is good (or no box is needed) in every later frame where its object is.
  bool laterFramesGood(std::size_t f, ObjectId id, std::uint32_t gtId) const {
    const Document& doc = ed_.document();
    for (std::size_t g = f + 1; g < frames_.size(); ++g)
      for (const SeenObject& o : frames_[g].required) {
        if (o.gtId != gtId) continue;
        const ObjectAnnotation* b = doc.object(g, id);
        if (b == nullptr || iou3d(b->box, o.truth) < cfg_.goodIoU) return false;
      }
    return true;
  }

  // A later frame holds a box of the track (a keyframe the interpolation fills up to).
  bool boxLater(std::size_t f, ObjectId id) const {
    for (std::size_t g = f + 1; g < frames_.size(); ++g)
      if (ed_.document().object(g, id) != nullptr) return true;
    return false;
  }

  // Automation: the tracks corrected in this frame whose later boxes are not all good, and the
  // objects of the next frame without a box there, are propagated from this frame to the end of
  // the sequence in one action (the tracker re-fits the corrected size). Manual: a moving
  // object's track corrected here (a new keyframe) is interpolated again when a later box is not
  // good; the objects missing in the next frame get copies there.
  void carryForward(std::size_t f, const std::set<ObjectId>& corrected) {
    Document& doc = ed_.document();
    if (f + 1 >= doc.frameCount()) return;
    std::set<ObjectId> ids;
    for (const auto& [gt, id] : idOf_) {
      if (!corrected.count(id) || laterFramesGood(f, id, gt)) continue;
      if (cfg_.automation)
        ids.insert(id);
      else if (keyframing() && movers_.count(gt) && boxLater(f, id) && ed_.interpolate(id) > 0)
        count("interpolate");
    }
    for (const SeenObject& o : frames_[f + 1].required) {
      const auto known = idOf_.find(o.gtId);
      if (known == idOf_.end() || doc.object(f, known->second) == nullptr) continue;
      // An interpolated box of a moving object is fixed there, not replaced by a lagging copy.
      if (keyframing() && movers_.count(o.gtId) && doc.object(f + 1, known->second)) continue;
      bool covered = false;
      for (const ObjectAnnotation& b : doc.objects(f + 1))
        covered = covered || iou3d(b.box, o.truth) >= 0.5;
      if (!covered) ids.insert(known->second);
    }
    if (ids.empty()) return;
    const std::vector<ObjectId> list(ids.begin(), ids.end());
    if (cfg_.automation) {
      const int rest = static_cast<int>(doc.frameCount() - 1 - f);
      if (ed_.propagate(list, rest) > 0) count("propagate");
    } else if (ed_.copyToNextFrame(list) > 0) {
      count("copy to next frame");
    }
  }

  Editor& ed_;
  const std::vector<SeenFrame>& frames_;
  AnnotatorConfig cfg_;
  AnnotatorResult res_;
  std::map<std::uint32_t, ObjectId> idOf_;          // real object -> the annotator's track id
  std::map<std::uint32_t, ObjectId> matchedIds_;    // this frame: real object -> box id on it
  std::set<std::uint32_t> movers_;                  // real objects that move in the world
  std::map<std::uint32_t, std::size_t> lastFrame_;  // real object -> its last required frame
  bool single_ = false;                             // the review pass: single-box actions only
};

}  // namespace

AnnotatorResult annotate(Editor& editor, const std::vector<SeenFrame>& frames,
                         const AnnotatorConfig& config) {
  Session s(editor, frames, config);
  for (std::size_t f = 0; f < frames.size(); ++f) s.frame(f);
  if (config.reviewPass) s.review();
  s.audit();
  return s.result();
}

}  // namespace lidarlabel::eval
