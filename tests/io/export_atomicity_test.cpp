// Every exporter is all-or-nothing: a failure injected halfway (a truncated sweep, a damaged
// point-label sidecar, a missing calib, a failing write) leaves the destination -- including a
// previous good export -- byte-for-byte as it was, with no staging folder left beside it.
#include <gtest/gtest.h>

#include <filesystem>

#include "export_support.h"
#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/atomic_exports.h"
#include "lidarlabel/io/folder_transaction.h"
#include "lidarlabel/io/nuscenes.h"
#include "lidarlabel/io/nuscenes_lidarseg.h"
#include "lidarlabel/io/ontology_io.h"
#include "lidarlabel/io/openlabel.h"
#include "lidarlabel/io/semantic_kitti.h"
#include "lidarlabel/io/sequence_open.h"

namespace lidarlabel {
namespace {

namespace fs = std::filesystem;
using test::scratchDir;

// Runs `failing` (which must throw FileError) and checks that `out` and its parent folder are as
// before.
template <typename Fn>
void expectNothingChanges(const std::string& out, Fn failing) {
  const auto before = test::snapshotTree(out);
  const auto parentBefore = test::listing(fs::path(out).parent_path().string());
  EXPECT_THROW(failing(), FileError);
  EXPECT_EQ(test::snapshotTree(out), before);
  EXPECT_EQ(test::listing(fs::path(out).parent_path().string()), parentBefore);
}

struct Synthetic {
  std::string scratch, out;
  Sequence seq;
  std::string sweep(std::size_t i) const { return seq.sweepPathOf(i); }
  std::string sidecar(std::size_t i) const {
    return resolvePath(seq.root, seq.frames[i].pointLabelPath);
  }
};

Synthetic synthetic() {
  Synthetic s;
  s.scratch = scratchDir();
  s.seq = test::syntheticCopy(s.scratch);
  s.out = s.scratch + "/out";
  return s;
}

TEST(NuscenesExportAtomicity, TruncatedSweepHalfwayLeavesAPreviousExportAsItWas) {
  Synthetic s = synthetic();
  exportNuscenes(s.seq, s.out, defaultOntology());
  test::truncateFile(s.sweep(20), 1000);  // not a whole number of points
  expectNothingChanges(s.out, [&] { exportNuscenes(s.seq, s.out, defaultOntology()); });
  EXPECT_TRUE(fs::exists(s.out + "/v1.0-lidarlabel/lidarseg.json"));
}

TEST(NuscenesExportAtomicity, DamagedSidecarHalfwayLeavesNoNewDestination) {
  Synthetic s = synthetic();
  test::damageFile(s.sidecar(20));
  expectNothingChanges(s.out, [&] { exportNuscenes(s.seq, s.out, defaultOntology()); });
  EXPECT_FALSE(fs::exists(s.out));
}

TEST(NuscenesExportAtomicity, DamagedSidecarOverAPreviousExportKeepsItsLidarseg) {
  Synthetic s = synthetic();
  exportNuscenes(s.seq, s.out, defaultOntology());
  test::damageFile(s.sidecar(20));
  expectNothingChanges(s.out, [&] { exportNuscenes(s.seq, s.out, defaultOntology()); });
}

TEST(NuscenesResultsAtomicity, FailingWriteLeavesThePreviousResultsAsTheyWere) {
  Synthetic s = synthetic();
  exportNuscenesResults(s.seq, s.out, defaultOntology());
  s.seq.frames[3].objects.clear();  // the new results would differ
  setAtomicWriteHookForTesting([](const std::string&) { throw FileError("x", "", "disk full"); });
  expectNothingChanges(s.out, [&] { exportNuscenesResults(s.seq, s.out, defaultOntology()); });
  setAtomicWriteHookForTesting(nullptr);
}

TEST(LidarsegExportAtomicity, DamagedSidecarHalfwayLeavesThePreviousExportAsItWas) {
  Synthetic s = synthetic();
  exportNuscenes(s.seq, s.out, defaultOntology());
  test::damageFile(s.sidecar(20));
  expectNothingChanges(s.out, [&] { exportNuscenesLidarseg(s.seq, s.out, defaultOntology()); });
}

TEST(SemanticKittiExportAtomicity, DamagedSidecarHalfwayLeavesThePreviousLabelsAsTheyWere) {
  Synthetic s = synthetic();
  exportSemanticKitti(s.seq, s.out);
  test::damageFile(s.sidecar(20));
  expectNothingChanges(s.out, [&] { exportSemanticKitti(s.seq, s.out); });
}

TEST(SemanticKittiExportAtomicity, TruncatedSweepFailsTheExportNamingTheCounts) {
  Synthetic s = synthetic();
  test::truncateFile(s.sweep(20), 16 * 100);  // 100 whole points: only the count is wrong
  try {
    exportSemanticKitti(s.seq, s.out);
    FAIL() << "exported labels that do not match their sweep";
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find("000020.llpl"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("100 points"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(s.out));
}

TEST(OpenLabelExportAtomicity, FailingWriteLeavesThePreviousFileAsItWas) {
  Synthetic s = synthetic();
  exportOpenLabel(s.seq, s.out);
  s.seq.frames[3].objects.clear();
  setAtomicWriteHookForTesting([](const std::string&) { throw FileError("x", "", "disk full"); });
  expectNothingChanges(s.out, [&] { exportOpenLabel(s.seq, s.out); });
  setAtomicWriteHookForTesting(nullptr);
}

TEST(KittiObjectExportAtomicity, MissingCalibHalfwayLeavesThePreviousExportAsItWas) {
  const std::string scratch = scratchDir();
  const std::string root = test::copySample("kitti_object/training", scratch);
  Sequence seq = openSequence(root);
  importKittiObjectLabels(root, seq, defaultOntology());
  const std::string out = scratch + "/out";
  exportKittiObjectAtomically(seq, out, defaultOntology(), {});
  fs::remove(root + "/calib/000003.txt");
  expectNothingChanges(out, [&] { exportKittiObjectAtomically(seq, out, defaultOntology(), {}); });
}

TEST(KittiTrackingExportAtomicity, FailureAfterTheLabelFileLeavesBothFilesAsTheyWere) {
  const std::string scratch = scratchDir();
  const std::string root = test::copySample("kitti_tracking/training", scratch);
  Sequence seq;
  seq.root = root;
  importKittiTrackingLabels(root + "/label_02/0012.txt", root + "/calib/0012.txt", seq,
                            defaultOntology());
  KittiTrackingExportSettings settings;
  settings.sequenceName = "0012";
  settings.calibFile = root + "/calib/0012.txt";
  const std::string out = scratch + "/out";
  exportKittiTrackingAtomically(seq, out, defaultOntology(), settings);
  for (Frame& f : seq.frames)
    for (ObjectAnnotation& o : f.objects) o.box.center.x() += 0.5;  // new labels differ
  int writes = 0;  // label_02 is written, then calib fails
  setAtomicWriteHookForTesting([&](const std::string&) {
    if (++writes == 2) throw FileError("calib", "", "disk full");
  });
  expectNothingChanges(
      out, [&] { exportKittiTrackingAtomically(seq, out, defaultOntology(), settings); });
  setAtomicWriteHookForTesting(nullptr);
}

TEST(FolderTransaction, KeepsFilesItDoesNotReplaceAndReplacesListedFoldersWhole) {
  const std::string dir = scratchDir() + "/dest";
  fs::create_directories(dir + "/label_2");
  fs::create_directories(dir + "/velodyne");
  writeFileAtomic(dir + "/label_2/old.txt", "old");
  writeFileAtomic(dir + "/velodyne/000000.bin", "points");
  writeFileAtomic(dir + "/notes.txt", "mine");
  writeFolderAtomic(dir, {"label_2"}, [](const std::string& tmp) {
    fs::create_directories(tmp + "/label_2");
    writeFileAtomic(tmp + "/label_2/new.txt", "new");
    writeFileAtomic(tmp + "/notes.txt", "replaced");
  });
  EXPECT_EQ(test::snapshotTree(dir),
            (std::map<std::string, std::string>{{"label_2", "<dir>"},
                                                {"label_2/new.txt", "new"},
                                                {"notes.txt", "replaced"},
                                                {"velodyne", "<dir>"},
                                                {"velodyne/000000.bin", "points"}}));
}

TEST(FolderTransaction, FailureAtTheLastMomentLeavesTheDestinationAsItWas) {
  const std::string dir = scratchDir() + "/dest";
  fs::create_directories(dir);
  writeFileAtomic(dir + "/a.txt", "a");
  setFolderCommitHookForTesting([](const std::string&) { throw FileError("x", "", "crash"); });
  expectNothingChanges(dir, [&] {
    writeFolderAtomic(dir, {},
                      [](const std::string& tmp) { writeFileAtomic(tmp + "/a.txt", "b"); });
  });
  setFolderCommitHookForTesting(nullptr);
}

TEST(FolderTransaction, DestinationThatIsAFileIsAnErrorNamingIt) {
  const std::string file = scratchDir() + "/labels.txt";
  writeFileAtomic(file, "x");
  try {
    writeFolderAtomic(file, {}, [](const std::string&) {});
    FAIL();
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), file);
    EXPECT_NE(e.reason().find("not a folder"), std::string::npos);
  }
  EXPECT_EQ(readFile(file), "x");
}

TEST(FolderTransaction, FailureRemovesTheParentFoldersItCreated) {
  const std::string base = scratchDir();
  EXPECT_THROW(writeFolderAtomic(base + "/a/b/out", {},
                                 [](const std::string&) { throw FileError("x", "", "fail"); }),
               FileError);
  EXPECT_TRUE(test::listing(base).empty());
}

}  // namespace
}  // namespace lidarlabel
