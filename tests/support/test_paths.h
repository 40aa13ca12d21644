#pragma once
// Paths for tests: the bundled sample data and a per-test scratch folder.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace lidarlabel::test {

inline std::string sampleData(const std::string& rel) {
  return (std::filesystem::path(LIDARLABEL_SAMPLE_DATA) / rel).string();
}

// A fresh empty folder named after the running test, under the build tree.
inline std::string scratchDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::filesystem::path dir = std::filesystem::path(LIDARLABEL_TEST_TMP) /
                                    (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

// Writes `text` to the file p, creating its folders first.
inline void writeText(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

}  // namespace lidarlabel::test
