// Editor: creating boxes (one-click fit, rectangle fit, default size on the ground).
#include <cmath>
#include <numbers>
#include <set>

#include "lidarlabel/app/commands/add_objects.h"
#include "lidarlabel/app/editor.h"
#include "lidarlabel/core/box_place.h"
#include "lidarlabel/core/size_prior.h"
#include "lidarlabel/core/traffic_side.h"

namespace lidarlabel {

namespace {
// A new object of the annotator's: class attributes at their defaults (first allowed value).
ObjectAnnotation newObject(ObjectId id, const ClassDef& cls, const Cuboid& box) {
  ObjectAnnotation o;
  o.trackId = id;
  o.className = cls.name;
  o.box = box;
  for (const AttributeDef& a : cls.attributes)
    if (!a.values.empty()) o.attributes[a.name] = a.values.front();
  o.provenance = Provenance::Manual;
  o.confidence = 1.0f;
  return o;
}

// The class as this sequence shows it: its default size replaced by the median size of the
// boxes people made or accepted (one per track) once there are enough of them (size_prior.h).
ClassDef sizedByDocument(const Document& document, const ClassDef& cls,
                         const SizePriorConfig& config) {
  std::vector<Eigen::Vector3d> sizes;
  std::set<ObjectId> tracks;
  for (std::size_t f = 0; f < document.frameCount(); ++f)
    for (const ObjectAnnotation& o : document.objects(f))
      if (o.className == cls.name &&
          (o.provenance == Provenance::Manual || o.review == ReviewState::Accepted) &&
          tracks.insert(o.trackId).second)
        sizes.push_back(o.box.size);
  ClassDef out = cls;
  if (const auto size = estimateSize(sizes, cls.defaultSize, config)) out.defaultSize = *size;
  return out;
}
}  // namespace

std::optional<ObjectId> Editor::addCreated(ObjectAnnotation object, const QString& text) {
  const ObjectId id = document_.newTrackIds(1);  // a team server hands it out
  object.trackId = id;
  document_.undoStack()->push(
      new AddObjectsCommand(document_, document_.currentFrame(), {std::move(object)}, text));
  document_.setSelection({id});
  return id;
}

std::optional<ObjectId> Editor::createDefault(const std::shared_ptr<const PointCloud>& cloud,
                                              const Eigen::Vector3d& point, const ClassDef& cls,
                                              double yaw) {
  const std::shared_ptr<const GroundResult> g = ground(document_.currentFrame());
  const Eigen::Vector2d xy = point.head<2>();
  const double z = groundHeightAt(*cloud, *g, xy, config_.groundRadius)
                       .value_or(-static_cast<double>(groundConfig().sensorHeight));
  const Cuboid box = boxOnGround(xy, z, cls.defaultSize, yaw);
  return addCreated(newObject(0, cls, box), QObject::tr("Create box"));
}

std::optional<ObjectId> Editor::createAtPoint(const Eigen::Vector3d& point,
                                              const std::string& className) {
  const ClassDef* known = document_.ontology().find(className);
  if (!document_.isOpen() || !known || !point.allFinite()) return std::nullopt;
  const std::size_t frame = document_.currentFrame();
  const std::shared_ptr<const PointCloud> cloud = document_.cloud(frame);
  if (!cloud || cloud->empty()) return std::nullopt;
  const ClassDef cls = sizedByDocument(document_, *known, config_.sizePrior);
  const FitResult fit = fitBoxAtPoint(*cloud, *ground(frame), point, config_.fit, &cls);
  if (!fit.ok || fit.clusterIndices.size() < config_.minFitPoints)
    return createDefault(cloud, point, cls, 0.0);
  Cuboid box = fit.box;  // the fit faces forward: turn it to the traffic on its side of the road
  if (followsTraffic(cls) && headingFromTraffic(box, trafficConfig()) < 0)
    box.yaw = wrapAngle(box.yaw + std::numbers::pi);
  return addCreated(newObject(0, cls, box), QObject::tr("Create box"));
}

std::optional<ObjectId> Editor::createFromRect(const Eigen::Vector2d& cornerA,
                                               const Eigen::Vector2d& cornerB,
                                               const std::string& className) {
  const ClassDef* cls = document_.ontology().find(className);
  if (!document_.isOpen() || !cls || !cornerA.allFinite() || !cornerB.allFinite())
    return std::nullopt;
  const std::size_t frame = document_.currentFrame();
  const std::shared_ptr<const PointCloud> cloud = document_.cloud(frame);
  if (!cloud || cloud->empty()) return std::nullopt;
  BevRect rect;
  rect.center = (cornerA + cornerB) / 2.0;
  rect.size = (cornerB - cornerA).cwiseAbs();
  if (rect.size.minCoeff() <= 0.0) return std::nullopt;
  const FitResult fit = fitBoxInRect(*cloud, *ground(frame), rect, config_.fit, cls);
  if (!fit.ok) return std::nullopt;
  return addCreated(newObject(0, *cls, fit.box), QObject::tr("Create box"));
}

std::optional<ObjectId> Editor::createDefaultAt(const Eigen::Vector3d& point,
                                                const std::string& className, double yaw) {
  const ClassDef* cls = document_.ontology().find(className);
  if (!document_.isOpen() || !cls || !point.allFinite() || !std::isfinite(yaw)) return std::nullopt;
  const std::shared_ptr<const PointCloud> cloud = document_.cloud(document_.currentFrame());
  if (!cloud) return std::nullopt;
  return createDefault(cloud, point, sizedByDocument(document_, *cls, config_.sizePrior), yaw);
}

}  // namespace lidarlabel
