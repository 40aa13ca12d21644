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
  // Commits without running the event loop, so the other desk has not read the notification
  // yet when it makes its own edit: two people changing the same thing within one moment.
  bool commitUnseen() { return sync->commitPending(); }
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
    importSyntheticForAliceAndBob();
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
  std::unique_ptr<Desk> alice_, bob_;
  std::string dir_;
};

}  // namespace lidarlabel::test
