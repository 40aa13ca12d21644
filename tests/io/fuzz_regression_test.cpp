// Inputs found by scripts/fuzz.sh (libFuzzer) that once escaped as something other than a
// FileError (crash, UB, uncaught exception). Each must now be a clean FileError.
#include <gtest/gtest.h>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/kitti_label.h"
#include "lidarlabel/io/native_format.h"

namespace lidarlabel {
namespace {

TEST(FuzzRegression, NativeJsonNumberOverflowIsAFileError) {
  // nlohmann::json threw out_of_range 406 ("number overflow parsing '-6.98e271332493424'").
  const std::string text =
      R"({"format": "lidarlabel", "frames": [{"ego_pose": [-6.98e271332493424]}]})";
  EXPECT_THROW(nativeSequenceFromJson(text, "fuzz.json"), FileError);
}

TEST(FuzzRegression, KittiTrackingOcclusionTooLargeForIntIsAFileError) {
  // 6.66667e+121 was cast to int (undefined behaviour) before the range check.
  const std::string text =
      "0 1 Car 0 6.66667e+121 -1.79 296.74 161.75 455.22 292.68 1.65 1.67 3.64 -4.36 1.72 10.01 "
      "-2.14\n";
  EXPECT_THROW(parseKittiTrackingLabels(text, "fuzz.txt"), FileError);
}

}  // namespace
}  // namespace lidarlabel
