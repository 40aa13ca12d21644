#include "lidarlabel/app/scene_presenter.h"

#include <QProgressDialog>
#include <algorithm>

#include "lidarlabel/core/box_edit.h"
#include "lidarlabel/core/colormap.h"
#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/label_colors.h"
#include "lidarlabel/core/points_in_box.h"
#include "lidarlabel/render/scene_view.h"

namespace lidarlabel {

namespace {
const Rgb kHandleColor{255, 255, 255};
const Rgb kRotateColor{255, 200, 40};
const Rgb kMoveColor{80, 200, 255};
const std::uint8_t kOutsideGrey = 90;  // box-membership mode: points in no box

}  // namespace

std::vector<HandleItem> boxHandles(const Cuboid& box) {
  std::vector<HandleItem> h;
  for (int f = 0; f < 6; ++f)
    h.push_back({faceCenter(box, static_cast<BoxFace>(f)), kHandleColor, f, false, 10.f});
  h.push_back({box.center, kMoveColor, kMoveHandle, false, 12.f});
  const Eigen::Vector3d knob = faceCenter(box, BoxFace::Front) + box.heading();
  h.push_back({knob, kRotateColor, kRotateHandle, true, 14.f});
  return h;
}

ScenePresenter::ScenePresenter(Document& document, SceneView& view, QObject* parent,
                               PresenterConfig config)
    : QObject(parent), doc_(document), view_(view), config_(config) {
  connect(&doc_, &Document::sequenceChanged, this, &ScenePresenter::reloadFrame);
  connect(&doc_, &Document::currentFrameChanged, this, [this](int frame) {
    // setSequence() announces frame 0 right after sequenceChanged: shown already.
    if (static_cast<std::size_t>(frame) != shownFrame_) reloadFrame();
  });
  connect(&doc_, &Document::objectsAdded, this, &ScenePresenter::onAdded);
  connect(&doc_, &Document::objectsRemoved, this, &ScenePresenter::onRemoved);
  connect(&doc_, &Document::objectsChanged, this, &ScenePresenter::onChanged);
  connect(&doc_, &Document::selectionChanged, this, &ScenePresenter::onSelection);
  connect(&doc_, &Document::pointLabelsChanged, this, &ScenePresenter::onLabelsChanged);
}

void ScenePresenter::reloadFrame() {
  shownFrame_ = doc_.isOpen() ? doc_.currentFrame() : SIZE_MAX;
  full_.reset();
  if (doc_.isOpen()) {
    try {
      full_ = doc_.cloud(doc_.currentFrame());
    } catch (const std::exception& e) {
      emit loadFailed(QString::fromStdString(e.what()));
    }
  }
  showCloud();
  rebuildBoxes();
}

void ScenePresenter::showCloud() {
  if (!full_) {
    view_.clearCloud();
    return;
  }
  bool shown = false;
  {
    // Shared with the view (no copy); the colours stay in fullRgb_ for partial label recolours.
    const std::vector<std::uint8_t>& rgb = colors();
    if (full_->size() < config_.progressPoints) {
      shown = view_.setCloud(full_, rgb);
    } else {
      QProgressDialog progress(tr("Drawing %L1 points...").arg(full_->size()), tr("Cancel"), 0,
                               1000, view_.window());
      progress.setObjectName(QStringLiteral("drawProgress"));
      progress.setWindowModality(Qt::WindowModal);
      progress.setMinimumDuration(config_.progressDelayMs);
      shown = view_.setCloud(full_, rgb, [&](std::size_t done, std::size_t total) {
        progress.setValue(total ? static_cast<int>(1000.0 * done / total) : 1000);
        return !progress.wasCanceled();
      });
    }
  }
  if (!shown) {
    emit drawCancelled();
    return;
  }
  applyMask();  // setCloud cleared the mask
  emit cloudShown();
}

const std::vector<std::uint8_t>& ScenePresenter::colors() {
  lut_ = semanticLut(doc_.ontology());  // 0.1 ms; the partial recolours reuse it
  fullRgb_ = fullColors();
  partialRecolors_ = 0;
  return fullRgb_;
}

std::vector<std::uint8_t> ScenePresenter::fullColors() const {
  std::vector<std::uint8_t> rgb;
  const PointCloud& c = *full_;
  switch (coloring_) {
    case PointColoring::Height:
      rgb = colorize(c, ColorMode::Height);
      break;
    case PointColoring::Intensity:
      rgb = colorize(c, ColorMode::Intensity);
      break;
    case PointColoring::Label:
    case PointColoring::Instance:
    case PointColoring::Disagreement: {
      std::shared_ptr<const PointLabels> labels;
      try {
        labels = doc_.pointLabels(doc_.currentFrame());
      } catch (const std::exception&) {
        // A damaged label file draws grey; opening reported it.
      }
      const PointLabels none;
      const PointLabels& l = labels ? *labels : none;
      if (coloring_ == PointColoring::Disagreement)
        rgb = colorizeDisagreement(
            findDisagreements(c, l, doc_.objects(doc_.currentFrame())).perPoint);
      else
        rgb = colorizeLabels(
            l, c.size(),
            coloring_ == PointColoring::Label ? LabelColoring::Semantic : LabelColoring::Instance,
            lut_);
      break;
    }
    case PointColoring::BoxMembership: {
      const auto& objects = doc_.objects(doc_.currentFrame());
      std::vector<Cuboid> boxes;
      for (const ObjectAnnotation& o : objects) boxes.push_back(o.box);
      PointsInBoxConfig config;
      config.indexLists = false;
      const PointsInBoxResult r = pointsInBoxes(c, boxes, config);
      rgb.assign(3 * c.size(), kOutsideGrey);
      for (std::size_t i = 0; i < c.size(); ++i) {
        if (r.owner[i] < 0) continue;
        const Rgb k =
            doc_.ontology().colorOf(objects[static_cast<std::size_t>(r.owner[i])].className);
        rgb[3 * i] = k.r;
        rgb[3 * i + 1] = k.g;
        rgb[3 * i + 2] = k.b;
      }
      break;
    }
  }
  if (rgb.size() != 3 * c.size()) rgb.assign(3 * c.size(), 128);
  return rgb;
}

void ScenePresenter::onLabelsChanged(const PointLabelsEvent& e) {
  if (!full_ || e.frame != doc_.currentFrame()) return;
  if (!hiddenClasses_.empty()) applyMask();
  if (coloring_ == PointColoring::Disagreement) {
    recolor();
  } else if (coloring_ == PointColoring::Label || coloring_ == PointColoring::Instance) {
    const auto labels = doc_.pointLabels(e.frame);
    if (!labels || fullRgb_.size() != 3 * full_->size()) return recolor();
    // Only the written points change colour: a brush move costs its points, not the sweep.
    colorLabelsAt(
        fullRgb_, *labels, e.indices,
        coloring_ == PointColoring::Label ? LabelColoring::Semantic : LabelColoring::Instance,
        lut_);
    ++partialRecolors_;
    view_.setColors(fullRgb_);
  }
}

void ScenePresenter::setHiddenClasses(std::set<std::uint16_t> hidden) {
  if (hidden == hiddenClasses_) return;
  hiddenClasses_ = std::move(hidden);
  applyMask();
}

std::vector<std::uint8_t> ScenePresenter::drawnMask() const {
  if (!full_) return {};
  std::vector<std::uint8_t> mask(full_->size(), 1);
  if (hideGround_) {
    std::shared_ptr<const GroundResult> g;
    try {
      g = doc_.ground(doc_.currentFrame());  // cached per frame (prefetched with the sweep)
    } catch (const std::exception&) {
      // The sweep could not be read: nothing to hide.
    }
    if (g && g->isGround.size() == mask.size())
      for (std::size_t i = 0; i < mask.size(); ++i) mask[i] = !g->isGround[i];
  }
  if (hiddenClasses_.empty()) return mask;
  std::shared_ptr<const PointLabels> labels;
  try {
    labels = doc_.pointLabels(doc_.currentFrame());
  } catch (const std::exception&) {
  }
  const bool hideUnlabelled = hiddenClasses_.count(0) > 0;
  for (std::size_t i = 0; i < mask.size(); ++i) {
    const std::uint16_t sem = labels && labels->size() == mask.size() ? labels->semantic[i] : 0;
    if ((sem == 0 && hideUnlabelled) || (sem != 0 && hiddenClasses_.count(sem))) mask[i] = 0;
  }
  return mask;
}

void ScenePresenter::applyMask() {
  if (!full_) return;
  // Hidden ground AND hidden classes, one byte per point of the full sweep; empty = all drawn.
  if (!hideGround_ && hiddenClasses_.empty()) {
    view_.setVisiblePoints({});
    return;
  }
  view_.setVisiblePoints(drawnMask());
}

void ScenePresenter::recolor() {
  if (full_) view_.setColors(colors());
}

void ScenePresenter::setColoring(PointColoring coloring) {
  if (coloring == coloring_) return;
  coloring_ = coloring;
  recolor();
}

void ScenePresenter::setHideGround(bool hide) {
  if (hide == hideGround_) return;
  hideGround_ = hide;
  applyMask();
}

void ScenePresenter::rebuildBoxes() {
  view_.clearCuboids();
  selected_ = doc_.selection();
  boxUpdates_ = 0;
  if (doc_.isOpen())
    for (const ObjectAnnotation& o : doc_.objects(doc_.currentFrame())) showObject(o.trackId);
  updateHandles();
}

void ScenePresenter::showObject(ObjectId id) {
  const ObjectAnnotation* o = doc_.object(doc_.currentFrame(), id);
  if (!o) {
    view_.removeCuboid(id);
    return;
  }
  const bool sel = std::find(selected_.begin(), selected_.end(), id) != selected_.end();
  view_.setCuboid(id, {o->box, doc_.ontology().colorOf(o->className), sel});
  ++boxUpdates_;
}

void ScenePresenter::onAdded(const ObjectsEvent& e) {
  if (e.frame != doc_.currentFrame()) return;
  for (ObjectId id : e.ids) showObject(id);
  if (coloring_ == PointColoring::BoxMembership || coloring_ == PointColoring::Disagreement)
    recolor();
}

void ScenePresenter::onRemoved(const ObjectsEvent& e) {
  if (e.frame != doc_.currentFrame()) return;
  for (ObjectId id : e.ids) view_.removeCuboid(id);
  if (coloring_ == PointColoring::BoxMembership || coloring_ == PointColoring::Disagreement)
    recolor();
}

void ScenePresenter::onChanged(const ObjectsEvent& e) {
  if (e.frame != doc_.currentFrame()) return;
  for (ObjectId id : e.oldIds) view_.removeCuboid(id);
  for (ObjectId id : e.ids) showObject(id);
  const auto& sel = doc_.selection();
  const bool touchesSelection = std::any_of(e.ids.begin(), e.ids.end(), [&](ObjectId id) {
    return std::find(sel.begin(), sel.end(), id) != sel.end();
  });
  if (touchesSelection) updateHandles();
  if ((coloring_ == PointColoring::BoxMembership || coloring_ == PointColoring::Disagreement) &&
      (e.properties & (kPropBox | kPropClass | kPropTrackId)))
    recolor();
}

void ScenePresenter::onSelection() {
  const std::vector<ObjectId> before = selected_;
  selected_ = doc_.selection();
  auto in = [](const std::vector<ObjectId>& v, ObjectId id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  };
  for (ObjectId id : before)
    if (!in(selected_, id)) showObject(id);
  for (ObjectId id : selected_)
    if (!in(before, id)) showObject(id);
  updateHandles();
}

void ScenePresenter::updateHandles() {
  const auto& sel = doc_.selection();
  const ObjectAnnotation* o =
      sel.size() == 1 && doc_.isOpen() ? doc_.object(doc_.currentFrame(), sel.front()) : nullptr;
  view_.setHandles(o ? boxHandles(o->box) : std::vector<HandleItem>{});
}

}  // namespace lidarlabel
