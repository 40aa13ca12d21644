#include "lidarlabel/app/status_text.h"

#include <gtest/gtest.h>

namespace lidarlabel {
namespace {

TEST(FrameStatusText, ShowsOneBasedFrameThousandsSeparatedPointsAndBoxes) {
  EXPECT_EQ(frameStatusText(0, 120, 123456, 5).toStdString(),
            "frame 1/120 \u00b7 123,456 points \u00b7 5 boxes");
}

TEST(FrameStatusText, UsesSingularForOneBox) {
  EXPECT_EQ(frameStatusText(2, 3, 999, 1).toStdString(), "frame 3/3 \u00b7 999 points \u00b7 1 box");
}

}  // namespace
}  // namespace lidarlabel
