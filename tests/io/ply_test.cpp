// PLY files built byte by byte: PCL's layout (face + camera elements after the vertices), type
// aliases, elements before "vertex", big endian, and truncated / malformed input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/ply.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

using ::testing::HasSubstr;

template <class T>
void put(std::string& s, T v, bool big = false) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof v);
  if (big)
    for (std::size_t i = 0; i < sizeof(T) / 2; ++i) std::swap(b[i], b[sizeof(T) - 1 - i]);
  s.append(b, sizeof v);
}

// As pcl_pcd2ply writes it: vertex (float x y z, float intensity), face 0, camera 1.
const char* kPclAscii =
    "ply\nformat ascii 1.0\ncomment PCL generated\nelement vertex 2\n"
    "property float x\nproperty float y\nproperty float z\nproperty float intensity\n"
    "element camera 1\nproperty float view_px\nproperty float view_py\nproperty float view_pz\n"
    "property float x_axisx\nproperty float x_axisy\nproperty float x_axisz\n"
    "element face 0\nproperty list uchar int vertex_indices\nend_header\n"
    "1.5 2 3 0.25\n-4 5 6e1 1\n0 0 0 1 0 0\n";

TEST(PlyRead, PclStyleAsciiReadsTheVerticesAndIgnoresCameraAndFace) {
  const PointCloud c = parsePly(kPclAscii, "f.ply");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_FLOAT_EQ(c.x[0], 1.5f);
  EXPECT_FLOAT_EQ(c.z[1], 60.f);
  EXPECT_FLOAT_EQ(c.intensity[0], 0.25f);
}

TEST(PlyRead, BinaryWithAnElementBeforeVertexSkipsItsListRecords) {
  std::string s =
      "ply\nformat binary_little_endian 1.0\nobj_info scanner\n"
      "element face 2\nproperty list uint8 int32 vertex_indices\nproperty uchar flags\n"
      "element vertex 2\nproperty float64 x\nproperty float32 y\nproperty int16 z\n"
      "property uint8 ring\nproperty double timestamp\nproperty float nx\nend_header\n";
  put(s, std::uint8_t{3});
  for (int i : {0, 1, 2}) put(s, std::int32_t{i});
  put(s, std::uint8_t{9});
  put(s, std::uint8_t{0});  // empty list
  put(s, std::uint8_t{9});
  for (int i = 0; i < 2; ++i) {
    put(s, 10.0 + i);
    put(s, -1.5f);
    put(s, std::int16_t{static_cast<std::int16_t>(-7 * i)});
    put(s, std::uint8_t{static_cast<std::uint8_t>(30 + i)});
    put(s, 1.6e9 + 0.05 * i);  // absolute Unix seconds
    put(s, 0.f);
  }
  const PointCloud c = parsePly(s, "f.ply");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_FLOAT_EQ(c.x[1], 11.f);
  EXPECT_FLOAT_EQ(c.y[0], -1.5f);
  EXPECT_FLOAT_EQ(c.z[1], -7.f);
  ASSERT_TRUE(c.hasRing());
  EXPECT_EQ(c.ring[1], 31);
  ASSERT_TRUE(c.hasTime());
  EXPECT_NEAR(c.time[0], 0.0, 1e-6);  // made relative to the earliest point
  EXPECT_NEAR(c.time[1], 0.05, 1e-5);
}

TEST(PlyRead, BigEndianValuesAreSwapped) {
  std::string s =
      "ply\nformat binary_big_endian 1.0\nelement vertex 1\nproperty float x\nproperty float y\n"
      "property float z\nproperty ushort ring\nend_header\n";
  put(s, 1.25f, true);
  put(s, -2.f, true);
  put(s, 3.f, true);
  put(s, std::uint16_t{258}, true);
  const PointCloud c = parsePly(s, "f.ply");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_FLOAT_EQ(c.x[0], 1.25f);
  EXPECT_FLOAT_EQ(c.y[0], -2.f);
  EXPECT_EQ(c.ring[0], 258);
}

TEST(PlyRead, BinaryNanIsRejectedAtItsByteOrDropped) {
  std::string s =
      "ply\nformat binary_little_endian 1.0\nelement vertex 2\nproperty float x\n"
      "property float y\nproperty float z\nend_header\n";
  const std::size_t data = s.size();
  for (float v : {1.f, 2.f, 3.f, 4.f, NAN, 6.f}) put(s, v);
  try {
    parsePly(s, "f.ply", {NonFinitePolicy::Reject});
    FAIL();
  } catch (const FileError& e) {
    EXPECT_EQ(e.where(), atByte(data + 12));
  }
  EXPECT_EQ(parsePly(s, "f.ply", {NonFinitePolicy::Drop}).size(), 1u);
  EXPECT_EQ(parsePly(s, "f.ply").size(), 2u);  // kept by default
}

struct BadPly {
  const char* name;
  std::string bytes;
  std::string where;
  const char* reason;
};

std::vector<BadPly> badFiles() {
  const std::string xyz = "property float x\nproperty float y\nproperty float z\n";
  std::string shortBinary =
      "ply\nformat binary_little_endian 1.0\nelement vertex 3\n" + xyz + "end_header\n";
  shortBinary += std::string(12 * 2 + 5, '\0');
  return {
      {"NotPly", "plx\n", "line 1", "not a PLY file"},
      {"NoEndHeader", "ply\nformat ascii 1.0\nelement vertex 1\n", "line 4", "without end_header"},
      {"UnknownType", "ply\nformat ascii 1.0\nelement vertex 1\nproperty float128 x\nend_header\n",
       "line 4", "unknown property type"},
      {"UnknownFormat", "ply\nformat binary_middle_endian 1.0\n", "line 2", "unknown format"},
      {"NoZ",
       "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nend_header\n1 "
       "2\n",
       "line 6", "no scalar property 'z'"},
      {"NoVertex", "ply\nformat ascii 1.0\nelement face 0\nend_header\n", "line 4", "no 'vertex'"},
      {"TruncatedBinary", shortBinary, "byte " + std::to_string(shortBinary.size()), "truncated"},
      {"TruncatedAscii",
       "ply\nformat ascii 1.0\nelement vertex 3\n" + xyz + "end_header\n1 2 3\n4 5 6\n7 8\n",
       "line 10", "record 2 of 3"},
      {"AsciiNotANumber",
       "ply\nformat ascii 1.0\nelement vertex 1\n" + xyz + "end_header\n1 two 3\n", "line 8",
       "'two' is not a number"},
  };
}

class PlyBadInput : public ::testing::TestWithParam<BadPly> {};

TEST_P(PlyBadInput, IsAFileErrorNamingFilePlaceAndReason) {
  const BadPly& bad = GetParam();
  try {
    parsePly(bad.bytes, "bad.ply");
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), "bad.ply");
    EXPECT_EQ(e.where(), bad.where) << e.what();
    EXPECT_THAT(e.reason(), HasSubstr(bad.reason)) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(Malformed, PlyBadInput, ::testing::ValuesIn(badFiles()),
                         [](const auto& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace lidarlabel
