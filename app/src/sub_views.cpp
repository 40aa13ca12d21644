#include "lidarlabel/app/sub_views.h"

#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "lidarlabel/app/scene_presenter.h"
#include "lidarlabel/core/points_in_box.h"
#include "lidarlabel/render/scene_view.h"
#include "point_subset.h"

namespace lidarlabel {

namespace {
constexpr double kPi = 3.14159265358979323846;

// Inside the box: near white; the neighbourhood: grey (the box lines carry the class colour).
std::vector<std::uint8_t> cropColors(const PointCloud& c, const Cuboid& box) {
  const Rgb inside{235, 235, 235};
  std::vector<std::uint8_t> rgb(3 * c.size(), 130);
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (!box.contains({c.x[i], c.y[i], c.z[i]})) continue;
    rgb[3 * i] = inside.r;
    rgb[3 * i + 1] = inside.g;
    rgb[3 * i + 2] = inside.b;
  }
  return rgb;
}
}  // namespace

OrbitCamera subViewCamera(const Cuboid& box, SubViewKind kind, double aspect,
                          const SubViewConfig& config) {
  OrbitCamera c;
  c.parallel = true;
  c.target = box.center;
  double vertical = 0, horizontal = 0;  // box extents along the screen axes, metres
  switch (kind) {
    case SubViewKind::Top:
      c.azimuth = box.yaw + kPi;  // heading up on screen
      c.elevation = kPi / 2;
      vertical = box.length();
      horizontal = box.width();
      break;
    case SubViewKind::Side:
      c.azimuth = box.yaw - kPi / 2;  // eye on the box's right: heading to the right
      c.elevation = 0;
      vertical = box.height();
      horizontal = box.length();
      break;
    case SubViewKind::Front:
      c.azimuth = box.yaw;  // eye in front of the box, looking back at its front face
      c.elevation = 0;
      vertical = box.height();
      horizontal = box.width();
      break;
  }
  const double half =
      0.5 * config.padding * std::max(vertical, horizontal / std::max(aspect, 1e-3)) + 0.3;
  c.distance = half / std::tan(0.5 * c.viewAngleDeg * kPi / 180.0);
  return c;
}

SubViews::SubViews(Document& document, SubViewConfig config, QWidget* parent)
    : QWidget(parent), doc_(document), config_(config) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  const char* names[] = {"Top", "Side", "Front"};
  for (int k = 0; k < 3; ++k) {
    layout->addWidget(new QLabel(tr(names[k]), this));
    views_[k] = new SceneView(this);
    views_[k]->setObjectName(QStringLiteral("subView%1").arg(names[k]));
    views_[k]->setMinimumSize(240, 150);
    views_[k]->setFocusPolicy(Qt::ClickFocus);
    SceneStyle style = views_[k]->style();
    style.pointSize = config_.pointSize;
    views_[k]->setStyle(style);
    layout->addWidget(views_[k], 1);
  }
  connect(&doc_, &Document::selectionChanged, this, &SubViews::follow);
  connect(&doc_, &Document::currentFrameChanged, this, &SubViews::follow);
  connect(&doc_, &Document::sequenceChanged, this, &SubViews::follow);
  connect(&doc_, &Document::objectsChanged, this, &SubViews::onChanged);
  connect(&doc_, &Document::pointLabelsChanged, this, [this](const PointLabelsEvent& e) {
    if (!colorFn_ || !followed_ || e.frame != doc_.currentFrame() || recolorPending_) return;
    recolorPending_ = true;
    QTimer::singleShot(50, this, [this] {
      recolorPending_ = false;
      showBox(false);
    });
  });
}

void SubViews::setPointColors(PointColorFn colors) {
  colorFn_ = std::move(colors);
  showBox(false);
}

void SubViews::setTool(ViewTool* tool) {
  for (SceneView* v : views_) v->setTool(tool);
}

void SubViews::follow() {
  const auto& sel = doc_.selection();
  std::optional<ObjectId> next;
  if (doc_.isOpen() && sel.size() == 1 && doc_.object(doc_.currentFrame(), sel.front()))
    next = sel.front();
  followed_ = next;
  showBox(true);
}

void SubViews::onChanged(const ObjectsEvent& e) {
  if (!followed_ || e.frame != doc_.currentFrame()) return;
  for (std::size_t k = 0; k < e.oldIds.size(); ++k)
    if (e.oldIds[k] == *followed_) followed_ = e.ids[k];  // renumbered
  if (std::find(e.ids.begin(), e.ids.end(), *followed_) != e.ids.end()) showBox(!dragging_);
}

void SubViews::reframe() {
  showBox(true);
}

void SubViews::setDragging(bool dragging) {
  if (dragging == dragging_) return;
  dragging_ = dragging;
  if (!dragging_) showBox(true);
}

void SubViews::showBox(bool reframeCameras) {
  const ObjectAnnotation* o = followed_ ? doc_.object(doc_.currentFrame(), *followed_) : nullptr;
  std::shared_ptr<const PointCloud> cloud;
  if (o) {
    try {
      cloud = doc_.cloud(doc_.currentFrame());
    } catch (const std::exception&) {
      // The main view reports unreadable sweeps; the sub-views show the box alone.
    }
  }
  for (int k = 0; k < 3; ++k) {
    SceneView* v = views_[k];
    if (!o) {
      v->clearCloud();
      v->clearCuboids();
      v->setHandles({});
      continue;
    }
    const Rgb color = doc_.ontology().colorOf(o->className);
    if (cloud) {
      const std::vector<std::uint32_t> index =
          indicesInBox(*cloud, o->box, static_cast<float>(config_.margin));
      const PointCloud near = pointSubset(*cloud, index);
      std::vector<std::uint8_t> rgb = colorFn_ ? colorFn_(index) : cropColors(near, o->box);
      if (rgb.size() != 3 * near.size()) rgb = cropColors(near, o->box);
      v->setCloud(near, rgb);
    } else {
      v->clearCloud();
    }
    v->setCuboid(0, {o->box, color, true});
    v->setHandles(boxHandles(o->box));
    if (reframeCameras) {
      const double aspect = v->height() > 0 ? double(v->width()) / v->height() : 1.0;
      v->setCamera(subViewCamera(o->box, static_cast<SubViewKind>(k), aspect, config_));
    }
  }
}

}  // namespace lidarlabel
