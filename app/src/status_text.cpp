#include "lidarlabel/app/status_text.h"

#include <QLocale>

namespace lidarlabel {

QString frameStatusText(std::size_t frameIndex, std::size_t frameCount, std::size_t points,
                        std::size_t boxes, std::size_t noReturn) {
  const QLocale en(QLocale::English);  // "124,668" whatever the user's locale
  const QString missing = noReturn == 0 ? QString()
                                        : QStringLiteral(" \u00b7 %1 without a return")
                                              .arg(en.toString(static_cast<qulonglong>(noReturn)));
  return QStringLiteral("frame %1/%2 \u00b7 %3 points%4 \u00b7 %5 %6")
      .arg(frameIndex + 1)
      .arg(frameCount)
      .arg(en.toString(static_cast<qulonglong>(points)))
      .arg(missing)
      .arg(boxes)
      .arg(boxes == 1 ? QStringLiteral("box") : QStringLiteral("boxes"));
}

QString frameStatusText(std::size_t frameIndex, std::size_t frameCount, const PointCloud* cloud,
                        std::size_t boxes) {
  const std::size_t noReturn = cloud ? countNonFinite(*cloud) : 0;
  return frameStatusText(frameIndex, frameCount, cloud ? cloud->size() - noReturn : 0, boxes,
                         noReturn);
}

}  // namespace lidarlabel
