// Track ids handed out by the server (migration 4): never twice, never one a box uses, below
// 65,536 per sequence, also for concurrent callers.
#include <gtest/gtest.h>

#include <future>
#include <set>

#include "pg_conn.h"
#include "server_support.h"

namespace lidarlabel::test {
namespace {

class TrackIds : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    importSynthetic();
  }
  std::uint32_t highestBoxTrack() const {
    std::uint32_t m = 0;
    for (const Frame& f : owner()->loadSequence(kSynthetic).sequence.frames)
      for (const ObjectAnnotation& o : f.objects) m = std::max(m, o.trackId);
    return m;
  }
};

TEST_F(TrackIds, ReservedIdsLieAboveEveryTrackInUseAndAreNeverHandedOutTwice) {
  const auto store = user("ann", "annotator");
  const std::uint32_t first = store->reserveTrackIds(kSynthetic, 3);
  EXPECT_GT(first, highestBoxTrack());
  EXPECT_EQ(store->reserveTrackIds(kSynthetic, 1), first + 3);
}

TEST_F(TrackIds, ConcurrentDesksNeverGetTheSameId) {
  addServerUser(ownerUri(), "a", "annotator");
  addServerUser(ownerUri(), "b", "reviewer");
  std::vector<std::future<std::vector<std::uint32_t>>> desks;
  for (const char* login : {"a", "b", "a", "b"})
    desks.push_back(std::async(std::launch::async, [this, login] {
      const auto store = ServerStore::open(uriOf(login));
      std::vector<std::uint32_t> ids;
      for (int i = 0; i < 20; ++i) ids.push_back(store->reserveTrackIds(kSynthetic, 1));
      return ids;
    }));
  std::set<std::uint32_t> all;
  for (auto& d : desks)
    for (std::uint32_t id : d.get()) EXPECT_TRUE(all.insert(id).second) << "id " << id << " twice";
  EXPECT_EQ(all.size(), 80u);
}

TEST_F(TrackIds, ABatchWorkersTracksNeverTakeIdsADeskIsReservingMeanwhile) {
  const auto tasks = owner()->createTasks(kSynthetic, 2);
  ASSERT_FALSE(tasks.empty());
  const auto worker = user("bot", "annotator");
  const auto task = worker->claimTaskFor("annotate", 60, kSynthetic, "worker-token");
  ASSERT_TRUE(task.has_value());
  // The worker's pre-labels: 30 tracks numbered from 1 in each frame of its task.
  std::vector<std::vector<ObjectAnnotation>> automatic(
      static_cast<std::size_t>(task->lastFrame - task->firstFrame + 1));
  for (auto& frame : automatic)
    for (std::uint32_t t = 1; t <= 30; ++t) {
      ObjectAnnotation o;
      o.trackId = t;
      o.className = "car";
      o.provenance = Provenance::Automatic;
      o.box.center = {2.0 * t, 5.0, 0.9};
      o.box.size = {4.5, 1.9, 1.6};
      frame.push_back(o);
    }
  auto desk = std::async(std::launch::async, [this] {
    const auto store = user("desk", "annotator");
    std::vector<std::uint32_t> ids;
    for (int i = 0; i < 40; ++i) ids.push_back(store->reserveTrackIds(kSynthetic, 1));
    return ids;
  });
  worker->finishTask(*task, "worker-token", "submit", &automatic);
  const std::vector<std::uint32_t> deskIds = desk.get();
  std::set<std::uint32_t> workerIds;
  for (const Frame& f : owner()->loadSequence(kSynthetic).sequence.frames)
    for (const ObjectAnnotation& o : f.objects)
      if (o.provenance == Provenance::Automatic) workerIds.insert(o.trackId);
  ASSERT_EQ(workerIds.size(), 30u);
  for (std::uint32_t id : deskIds) EXPECT_EQ(workerIds.count(id), 0u) << "track id " << id;
}

TEST_F(TrackIds, MigrationSevenGivesBoxesThatShareAnIdInAFrameFreshIdsKeepingTheOldestBoxs) {
  const StoredSequence before = owner()->loadSequence(kSynthetic);
  const std::uint32_t shared = before.sequence.frames[3].objects[0].trackId;
  const std::uint32_t highest = highestBoxTrack();
  // A database from before migration 7, where two desks renumbered boxes of frame 3 onto one id.
  pg::Connection c(ownerUri());
  c.script(
      "DROP INDEX lidarlabel.boxes_one_per_track_and_frame; DELETE FROM lidarlabel.schema_version "
      "WHERE version = 7");
  c.exec("UPDATE lidarlabel.boxes SET track_id = $1, version = version + 1 WHERE id = $2",
         {pg::number(std::int64_t{shared}), pg::number(before.boxes[3][1].id)});
  EXPECT_EQ(migrateServer(ownerUri()), std::make_pair(6, serverSchemaVersion()));
  const StoredFrame after = owner()->loadFrame(kSynthetic, 3);
  EXPECT_EQ(after.frame.objects[0].trackId, shared);   // the oldest box keeps the id
  EXPECT_GT(after.frame.objects[1].trackId, highest);  // the other gets a fresh one
  EXPECT_EQ(after.boxes[1].version, before.boxes[3][1].version + 2);
  ObjectAnnotation second = after.frame.objects[1];
  second.trackId = shared;  // and the index is back
  EXPECT_FALSE(
      owner()
          ->commitBox(kSynthetic, 3, {after.boxes[1].id, after.boxes[1].version, second, ""})
          .ok);
}

TEST_F(TrackIds, NearTheLimitTheFirstFreeGapIsUsedAndAFullRangeIsAnError) {
  pg::Connection c(ownerUri());
  c.exec("INSERT INTO lidarlabel.tracks SELECT id, 65535 FROM lidarlabel.sequences");
  const auto store = owner();
  const std::uint32_t gap = store->reserveTrackIds(kSynthetic, 2);
  EXPECT_GT(gap, 0u);
  EXPECT_LT(gap + 1, 65535u);
  c.exec(
      "INSERT INTO lidarlabel.tracks SELECT s.id, g FROM lidarlabel.sequences s, "
      "generate_series(1, 65534) g ON CONFLICT DO NOTHING");
  try {
    store->reserveTrackIds(kSynthetic, 1);
    FAIL() << "no track id is left";
  } catch (const ServerError& e) {
    EXPECT_NE(std::string(e.what()).find("no 1 free track ids"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace lidarlabel::test
