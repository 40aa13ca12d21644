// PCD files built byte by byte from the format description (PCL's layout: page padding, "_"
// padding fields, SoA + LZF for binary_compressed), and every kind of lying header.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/pcd.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

using ::testing::HasSubstr;

template <class T>
void put(std::string& s, T v) {
  s.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// What PCL writes for x y z intensity ring timestamp (F4 F4 F4 U1 U2 F8, 23-byte rows) plus a
// 1-byte "_" padding field, in binary, zero-padded to a 4 KiB page.
std::string pclStyleBinary(std::size_t points = 3) {
  std::string s =
      "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\n"
      "FIELDS x y z intensity _ ring timestamp\nSIZE 4 4 4 1 1 2 8\nTYPE F F F U U U F\n"
      "COUNT 1 1 1 1 1 1 1\nWIDTH " +
      std::to_string(points) +
      "\nHEIGHT 1\n"
      "VIEWPOINT 0 0 0 1 0 0 0\nPOINTS " +
      std::to_string(points) + "\nDATA binary\n";
  for (std::size_t i = 0; i < 3; ++i) {
    put(s, 1.0f + i);
    put(s, -2.0f * i);
    put(s, 0.5f);
    put(s, static_cast<std::uint8_t>(10 * i));
    put(s, static_cast<std::uint8_t>(0xAB));  // "_" padding byte
    put(s, static_cast<std::uint16_t>(i + 5));
    put(s, 0.01 * i);
  }
  s.resize(4096, '\0');
  return s;
}

TEST(PcdRead, BinaryWithPagePaddingAndUnderscoreFieldReadsExactlyPointsRows) {
  const PointCloud c = parsePcd(pclStyleBinary(), "f.pcd");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_FLOAT_EQ(c.x[2], 3.f);
  EXPECT_FLOAT_EQ(c.y[1], -2.f);
  EXPECT_FLOAT_EQ(c.intensity[2], 20.f);
  ASSERT_TRUE(c.hasRing());
  EXPECT_EQ(c.ring[0], 5);
  EXPECT_EQ(c.ring[2], 7);
  ASSERT_TRUE(c.hasTime());
  EXPECT_NEAR(c.time[2], 0.02, 1e-7);
}

TEST(PcdRead, AsciiInAnyFieldOrderWithCountAndUnknownFields) {
  const std::string s =
      "VERSION .7\nFIELDS rgb z normal x y\nSIZE 4 4 4 4 4\nTYPE U F F F F\nCOUNT 1 1 3 1 1\n"
      "WIDTH 2\nHEIGHT 1\nPOINTS 2\nDATA ascii\n"
      "7 3.5 0 0 1 1.25 -2\n"
      "7 -1e2 0 0 1 4 5\n";
  const PointCloud c = parsePcd(s, "f.pcd");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_FLOAT_EQ(c.x[0], 1.25f);
  EXPECT_FLOAT_EQ(c.y[0], -2.f);
  EXPECT_FLOAT_EQ(c.z[1], -100.f);
  EXPECT_FLOAT_EQ(c.intensity[0], 0.f);
  EXPECT_FALSE(c.hasRing());
}

// The organised RELLIS-3D Ouster sample: 2048 x 64, no-returns stored as NaN.
TEST(PcdRead, OrganisedSweepKeepsItsNoReturnPointsAtTheirIndex) {
  const PointCloud c = readPcd(test::sampleData("rellis3d/000104.pcd"));
  ASSERT_EQ(c.size(), 2048u * 64u);
  EXPECT_EQ(countNonFinite(c), 53364u);
  ASSERT_TRUE(c.hasRing());
  EXPECT_EQ(c.ring[2048 * 17 + 3], 17);
  const PointCloud dropped =
      readPcd(test::sampleData("rellis3d/000104.pcd"), {NonFinitePolicy::Drop});
  EXPECT_EQ(dropped.size(), 2048u * 64u - 53364u);
  EXPECT_EQ(countNonFinite(dropped), 0u);
}

TEST(PcdRead, RejectNamesTheFirstNoReturnPointAndItsByte) {
  const std::string path = test::sampleData("rellis3d/000104.pcd");
  const PointCloud kept = readPcd(path);
  std::size_t first = 0;
  while (isFinitePoint(kept, first)) ++first;
  try {
    readPcd(path, {NonFinitePolicy::Reject});
    FAIL() << "no error";
  } catch (const NonFinitePointError& e) {
    EXPECT_EQ(e.point(), first);
    EXPECT_THAT(e.what(), ::testing::HasSubstr("point " + std::to_string(first) + " has a NaN"));
    EXPECT_THAT(e.where(), ::testing::StartsWith("byte "));
  }
}

TEST(PcdRead, AsciiNanPointIsDroppedOrKeptByPolicy) {
  const std::string s =
      "FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nWIDTH 2\nHEIGHT 1\nPOINTS 2\nDATA ascii\n"
      "nan nan nan\n1 2 3\n";
  EXPECT_EQ(parsePcd(s, "f.pcd", {NonFinitePolicy::Drop}).size(), 1u);
  const PointCloud kept = parsePcd(s, "f.pcd", {NonFinitePolicy::Keep});
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_TRUE(std::isnan(kept.x[0]));
}

TEST(PcdRead, AsciiInfPointIsRejectedOnRequestNamingItsLine) {
  const std::string s =
      "FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nWIDTH 2\nHEIGHT 1\nPOINTS 2\nDATA ascii\n"
      "1 2 3\n4 inf 6\n";
  try {
    parsePcd(s, "f.pcd", {NonFinitePolicy::Reject});
    FAIL();
  } catch (const NonFinitePointError& e) {
    EXPECT_EQ(e.where(), "line 9");
    EXPECT_EQ(e.point(), 1u);
  }
  EXPECT_TRUE(std::isinf(parsePcd(s, "f.pcd").y[1]));  // kept by default
}

TEST(PcdRead, BinaryCompressedWithUnderscoreFieldIsSoAWithoutThePadding) {
  // Two points, fields x y z _ intensity; SoA excludes "_": 2 * (4+4+4+4) = 32 bytes.
  std::string soa;
  for (float v : {1.f, 2.f, 3.f, 4.f, 5.f, 6.f, 0.25f, 0.75f}) put(soa, v);
  std::string s =
      "FIELDS x y z _ intensity\nSIZE 4 4 4 4 4\nTYPE F F F F F\nWIDTH 2\nHEIGHT 1\n"
      "POINTS 2\nDATA binary_compressed\n";
  // Literal-only LZF stream: control byte 31 = 32 literal bytes.
  put(s, static_cast<std::uint32_t>(33));
  put(s, static_cast<std::uint32_t>(32));
  s += static_cast<char>(31);
  s += soa;
  s.resize(4096, '\0');
  const PointCloud c = parsePcd(s, "f.pcd");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_FLOAT_EQ(c.x[1], 2.f);
  EXPECT_FLOAT_EQ(c.y[0], 3.f);
  EXPECT_FLOAT_EQ(c.z[1], 6.f);
  EXPECT_FLOAT_EQ(c.intensity[1], 0.75f);
}

TEST(PcdRead, CompressedBackReferenceRepeatsEarlierBytes) {
  // 4 points all (1,1,1): SoA = 12 identical floats; "1.0f" literal then one back-ref of 44 bytes.
  std::string lzf;
  lzf += static_cast<char>(3);  // 4 literals
  put(lzf, 1.0f);
  // back-reference: len field = 44 - 2 = 42 -> 7 + 35, offset 4 -> stored 3.
  lzf += static_cast<char>((7 << 5) | 0);
  lzf += static_cast<char>(35);
  lzf += static_cast<char>(3);
  std::string s =
      "FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nWIDTH 4\nHEIGHT 1\nPOINTS 4\nDATA binary_compressed\n";
  put(s, static_cast<std::uint32_t>(lzf.size()));
  put(s, static_cast<std::uint32_t>(48));
  s += lzf;
  const PointCloud c = parsePcd(s, "f.pcd");
  ASSERT_EQ(c.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(c.z[i], 1.f);
}

struct BadPcd {
  const char* name;
  std::string bytes;
  const char* where;
  const char* reason;
};

std::string header(const std::string& fields, const std::string& size, const std::string& type,
                   const std::string& wh, const std::string& data) {
  return "FIELDS " + fields + "\nSIZE " + size + "\nTYPE " + type + "\n" + wh + "DATA " + data +
         "\n";
}

std::vector<BadPcd> badFiles() {
  const std::string wh2 = "WIDTH 2\nHEIGHT 1\nPOINTS 2\n";
  std::string lyingCompressed = header("x y z", "4 4 4", "F F F", wh2, "binary_compressed");
  put(lyingCompressed, std::uint32_t{2});
  put(lyingCompressed, std::uint32_t{24});
  lyingCompressed += std::string("\x28\x00", 2);  // back-reference with nothing before it
  std::string wrongUnpacked = header("x y z", "4 4 4", "F F F", wh2, "binary_compressed");
  put(wrongUnpacked, std::uint32_t{1});
  put(wrongUnpacked, std::uint32_t{25});
  std::string shortBlock = header("x y z", "4 4 4", "F F F", wh2, "binary_compressed");
  put(shortBlock, std::uint32_t{100});
  put(shortBlock, std::uint32_t{24});
  std::string runsShort = header("x y z", "4 4 4", "F F F", wh2, "binary_compressed");
  put(runsShort, std::uint32_t{5});
  put(runsShort, std::uint32_t{24});
  runsShort += std::string(
      "\x03"
      "abcd",
      5);  // decompresses to 4 of 24 bytes
  return {
      {"PointsBeyondData",
       header("x y z", "4 4 4", "F F F", "WIDTH 3\nHEIGHT 1\nPOINTS 3\n", "binary") +
           std::string(24, '\0'),
       "byte 97", "do not fit"},
      {"WidthTimesHeightNotPoints",
       header("x y z", "4 4 4", "F F F", "WIDTH 2\nHEIGHT 2\nPOINTS 3\n", "binary"), "line 6",
       "WIDTH * HEIGHT"},
      {"MissingZ", header("x y", "4 4", "F F", wh2, "ascii"), "line 1",
       "missing required field 'z'"},
      {"FloatOfSize2", header("x y z", "4 4 2", "F F F", wh2, "binary"), "line 3",
       "TYPE F with SIZE 2"},
      {"UnknownTypeLetter", header("x y z", "4 4 4", "F F Q", wh2, "binary"), "line 3", "TYPE Q"},
      {"SizeCountMismatch", header("x y z", "4 4", "F F F", wh2, "binary"), "line 7", "SIZE has 2"},
      {"NoDataLine", "FIELDS x y z\nSIZE 4 4 4\n", "line 3", "without a DATA line"},
      {"UnknownEncoding", header("x y z", "4 4 4", "F F F", wh2, "zstd"), "line 7", "unknown DATA"},
      {"CorruptCompressedBlock", lyingCompressed, "byte 92", "back-reference points before"},
      {"UncompressedSizeLies", wrongUnpacked, "byte 88", "uncompressed size 25"},
      {"CompressedSizePastEnd", shortBlock, "byte 84", "exceeds"},
      {"CompressedBlockTooShort", runsShort, "byte 92", "holds 4 bytes"},
      {"AsciiTooFewPoints", header("x y z", "4 4 4", "F F F", wh2, "ascii") + "1 2 3\n", "line 8",
       "found 1 points"},
      {"AsciiTooManyValues", header("x y z", "4 4 4", "F F F", wh2, "ascii") + "1 2 3 4\n",
       "line 8", "expected 3 values"},
      {"AsciiNotANumber", header("x y z", "4 4 4", "F F F", wh2, "ascii") + "1 2 x3\n", "line 8",
       "not a number"},
      {"AsciiExtraPoints",
       header("x y z", "4 4 4", "F F F", wh2, "ascii") + "1 2 3\n1 2 3\n1 2 3\n", "line 10",
       "more points"},
  };
}

class PcdBadInput : public ::testing::TestWithParam<BadPcd> {};

TEST_P(PcdBadInput, IsAFileErrorNamingFilePlaceAndReason) {
  const BadPcd& bad = GetParam();
  try {
    parsePcd(bad.bytes, "bad.pcd");
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), "bad.pcd");
    EXPECT_EQ(e.where(), bad.where) << e.what();
    EXPECT_THAT(e.reason(), HasSubstr(bad.reason)) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(LyingHeaders, PcdBadInput, ::testing::ValuesIn(badFiles()),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(PcdRead, MissingFileNamesIt) {
  try {
    readPcd(test::scratchDir() + "/none.pcd");
    FAIL();
  } catch (const FileError& e) {
    EXPECT_THAT(e.file(), HasSubstr("none.pcd"));
  }
}

TEST(PcdWrite, CompressedOutputOfRepetitiveDataIsMuchSmaller) {
  PointCloud c;
  for (int i = 0; i < 5000; ++i) c.push(1.f, 2.f, static_cast<float>(i % 4), 0.5f);
  const std::string bytes = pcdToBytes(c, PcdEncoding::BinaryCompressed);
  EXPECT_LT(bytes.size(), 5000u * 16 / 10);
  const PointCloud back = parsePcd(bytes, "mem.pcd");
  EXPECT_EQ(back.z, c.z);
}

}  // namespace
}  // namespace lidarlabel
