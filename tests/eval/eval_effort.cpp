// lidarlabel-eval --effort: interactions per correct box for the scripted annotator
// (effort_annotator.h) in three settings: with the automation (pre-labels, one-click fit,
// propagation by the tracker); the tools without pre-labels (one-click fit and propagation from
// an empty sequence); fully manual (default boxes, nudges, drags, class / heading / track id,
// copy to the next frame, linear interpolation between the annotator's own keyframes).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "effort_annotator.h"
#include "eval_common.h"
#include "eval_sections.h"
#include "lidarlabel/app/document.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/points_in_box.h"
#include "lidarlabel/core/prelabel.h"
#include "lidarlabel/sim/write.h"

namespace lidarlabel::eval {

namespace {
constexpr std::size_t kRequiredPoints = 30;

Eigen::Vector3d pointOf(const PointCloud& c, std::uint32_t i) {
  return {c.x[i], c.y[i], c.z[i]};
}

// What the annotator sees in each frame of a document opened with its ground truth: the objects
// (their points from the point labels' instances inside the GT box, else the points inside it).
std::vector<SeenFrame> seenFrames(Document& doc) {
  std::vector<SeenFrame> out(doc.frameCount());
  for (std::size_t f = 0; f < doc.frameCount(); ++f) {
    const auto cloud = doc.cloud(f);
    const auto labels = doc.pointLabels(f);
    for (const ObjectAnnotation& o : doc.objects(f)) {
      SeenObject s;
      s.gtId = o.trackId;
      s.className = o.className;
      s.truth = o.box;
      if (labels && labels->instance.size() == cloud->size()) {
        const auto inst = static_cast<std::uint16_t>(o.trackId & 0xFFFF);
        // Inside the box only: a person drags a face to the body, not to a side mirror (the
        // simulator's clutter puts mirror points, with the instance, outside the box).
        for (std::uint32_t i = 0; i < cloud->size(); ++i)
          if (labels->instance[i] == inst && o.box.contains(pointOf(*cloud, i)))
            s.points.push_back(pointOf(*cloud, i));
      } else {
        for (std::uint32_t i : indicesInBox(*cloud, o.box)) s.points.push_back(pointOf(*cloud, i));
      }
      if (s.points.size() >= kRequiredPoints)
        out[f].required.push_back(std::move(s));
      else
        out[f].ignored.push_back(std::move(s));
    }
  }
  return out;
}

// The document's sequence without its boxes, then (automation) the pre-labels put in.
void startFrom(Document& doc, bool automation, bool tracked) {
  Sequence s = doc.sequence();
  for (Frame& f : s.frames) f.objects.clear();
  if (automation && tracked) {
    std::vector<std::shared_ptr<const PointCloud>> clouds;  // the loader runs on a second thread
    for (std::size_t f = 0; f < s.frames.size(); ++f) clouds.push_back(doc.cloud(f));
    s = prelabelSequence(
        s, [&](std::size_t f) { return *clouds[f]; }, doc.ontology());
  } else if (automation) {
    for (std::size_t f = 0; f < s.frames.size(); ++f) {
      const auto cloud = doc.cloud(f);
      s.frames[f].objects = detectObjects(*cloud, removeGround(*cloud), doc.ontology());
      std::uint32_t id = 1;
      for (ObjectAnnotation& o : s.frames[f].objects) o.trackId = id++;
    }
  }
  doc.setSequence(std::move(s), doc.folder());
}

struct Run {
  AnnotatorResult automation, tools, manual;
  std::size_t frames = 0;
};

enum class Setting { Automation, ToolsOnly, Manual };

AnnotatorResult runSetting(const std::string& folder, bool tracked, Setting setting,
                           std::size_t& frames) {
  Document doc;
  doc.open(folder);
  const std::vector<SeenFrame> seen = seenFrames(doc);
  startFrom(doc, setting == Setting::Automation, tracked);
  EditorConfig ec;
  ec.interpolation.spline = false;  // the manual keyframe tool: plain linear interpolation
  Editor editor(doc, ec);
  AnnotatorConfig cfg;
  cfg.automation = setting != Setting::Manual;
  cfg.trackIds = tracked;
  cfg.cameraViewOnly = !tracked;  // the KITTI object sample: label_2 covers the camera view
  frames = doc.frameCount();
  return annotate(editor, seen, cfg);
}

Run runOn(const std::string& folder, bool tracked) {
  Run r;
  r.automation = runSetting(folder, tracked, Setting::Automation, r.frames);
  r.tools = runSetting(folder, tracked, Setting::ToolsOnly, r.frames);
  r.manual = runSetting(folder, tracked, Setting::Manual, r.frames);
  return r;
}

double perBox(const AnnotatorResult& a) {
  return a.boxes ? static_cast<double>(a.total()) / a.boxes : 0.0;
}

void printRun(const std::string& name, const Run& r) {
  std::printf("#### %s\n\n", name.c_str());
  InteractionCounts kinds = r.automation.counts;
  for (const auto* c : {&r.tools.counts, &r.manual.counts})
    for (const auto& [k, n] : *c) kinds[k] += 0;
  Table t;
  t.header = {"interaction", "with automation", "tools without pre-labels", "fully manual"};
  const auto get = [](const InteractionCounts& c, const std::string& k) {
    const auto it = c.find(k);
    return it == c.end() ? 0 : it->second;
  };
  const AnnotatorResult* runs[] = {&r.automation, &r.tools, &r.manual};
  const auto row = [&](const std::string& label,
                       const std::function<std::string(const AnnotatorResult&)>& value) {
    std::vector<std::string> cells{label};
    for (const AnnotatorResult* a : runs) cells.push_back(value(*a));
    t.rows.push_back(std::move(cells));
  };
  for (const auto& entry : kinds) {
    const std::string& kind = entry.first;
    row(kind, [&](const AnnotatorResult& a) { return std::to_string(get(a.counts, kind)); });
  }
  row("**total**",
      [](const AnnotatorResult& a) { return "**" + std::to_string(a.total()) + "**"; });
  row("boxes (object-frames, 30+ points)",
      [](const AnnotatorResult& a) { return std::to_string(a.boxes); });
  row("**interactions per box**",
      [](const AnnotatorResult& a) { return "**" + fmt(perBox(a), 2) + "**"; });
  row("boxes good without an edit (not the annotator's own: pre-labelled, propagated, "
      "interpolated)",
      [](const AnnotatorResult& a) { return std::to_string(a.goodAsIs); });
  row("left unresolved", [](const AnnotatorResult& a) { return std::to_string(a.unresolved); });
  row("fixed in the review pass (spoilt by a later whole-track action)",
      [](const AnnotatorResult& a) { return std::to_string(a.reviewed); });
  row("not good in the final document",
      [](const AnnotatorResult& a) { return std::to_string(a.spoilt); });
  row("false boxes in the final document",
      [](const AnnotatorResult& a) { return std::to_string(a.falseLeft); });
  t.print();
  std::printf(
      "\nfully manual / with automation: %.1fx; tools without pre-labels / with "
      "automation: %.1fx\n\n",
      perBox(r.automation) > 0 ? perBox(r.manual) / perBox(r.automation) : 0.0,
      perBox(r.automation) > 0 ? perBox(r.tools) / perBox(r.automation) : 0.0);
}
}  // namespace

int effortMain(std::uint64_t seed, int frames, bool clutter) {
  std::printf("### Annotation effort (scripted annotator)\n\n");
  std::printf(
      "The annotator works only through the Editor, one call per interaction; it looks at the "
      "ground truth only to choose its next interaction and to judge a box (3D IoU >= 0.7, right "
      "class, heading within 45 deg for vehicles and cyclists and 90 deg for pedestrians, the "
      "same track id for the same object in every frame); it never copies a ground-truth value "
      "(clicks on the object's points, face drags to its outermost points, a quarter turn of the "
      "rotate handle for a box pointing across its object, nudge keys). At the end it scrubs "
      "through once more and fixes, one box at a time, what a later whole-track action spoilt. "
      "Objects with 30+ points must be boxed; every other box "
      "not on an object is deleted; a box the automation made good needs no interaction (pressing "
      "accept on each would add one per such box: the row \"good without an edit\"). Decisions "
      "about a whole track (delete it, end it from this frame on, set its class, flip its heading) "
      "are one interaction when every frame of the track justifies them, as a person sees "
      "scrubbing the timeline; the annotator propagates the tracks it corrected to the end of "
      "the sequence. KITTI: only "
      "boxes in the camera's field of view are judged (label_2 covers only that). Three "
      "settings: with automation (pre-labels, one-click fit, propagation by the tracker); tools "
      "without pre-labels (the same annotator from an empty sequence: one-click fit and "
      "propagation); fully manual (no pre-labels, no one-click fit, no tracker: default boxes at "
      "a point of the object, nudge keys, face drags, class / heading / track id, copy to the "
      "next frame for objects that stay put, and for objects that move a keyframe at their first "
      "and last frame with plain linear interpolation between, a further keyframe where an "
      "interpolated box is not good). The summary line's manual_per_box is the fully manual "
      "setting.\n\n");
  // KITTI object sample: single frames, detection only.
  const Run kitti = runOn(sampleData("kitti_object/training"), false);
  printRun("KITTI object 000000-000005 (bundled real frames, detection only)", kitti);
  const auto dir = std::filesystem::temp_directory_path() /
                   ("lidarlabel-effort-" + std::to_string(seed) + "-" +
                    std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  sim::SimulationConfig cfg;
  cfg.seed = seed;
  cfg.frames = frames;
  cfg.scene.clutter.enabled = clutter;
  sim::writeSimulatedSequence(cfg, dir.string());
  Run syn;
  try {
    syn = runOn(dir.string(), true);
  } catch (...) {
    std::filesystem::remove_all(dir);
    throw;
  }
  std::filesystem::remove_all(dir);
  printRun("synthetic seed " + std::to_string(seed) + ", " + std::to_string(frames) +
               " frames (tracked, " + (clutter ? "with" : "without") + " street clutter)",
           syn);
  std::printf("effort interactions_per_box=%.2f manual_per_box=%.2f boxes=%d frames=%zu\n",
              perBox(syn.automation), perBox(syn.manual), syn.automation.boxes, syn.frames);
  return 0;
}

}  // namespace lidarlabel::eval
