#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/native_format.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

using ::testing::HasSubstr;

PointLabels someLabels(std::size_t n) {
  PointLabels l;
  l.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    l.semantic[i] = static_cast<std::uint16_t>(i % 260);
    l.instance[i] = static_cast<std::uint16_t>(i * 7 % 65536);
  }
  return l;
}

TEST(PointLabelSidecar, RoundTrips) {
  const std::string path = test::scratchDir() + "/f.llpl";
  writePointLabels(path, someLabels(1000));
  EXPECT_EQ(readPointLabels(path, 1000), someLabels(1000));
}

TEST(PointLabelSidecar, CountDifferentFromTheSweepIsAnError) {
  const std::string path = test::scratchDir() + "/f.llpl";
  writePointLabels(path, someLabels(10));
  try {
    readPointLabels(path, 11);
    FAIL();
  } catch (const FileError& e) {
    EXPECT_THAT(e.reason(), HasSubstr("10 labels but the sweep has 11"));
  }
}

TEST(PointLabelSidecar, TruncatedFileIsDetected) {
  const std::string path = test::scratchDir() + "/f.llpl";
  writePointLabels(path, someLabels(100));
  const std::string bytes = readFile(path);
  writeFileAtomic(path, bytes.substr(0, bytes.size() - 3));
  EXPECT_THROW(readPointLabels(path), FileError);
}

TEST(PointLabelSidecar, FlippedPayloadByteFailsTheChecksum) {
  const std::string path = test::scratchDir() + "/f.llpl";
  writePointLabels(path, someLabels(100));
  std::string bytes = readFile(path);
  bytes[bytes.size() / 2] ^= 0x20;
  writeFileAtomic(path, bytes);
  try {
    readPointLabels(path);
    FAIL();
  } catch (const FileError& e) {
    EXPECT_THAT(e.reason(), HasSubstr("checksum"));
  }
}

TEST(PointLabelSidecar, OtherFilesAreRejectedByMagic) {
  const std::string path = test::scratchDir() + "/f.llpl";
  writeFileAtomic(path, std::string(64, 'x'));
  EXPECT_THROW(readPointLabels(path), FileError);
}

}  // namespace
}  // namespace lidarlabel
