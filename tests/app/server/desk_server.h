#pragma once
// Two desks (Document + Editor + ServerSync, as the window wires them) on one server sequence of
// the program's throwaway cluster, as two login roles (alice and bob, reviewers by default).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

#include "lidarlabel/app/editor.h"
#include "lidarlabel/app/server_sync.h"
#include "pg_conn.h"
#include "qt_app.h"
#include "server_support.h"

namespace lidarlabel::test {

struct Desk {
  Desk(const std::string& uri, const std::string& journal)
      : document(DocumentConfig{8, false}), editor(document) {
    sync = std::make_unique<ServerSync>(document, ServerStore::open(uri), kSynthetic,
                                        ServerSyncConfig{journal, 0, 0});
    document.setCurrentFrame(4);
  }
  // Runs the queued commit of the last edit, like the window's event loop does.
  void settle() {
    for (int i = 0; i < 3; ++i) qtApp().processEvents();
  }
  // Reads notifications until `done` holds (at most 5 s).
  bool receiveUntil(const std::function<bool()>& done) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < end) {
      sync->pollNow(50);
      if (done()) return true;
    }
    return false;
  }
  // Runs the queued commits and sends what is left (point labels wait for it).
  bool commit() {
    settle();
    return sync->commitPending();
  }
  const ObjectAnnotation& box(std::size_t k) const { return document.objects(4)[k]; }
  Cuboid taller(ObjectId id, double metres) const {
    Cuboid b = document.object(4, id)->box;
    b.size.z() += metres;
    return b;
  }

  Document document;
  Editor editor;
  std::unique_ptr<ServerSync> sync;
};

class DeskServer : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    qtApp();
    importSynthetic();
    addServerUser(ownerUri(), "alice", "reviewer");
    addServerUser(ownerUri(), "bob", "reviewer");
    dir_ = scratchDir();
    const std::string& dir = dir_;
    alice_ = std::make_unique<Desk>(uriOf("alice"), dir + "/alice.jsonl");
    bob_ = std::make_unique<Desk>(uriOf("bob"), dir + "/bob.jsonl");
  }
  ObjectAnnotation onServer(std::int64_t boxId) const {
    const StoredFrame f = owner()->loadFrame(kSynthetic, 4);
    for (std::size_t k = 0; k < f.boxes.size(); ++k)
      if (f.boxes[k].id == boxId) return f.frame.objects[k];
    ADD_FAILURE() << "box " << boxId << " is not on the server";
    return {};
  }
  // Audit rows of one box as "actor:op:version", oldest first (read as the owner).
  std::vector<std::string> auditOf(std::int64_t boxId) const {
    pg::Connection c(ownerUri());
    const pg::Result r = c.exec(
        "SELECT actor || ':' || op || ':' || version FROM lidarlabel.audit_log WHERE table_name "
        "= 'boxes' AND row_id = $1 ORDER BY id",
        {pg::number(boxId)});
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.str(i, 0));
    return out;
  }
  // Audit rows of one table as "actor:op:version", oldest first (read as the owner).
  std::vector<std::string> auditOf(const std::string& table) const {
    pg::Connection c(ownerUri());
    const pg::Result r = c.exec(
        "SELECT actor || ':' || op || ':' || COALESCE(version, 0) FROM lidarlabel.audit_log "
        "WHERE table_name = $1 ORDER BY id",
        {pg::text(table)});
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.str(i, 0));
    return out;
  }
  std::unique_ptr<Desk> alice_, bob_;
  std::string dir_;
};

}  // namespace lidarlabel::test
