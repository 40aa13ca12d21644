// Editor: per-point labels (brush / lasso / eraser segments, fill from boxes, ground, the
// consistency fills). Selection geometry and the label values come from core
// (point_selection.h, label_consistency.h); the commands only write them (paint_points.h).
#include <QUndoStack>
#include <algorithm>

#include "lidarlabel/app/commands/paint_points.h"
#include "lidarlabel/app/editor.h"

namespace lidarlabel {

namespace {

struct FrameInputs {
  std::shared_ptr<const PointCloud> cloud;
  std::shared_ptr<const PointLabels> labels;  // null = unlabelled frame
};

std::optional<FrameInputs> inputs(Document& doc, std::size_t frame) {
  if (!doc.isOpen() || frame >= doc.frameCount()) return std::nullopt;
  try {
    FrameInputs in;
    in.cloud = doc.cloud(frame);
    in.labels = doc.pointLabels(frame);
    if (in.labels && in.labels->size() != in.cloud->size()) in.labels.reset();
    return in;
  } catch (const std::exception&) {
    return std::nullopt;  // an unreadable sweep or label file: the view reports it
  }
}

// The segments that write `groups` where labels change and the filter lets them.
std::vector<PaintSegment> segmentsFor(const FrameInputs& in, const std::vector<LabelGroup>& groups,
                                      const PointFilter& filter,
                                      const std::vector<std::uint8_t>* ground) {
  std::vector<PaintSegment> out;
  const PointLabels* l = in.labels.get();
  for (const LabelGroup& g : groups) {
    PaintSegment s{g.semantic, g.instance, {}, {}, {}};
    for (const std::uint32_t i : filterPoints(g.indices, filter, *in.cloud, l, ground)) {
      const std::uint16_t sem = l ? l->semantic[i] : 0, inst = l ? l->instance[i] : 0;
      if (sem == g.semantic && inst == g.instance) continue;
      s.indices.push_back(i);
      s.oldSemantic.push_back(sem);
      s.oldInstance.push_back(inst);
    }
    if (s.indices.empty()) continue;
    s.indices.shrink_to_fit();  // the undo record holds exactly 8 bytes per changed point
    s.oldSemantic.shrink_to_fit();
    s.oldInstance.shrink_to_fit();
    out.push_back(std::move(s));
  }
  return out;
}

std::size_t countPoints(const std::vector<PaintSegment>& segments) {
  std::size_t n = 0;
  for (const PaintSegment& s : segments) n += s.indices.size();
  return n;
}

std::vector<std::size_t> indicesOf(const std::vector<ObjectAnnotation>& objects,
                                   const std::vector<ObjectId>& ids) {
  std::vector<std::size_t> which;
  for (std::size_t k = 0; k < objects.size(); ++k)
    if (std::find(ids.begin(), ids.end(), objects[k].trackId) != ids.end()) which.push_back(k);
  return which;
}

}  // namespace

std::optional<std::uint16_t> Editor::semanticIdOf(const std::string& className) const {
  const ClassDef* c = document_.ontology().find(className);
  if (!c) return std::nullopt;
  return static_cast<std::uint16_t>(c->semanticKittiId);
}

int Editor::pushLabels(std::size_t frame, std::vector<LabelGroup> groups, const PointFilter& filter,
                       const QString& text, bool continuing) {
  if (!continuing) labelStroke_ = nullptr;
  const auto in = inputs(document_, frame);
  if (!in) return 0;
  std::shared_ptr<const GroundResult> g;
  if (filter.nonGroundOnly) g = ground(frame);
  std::vector<PaintSegment> segments = segmentsFor(*in, groups, filter, g ? &g->isGround : nullptr);
  const std::size_t n = countPoints(segments);
  if (n == 0) return 0;
  QUndoStack* stack = document_.undoStack();
  const bool merge = continuing && labelStroke_ && stack->count() > 0 &&
                     stack->index() == stack->count() &&
                     stack->command(stack->count() - 1) == labelStroke_;
  stack->push(new PaintPointsCommand(document_, frame, std::move(segments), text, merge));
  labelStroke_ = stack->command(stack->index() - 1);
  return static_cast<int>(n);
}

int Editor::paintPoints(const std::vector<std::uint32_t>& indices, std::uint16_t semantic,
                        std::uint16_t instance, const PointFilter& filter, bool continuing) {
  return pushLabels(document_.currentFrame(), {{semantic, instance, indices}}, filter,
                    QObject::tr("Paint points"), continuing);
}

int Editor::paintClass(const std::vector<std::uint32_t>& indices, const std::string& className,
                       std::uint16_t instance, const PointFilter& filter, bool continuing) {
  const auto sem = semanticIdOf(className);
  if (!sem) return 0;
  return pushLabels(document_.currentFrame(), {{*sem, instance, indices}}, filter,
                    QObject::tr("Paint %1").arg(QString::fromStdString(className)), continuing);
}

int Editor::erasePoints(const std::vector<std::uint32_t>& indices, const PointFilter& filter,
                        bool continuing) {
  return pushLabels(document_.currentFrame(), {{0, 0, indices}}, filter,
                    QObject::tr("Erase point labels"), continuing);
}

int Editor::fillFromBoxes(const std::vector<ObjectId>& ids, FillScope scope,
                          const PointFilter& filter) {
  if (!document_.isOpen()) return 0;
  labelStroke_ = nullptr;
  const std::size_t current = document_.currentFrame();
  std::vector<std::size_t> frames{current};
  if (scope == FillScope::Tracks) {
    frames.clear();
    for (std::size_t f = 0; f < document_.frameCount(); ++f)
      if (!indicesOf(document_.objects(f), ids).empty()) frames.push_back(f);
  }
  std::vector<std::pair<std::size_t, std::vector<PaintSegment>>> edits;
  std::size_t n = 0;
  for (const std::size_t f : frames) {
    const auto in = inputs(document_, f);
    if (!in) continue;
    const auto& objects = document_.objects(f);
    std::vector<std::size_t> which = indicesOf(objects, ids);
    if (scope == FillScope::Frame) {
      which.resize(objects.size());
      for (std::size_t k = 0; k < which.size(); ++k) which[k] = k;
    }
    std::shared_ptr<const GroundResult> g;
    if (filter.nonGroundOnly) g = ground(f);
    auto segments =
        segmentsFor(*in, labelsFromBoxes(*in->cloud, objects, which, document_.ontology()), filter,
                    g ? &g->isGround : nullptr);
    n += countPoints(segments);
    if (!segments.empty()) edits.emplace_back(f, std::move(segments));
  }
  if (n == 0) return 0;
  QUndoStack* stack = document_.undoStack();
  const QString text = QObject::tr("Fill points from boxes");
  if (edits.size() > 1) stack->beginMacro(text);
  for (auto& [f, segments] : edits)
    stack->push(new PaintPointsCommand(document_, f, std::move(segments), text));
  if (edits.size() > 1) stack->endMacro();
  return static_cast<int>(n);
}

int Editor::labelGround(const std::string& className, const PointFilter& filter) {
  const auto sem = semanticIdOf(className);
  if (!sem || !document_.isOpen()) return 0;
  const std::size_t f = document_.currentFrame();
  std::shared_ptr<const GroundResult> g;
  try {
    g = ground(f);
  } catch (const std::exception&) {
    return 0;
  }
  LabelGroup group{*sem, 0, {}};
  for (std::uint32_t i = 0; i < g->isGround.size(); ++i)
    if (g->isGround[i]) group.indices.push_back(i);
  return pushLabels(f, {std::move(group)}, filter,
                    QObject::tr("Label ground as %1").arg(QString::fromStdString(className)),
                    false);
}

int Editor::fillInstancesFromBoxes() {
  const std::size_t f = document_.currentFrame();
  const auto in = inputs(document_, f);
  if (!in) return 0;
  return pushLabels(f,
                    instancesFromBoxes(*in->cloud, in->labels ? *in->labels : PointLabels{},
                                       document_.objects(f), document_.ontology()),
                    {}, QObject::tr("Fill instances from boxes"), false);
}

int Editor::updateBoxPoints(ObjectId id) {
  const std::size_t f = document_.currentFrame();
  const auto in = inputs(document_, f);
  const auto& objects = document_.objects(f);
  const std::vector<std::size_t> which = indicesOf(objects, {id});
  if (!in || which.empty()) return 0;
  std::vector<LabelGroup> groups =
      labelsFromBoxes(*in->cloud, objects, which, document_.ontology());
  if (in->labels) {
    const std::vector<std::uint32_t>& owned = groups[0].indices;  // ascending
    LabelGroup left{0, 0, {}};
    for (std::uint32_t i = 0; i < in->labels->size(); ++i)
      if (in->labels->instance[i] == instanceOf(id) &&
          !std::binary_search(owned.begin(), owned.end(), i))
        left.indices.push_back(i);
    groups.push_back(std::move(left));
  }
  return pushLabels(f, std::move(groups), {}, QObject::tr("Update the points of box %1").arg(id),
                    false);
}

DisagreementResult Editor::disagreements(std::size_t frame) {
  const auto in = inputs(document_, frame);
  if (!in || !in->labels) return {};
  return findDisagreements(*in->cloud, *in->labels, document_.objects(frame));
}

}  // namespace lidarlabel
