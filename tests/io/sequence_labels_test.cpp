// Opening a dataset folder brings its labels, read as `lidarlabel-cli import` reads them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/kitti_tracking.h"
#include "lidarlabel/io/native_format.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/sequence_open.h"
#include "test_paths.h"

namespace lidarlabel {
namespace {

namespace fs = std::filesystem;
using test::sampleData;
using test::scratchDir;

// Rows of a KITTI label file whose type is not DontCare (counted from the text itself).
std::size_t nonDontCareRows(const std::string& path, int typeColumn = 0, long frame = -1) {
  std::ifstream in(path);
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::vector<std::string> w{std::istream_iterator<std::string>(words), {}};
    if (w.size() <= static_cast<std::size_t>(typeColumn)) continue;
    if (frame >= 0 && std::stol(w[0]) != frame) continue;
    n += w[typeColumn] != "DontCare" ? 1 : 0;
  }
  return n;
}

TEST(OpenSequence, KittiObjectFolderHasAsManyBoxesPerFrameAsLabel2NonDontCareRows) {
  const std::string root = sampleData("kitti_object/training");
  const Sequence s = openSequence(root);
  ASSERT_EQ(s.size(), 6u);
  std::size_t total = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::string label = root + "/label_2/00000" + std::to_string(i) + ".txt";
    EXPECT_EQ(s.frames[i].objects.size(), nonDontCareRows(label)) << label;
    total += s.frames[i].objects.size();
  }
  EXPECT_EQ(total, 10u);  // sample_data/README: 10 objects in 6 frames
  EXPECT_EQ(detectSequenceLayout(root).kind, "kitti-object");
}

// A KITTI tracking folder as a user has it: sweeps of sequence 0012 (stand-ins: the bundled
// KITTI object scans), the bundled label_02/0012.txt and calib/0012.txt.
std::string trackingFolder(const std::string& dir, const std::vector<int>& frames) {
  fs::create_directories(dir + "/velodyne");
  fs::create_directories(dir + "/label_02");
  fs::create_directories(dir + "/calib");
  for (int f : frames) {
    char name[32];
    std::snprintf(name, sizeof name, "/velodyne/%06d.bin", f);
    fs::copy_file(sampleData("kitti_object/training/velodyne/000000.bin"), dir + name);
  }
  fs::copy_file(sampleData("kitti_tracking/training/label_02/0012.txt"),
                dir + "/label_02/0012.txt");
  fs::copy_file(sampleData("kitti_tracking/training/calib/0012.txt"), dir + "/calib/0012.txt");
  return dir;
}

TEST(OpenSequence, KittiTrackingFolderMatchesLabel02RowsToSweepsByFileNumber) {
  const std::string dir = trackingFolder(scratchDir() + "/0012", {0, 1, 2, 40});
  const std::string label = dir + "/label_02/0012.txt";
  EXPECT_EQ(detectSequenceLayout(dir).kind, "kitti-tracking");
  const Sequence s = openSequence(dir);
  ASSERT_EQ(s.size(), 4u);  // only the sweeps; label rows of other frames are not frames
  const long numbers[] = {0, 1, 2, 40};
  for (std::size_t i = 0; i < 4; ++i)
    EXPECT_EQ(s.frames[i].objects.size(), nonDontCareRows(label, 2, numbers[i])) << numbers[i];
  ASSERT_FALSE(s.frames[0].objects.empty());
  EXPECT_EQ(s.frames[0].objects[0].trackId, 1u);  // KITTI track 0 -> 1
  EXPECT_EQ(s.frames[0].objects[0].className, "cyclist");
}

TEST(OpenSequence, KittiTrackingVelodyneSequenceFolderFindsLabel02TwoLevelsUp) {
  const std::string training = scratchDir() + "/training";
  fs::create_directories(training + "/velodyne/0012");
  fs::create_directories(training + "/label_02");
  fs::create_directories(training + "/calib");
  fs::copy_file(sampleData("kitti_object/training/velodyne/000001.bin"),
                training + "/velodyne/0012/000003.bin");
  fs::copy_file(sampleData("kitti_tracking/training/label_02/0012.txt"),
                training + "/label_02/0012.txt");
  fs::copy_file(sampleData("kitti_tracking/training/calib/0012.txt"), training + "/calib/0012.txt");
  const Sequence s = openSequence(training + "/velodyne/0012");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s.frames[0].objects.size(), nonDontCareRows(training + "/label_02/0012.txt", 2, 3));
}

TEST(OpenSequence, KittiTrackingLabelsWithoutCalibNameTheLabelFile) {
  const std::string dir = trackingFolder(scratchDir() + "/0012", {0});
  fs::remove(dir + "/calib/0012.txt");
  try {
    openSequence(dir);
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_NE(e.file().find("label_02/0012.txt"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("calib"), std::string::npos) << e.what();
  }
}

TEST(OpenSequence, NuscenesSampleOpensWithIts69Boxes) {
  const Sequence s = openSequence(sampleData("nuscenes"));
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s.frames[0].objects.size(), 69u);
  EXPECT_TRUE(s.frames[0].info.egoPose.has_value());
}

// A copy of the KITTI object sample (sweeps, calib, labels) to damage or annotate.
std::string kittiObjectCopy(const std::string& dir) {
  fs::copy(sampleData("kitti_object/training"), dir, fs::copy_options::recursive);
  return dir;
}

TEST(OpenSequence, DamagedLabel2RowIsAFileErrorNamingFileAndLine) {
  const std::string dir = kittiObjectCopy(scratchDir() + "/training");
  writeFileAtomic(dir + "/label_2/000001.txt",
                  "Car 0 0 -1.5 1 2 3 4 1.5 1.6 not-a-number 1 2 3 0.1\n");
  try {
    openSequence(dir);
    FAIL() << "no error";
  } catch (const FileError& e) {
    EXPECT_NE(e.file().find("label_2/000001.txt"), std::string::npos) << e.what();
    EXPECT_NE(e.where().find("line 1"), std::string::npos) << e.what();
  }
}

TEST(OpenSequence, NativeDocumentWinsOverTheDatasetLabels) {
  const std::string dir = kittiObjectCopy(scratchDir() + "/training");
  Sequence s = openSequence(dir);
  s.frames[0].objects.clear();  // the annotator deleted frame 0's pedestrian
  saveNativeSequence(s, nativePathFor(dir));
  const Sequence again = openSequence(dir);
  EXPECT_EQ(detectSequenceLayout(dir).kind, "native");
  EXPECT_TRUE(again.frames[0].objects.empty());
  EXPECT_EQ(again.frames[1].objects.size(), 3u);
}

TEST(OpenSequence, SavingTheNativeDocumentLeavesTheSourceLabelFilesUntouched) {
  const std::string dir = kittiObjectCopy(scratchDir() + "/training");
  const std::string before = readFile(dir + "/label_2/000001.txt");
  Sequence s = openSequence(dir);
  s.frames[1].objects.pop_back();
  saveNativeSequence(s, nativePathFor(dir));
  EXPECT_EQ(readFile(dir + "/label_2/000001.txt"), before);
}

}  // namespace
}  // namespace lidarlabel
