// Frame::passthrough (format records the model does not represent) in the native format.
#include <gtest/gtest.h>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/native_format.h"

namespace lidarlabel {
namespace {

TEST(NativePassthrough, RoundTripsKittiDontCareRows) {
  Sequence s;
  s.frames.resize(2);
  s.frames[0].info.sweepPath = "velodyne/000000.bin";
  s.frames[1].info.sweepPath = "velodyne/000001.bin";
  s.frames[1].passthrough["kitti.dontcare"] = {
      "DontCare -1.00 -1 -10.00 503.89 169.71 590.61 190.13 -1.00 -1.00 -1.00 -1000.00 -1000.00 "
      "-1000.00 -10.00",
      "DontCare -1.00 -1 -10.00 5.00 6.00 7.00 8.00 -1.00 -1.00 -1.00 -1000.00 -1000.00 -1000.00 "
      "-10.00"};
  const Sequence back = nativeSequenceFromJson(nativeSequenceToJson(s), "mem.json");
  ASSERT_EQ(back.frames.size(), 2u);
  EXPECT_TRUE(back.frames[0].passthrough.empty());
  EXPECT_EQ(back.frames[1].passthrough, s.frames[1].passthrough);
}

TEST(NativePassthrough, NonStringRecordNamesTheField) {
  const std::string doc =
      R"({"format":"lidarlabel","schema_version":1,"frames":[{"sweep":"a.bin","timestamp_us":0,)"
      R"("objects":[],"passthrough":{"kitti.dontcare":[3]}}]})";
  try {
    nativeSequenceFromJson(doc, "bad.json");
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), "bad.json");
    EXPECT_NE(e.where().find("passthrough"), std::string::npos) << e.where();
  }
}

}  // namespace
}  // namespace lidarlabel
