#include "lidarlabel/app/status_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace lidarlabel {
namespace {

TEST(FrameStatusText, ShowsOneBasedFrameThousandsSeparatedPointsAndBoxes) {
  EXPECT_EQ(frameStatusText(0, 120, 123456, 5).toStdString(),
            "frame 1/120 \u00b7 123,456 points \u00b7 5 boxes");
}

TEST(FrameStatusText, UsesSingularForOneBox) {
  EXPECT_EQ(frameStatusText(2, 3, 999, 1).toStdString(),
            "frame 3/3 \u00b7 999 points \u00b7 1 box");
}

TEST(FrameStatusText, SaysHowManyPointsHaveNoReturn) {
  EXPECT_EQ(frameStatusText(0, 1, 77708, 0, 53364).toStdString(),
            "frame 1/1 \u00b7 77,708 points \u00b7 53,364 without a return \u00b7 0 boxes");
}

TEST(FrameStatusText, CountsTheSweepsPointsWithAndWithoutAReturn) {
  PointCloud c;
  c.push(1.f, 2.f, 3.f, 0.f);
  c.push(std::nanf(""), std::nanf(""), std::nanf(""), 0.f);
  c.push(4.f, 5.f, std::numeric_limits<float>::infinity(), 0.f);
  c.push(0.f, 0.f, 0.f, 0.f);  // stored at the origin: an ordinary point
  EXPECT_EQ(frameStatusText(1, 2, &c, 3).toStdString(),
            "frame 2/2 \u00b7 2 points \u00b7 2 without a return \u00b7 3 boxes");
  EXPECT_EQ(frameStatusText(0, 2, nullptr, 0).toStdString(),
            "frame 1/2 \u00b7 0 points \u00b7 0 boxes");
}

}  // namespace
}  // namespace lidarlabel
