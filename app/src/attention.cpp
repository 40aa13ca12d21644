#include "lidarlabel/app/attention.h"

#include <QCoreApplication>

#include "lidarlabel/core/points_in_box.h"

namespace lidarlabel {

namespace {
bool isToolBox(const ObjectAnnotation& o, const AttentionConfig& config) {
  if (o.review == ReviewState::Accepted) return false;
  return o.provenance == Provenance::Automatic || o.provenance == Provenance::Tracked ||
         (config.interpolatedToo && o.provenance == Provenance::Interpolated);
}

bool hasFewPoints(const std::vector<ObjectAnnotation>& objects, const PointCloud& cloud,
                  std::size_t minPoints) {
  std::vector<Cuboid> boxes;
  for (const ObjectAnnotation& o : objects) boxes.push_back(o.box);
  PointsInBoxConfig c;
  c.indexLists = false;
  const PointsInBoxResult r = pointsInBoxes(cloud, boxes, c);
  for (std::size_t n : r.insideCount)
    if (n < minPoints) return true;
  return false;
}

QString tr(const char* text) {
  return QCoreApplication::translate("Attention", text);
}
}  // namespace

unsigned attentionReasons(const std::vector<ObjectAnnotation>& objects, const PointCloud* cloud,
                          const AttentionConfig& config) {
  unsigned r = 0;
  if (config.emptyFrames && objects.empty()) r |= kAttentionNoBoxes;
  if (config.toolBoxes)
    for (const ObjectAnnotation& o : objects)
      if (isToolBox(o, config)) r |= kAttentionToolBoxes;
  if (cloud && config.minPoints > 0 && !objects.empty() &&
      hasFewPoints(objects, *cloud, config.minPoints))
    r |= kAttentionFewPoints;
  return r;
}

QString describeAttention(unsigned reasons, const std::vector<ObjectAnnotation>& objects,
                          const AttentionConfig& config) {
  QStringList parts;
  if (reasons & kAttentionToolBoxes) {
    int n = 0;
    for (const ObjectAnnotation& o : objects) n += isToolBox(o, config) ? 1 : 0;
    parts << tr("%1 tool box(es) not accepted").arg(n);
  }
  if (reasons & kAttentionNoBoxes) parts << tr("no boxes");
  if (reasons & kAttentionFewPoints)
    parts << tr("a box with fewer than %1 points").arg(config.minPoints);
  return parts.join(QStringLiteral("; "));
}

std::optional<AttentionHit> findNextAttention(Document& document, std::size_t from,
                                              const AttentionConfig& config, AttentionMemo* memo,
                                              const AttentionProgress& progress) {
  const std::size_t n = document.frameCount();
  if (n == 0) return std::nullopt;
  const std::shared_ptr<FrameCache> cache = document.sharedCache();
  for (std::size_t k = 1; k <= n; ++k) {
    if (progress && !progress(static_cast<int>(k - 1), static_cast<int>(n))) return std::nullopt;
    const std::size_t f = (from + k) % n;
    const auto& objects = document.objects(f);
    unsigned reasons = attentionReasons(objects, nullptr, config);
    if (!reasons && config.minPoints > 0 && !objects.empty()) {
      bool few = false;
      const auto m = memo ? memo->fewPoints.find(f) : decltype(memo->fewPoints)::iterator{};
      if (memo && m != memo->fewPoints.end() && m->second.first == objects) {
        few = m->second.second;
      } else {
        try {
          few = hasFewPoints(objects, *cache->read(f), config.minPoints);
        } catch (const std::exception&) {
          few = false;  // unreadable sweep: showing the frame reports it
        }
        if (memo) memo->fewPoints[f] = {objects, few};
      }
      if (few) reasons |= kAttentionFewPoints;
    }
    if (reasons) return AttentionHit{f, reasons, f <= from};
  }
  return std::nullopt;
}

}  // namespace lidarlabel
