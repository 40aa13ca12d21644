#include "lidarlabel/app/sub_views.h"

#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

#include "lidarlabel/app/scene_presenter.h"
#include "lidarlabel/core/points_in_box.h"
#include "lidarlabel/render/scene_view.h"
#include "point_subset.h"

namespace lidarlabel {

namespace {
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
  std::shared_ptr<const PointCloud> near;  // the box's neighbourhood, shared by the three views
  std::vector<std::uint8_t> rgb;
  if (o) {
    try {
      const std::shared_ptr<const PointCloud> cloud = doc_.cloud(doc_.currentFrame());
      const auto index = indicesInBox(*cloud, o->box, static_cast<float>(config_.margin));
      near = std::make_shared<const PointCloud>(pointSubset(*cloud, index));
      if (colorFn_) rgb = colorFn_(index);
      if (rgb.size() != 3 * near->size()) rgb = cropColors(*near, o->box);
    } catch (const std::exception&) {
      // The main view reports unreadable sweeps; the sub-views show the box alone.
    }
  }
  for (int k = 0; k < 3; ++k) {
    SceneView* v = views_[k];
    v->setCloud(near, rgb);  // null clears
    if (!o) {
      v->clearCuboids();
      v->setHandles({});
      continue;
    }
    v->setCuboid(0, {o->box, doc_.ontology().colorOf(o->className), true});
    v->setHandles(boxHandles(o->box));
    if (reframeCameras) {
      const double aspect = v->height() > 0 ? double(v->width()) / v->height() : 1.0;
      v->setCamera(boxViewCamera(o->box, static_cast<SubViewKind>(k), aspect, config_.margin));
    }
  }
}

}  // namespace lidarlabel
