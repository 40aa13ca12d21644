#pragma once
// The one QApplication of a GUI test process (created on first use, never destroyed, so test
// order and static destruction do not matter) and image checks shared by render/ and app/ tests.
#include <QApplication>
#include <QImage>
#include <cstdlib>

namespace lidarlabel::test {

inline QApplication& qtApp() {
  static int argc = 1;
  static char name[] = "lidarlabel-tests";
  static char* argv[] = {name, nullptr};
  static QApplication* app = new QApplication(argc, argv);
  return *app;
}

// Pixels whose r, g, b each lie within tol of (r, g, b).
inline int countColor(const QImage& image, int r, int g, int b, int tol = 12) {
  const QImage img = image.convertToFormat(QImage::Format_RGB888);
  int n = 0;
  for (int y = 0; y < img.height(); ++y) {
    const uchar* row = img.constScanLine(y);
    for (int x = 0; x < img.width(); ++x) {
      const uchar* p = row + 3 * x;
      if (std::abs(p[0] - r) <= tol && std::abs(p[1] - g) <= tol && std::abs(p[2] - b) <= tol) ++n;
    }
  }
  return n;
}

// Pixels that differ from the top-left pixel (the background) by more than tol in any channel.
inline int countNonBackground(const QImage& image, int tol = 12) {
  const QImage img = image.convertToFormat(QImage::Format_RGB888);
  if (img.isNull()) return 0;
  const QColor bg = img.pixelColor(0, 0);
  return img.width() * img.height() - countColor(img, bg.red(), bg.green(), bg.blue(), tol);
}

}  // namespace lidarlabel::test
