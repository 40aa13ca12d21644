#include "lidarlabel/app/status_text.h"

#include <QLocale>

namespace lidarlabel {

QString frameStatusText(std::size_t frameIndex, std::size_t frameCount, std::size_t points,
                        std::size_t boxes) {
  const QLocale en(QLocale::English);  // "124,668" whatever the user's locale
  return QStringLiteral("frame %1/%2 \u00b7 %3 points \u00b7 %4 %5")
      .arg(frameIndex + 1)
      .arg(frameCount)
      .arg(en.toString(static_cast<qulonglong>(points)))
      .arg(boxes)
      .arg(boxes == 1 ? QStringLiteral("box") : QStringLiteral("boxes"));
}

}  // namespace lidarlabel
