#include "lidarlabel/io/atomic_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lidarlabel/core/errors.h"
#include "test_paths.h"

namespace fs = std::filesystem;

namespace lidarlabel {
namespace {

TEST(WriteFileAtomic, ReplacesTheWholeFile) {
  const std::string path = test::scratchDir() + "/a.txt";
  writeFileAtomic(path, "first version, long");
  writeFileAtomic(path, "second");
  EXPECT_EQ(readFile(path), "second");
}

TEST(WriteFileAtomic, CrashBetweenWriteAndRenameKeepsTheOldFile) {
  const std::string dir = test::scratchDir();
  const std::string path = dir + "/a.txt";
  writeFileAtomic(path, "old content");
  std::string tmpSeen;
  setAtomicWriteHookForTesting([&](const std::string& tmp) {
    tmpSeen = tmp;
    throw std::runtime_error("simulated crash");
  });
  EXPECT_THROW(writeFileAtomic(path, "new content"), std::runtime_error);
  setAtomicWriteHookForTesting(nullptr);
  EXPECT_EQ(readFile(path), "old content");
  // The complete new bytes were on disk under the temporary name, in the same folder.
  EXPECT_EQ(fs::path(tmpSeen).parent_path(), fs::path(dir));
  EXPECT_EQ(readFile(tmpSeen), "new content");
}

TEST(WriteFileAtomic, UnwritableFolderIsAFileErrorNamingThePath) {
  const std::string path = test::scratchDir() + "/no/such/folder/a.txt";
  try {
    writeFileAtomic(path, "x");
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), path);
  }
}

TEST(ReadFile, MissingFileIsAFileError) {
  EXPECT_THROW(readFile(test::scratchDir() + "/missing"), FileError);
}

TEST(ReplaceDirectoryAtomic, FailureLeavesTheOldFolderUntouchedAndNoTemporaries) {
  const std::string root = test::scratchDir();
  const std::string out = root + "/export";
  replaceDirectoryAtomic(out,
                         [](const std::string& tmp) { writeFileAtomic(tmp + "/a.txt", "v1"); });
  EXPECT_THROW(replaceDirectoryAtomic(out,
                                      [](const std::string& tmp) {
                                        writeFileAtomic(tmp + "/a.txt", "v2");
                                        throw std::runtime_error("export failed halfway");
                                      }),
               std::runtime_error);
  EXPECT_EQ(readFile(out + "/a.txt"), "v1");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(root)) ++entries;
  EXPECT_EQ(entries, 1u);
}

TEST(ReplaceDirectoryAtomic, SuccessReplacesTheFolderContents) {
  const std::string out = test::scratchDir() + "/export";
  replaceDirectoryAtomic(out,
                         [](const std::string& tmp) { writeFileAtomic(tmp + "/old.txt", "x"); });
  replaceDirectoryAtomic(out,
                         [](const std::string& tmp) { writeFileAtomic(tmp + "/new.txt", "y"); });
  EXPECT_FALSE(fs::exists(out + "/old.txt"));
  EXPECT_EQ(readFile(out + "/new.txt"), "y");
}

TEST(ReplaceDirectoryAtomic, ATrailingSlashNamesTheSameFolder) {
  const std::string root = test::scratchDir();
  replaceDirectoryAtomic(root + "/export/",
                         [](const std::string& tmp) { writeFileAtomic(tmp + "/a", "1"); });
  replaceDirectoryAtomic(root + "/export/",
                         [](const std::string& tmp) { writeFileAtomic(tmp + "/a", "2"); });
  EXPECT_EQ(readFile(root + "/export/a"), "2");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(root)) ++entries;
  EXPECT_EQ(entries, 1u);
}

}  // namespace
}  // namespace lidarlabel
