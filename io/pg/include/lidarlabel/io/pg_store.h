#pragma once
// The PostgreSQL team server (docs/team-server.md): the Store on a server, plus what only a server
// has: the schema and its migrations, users and roles, tasks with leases, and live change
// notifications. Plain libpq; linking lidarlabel::io_pg also makes openStore accept
// "postgresql://" and "postgres://" URIs (libpq connection URIs, e.g.
// "postgresql://alice@db.example.org/labels?sslmode=verify-full").
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "lidarlabel/core/errors.h"
#include "lidarlabel/io/store.h"

namespace lidarlabel {

// A server refusal or failure, in one line. file() = the URI without password, sqlstate() the
// PostgreSQL error code ("42501" = permission denied, "" = connection or client-side failure).
class ServerError : public FileError {
 public:
  ServerError(std::string uri, std::string where, std::string reason, std::string sqlstate = "")
      : FileError(std::move(uri), std::move(where), std::move(reason)),
        sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

// The schema version this build creates and understands (numbered migrations io/pg/sql/NNN_*.sql).
int serverSchemaVersion();

// `server init`: creates the group roles and the schema, then applies every migration; `server
// migrate`: applies the pending ones to an initialised database. One transaction under an
// advisory lock; running either again changes nothing. Returns {version before, version after}.
std::pair<int, int> initServer(const std::string& uri);
std::pair<int, int> migrateServer(const std::string& uri);

// Roles: "annotator", "reviewer", "qa", "admin". Creates the login role NAME if it does not exist
// (no password: set one with psql's \password, or use certificates), makes it a member of the
// group, and gives it a pseudonymous user id ("u" + 8 hex digits, returned); realName, when not
// empty, goes to the admin-only table. Idempotent.
std::string addServerUser(const std::string& uri, const std::string& name, const std::string& role,
                          const std::string& realName = "");

struct ServerTask {
  int id = 0;
  std::string sequence;  // "dataset/sequence"
  int firstFrame = 0, lastFrame = 0;
  std::string stage;  // annotate, review, qa, done
};

// One change another client committed: ids and versions only (no geometry, no labels).
struct ServerChange {
  std::string table;  // boxes, point_labels, frames
  // INSERT, UPDATE, DELETE; RECONNECTED: the connection had been lost and was re-opened (with
  // its LISTEN), changes in between were not heard; comes as one bulk change per notified table
  // (boxes, point_labels, frames).
  std::string op;
  std::int64_t sequenceId = 0, frameId = 0, id = 0, version = 0;
  bool bulk = false;    // more than 50 rows changed at once: reload the sequence
  std::string payload;  // the notification text as received
};

// An issue pinned to a frame, optionally to a box and a position (LiDAR frame of that frame's
// sweep, metres), with its comments in order. Authors are pseudonymous user ids.
struct ServerIssue {
  std::int64_t id = 0;
  std::size_t frame = 0;
  std::int64_t boxId = 0;  // 0 = none
  std::optional<Eigen::Vector3d> position;
  std::string state;                                          // open, resolved
  std::vector<std::pair<std::string, std::string>> comments;  // {author pseudonym, text}
};

class ServerStore : public Store {
 public:
  // Connects and checks the schema version (an uninitialised or older database is an error
  // naming `server init` / `server migrate`).
  static std::unique_ptr<ServerStore> open(const std::string& uri);

  // Tasks (the functions check role and stage; refusals throw ServerError "42501").
  // Admin: splits a sequence into tasks of framesPerTask frames; returns their ids.
  virtual std::vector<int> createTasks(const std::string& sequence, int framesPerTask) = 0;
  // The caller's own live claim of that stage first, else the next free or expired task; the
  // lease lasts leaseSeconds. Empty when nothing is left. Never the same task to two callers.
  virtual std::optional<ServerTask> claimTask(const std::string& stage, int leaseSeconds) = 0;
  // Extends the lease; false when the task is no longer the caller's.
  virtual bool heartbeat(int taskId, int leaseSeconds) = 0;
  // "submit" (annotate -> review), "accept" (review -> qa -> done), "reject" (-> annotate).
  // Returns the new stage.
  virtual std::string moveTask(int taskId, const std::string& action) = 0;

  // Batch workers (lidarlabel-cli prelabel|check|export ... --claim). Several may run as one
  // login role, so each marks its claims with a token of its own (unique per run).
  // The first free or expired task of `stage`, of sequence `sequence` ("dataset/sequence"; ""
  // = any), claimed under `token`: never a task someone holds with a live lease, not even the
  // caller's own. Empty when nothing is left.
  virtual std::optional<ServerTask> claimTaskFor(const std::string& stage, int leaseSeconds,
                                                 const std::string& sequence,
                                                 const std::string& token) = 0;
  // Extends the lease of the claim made under `token`; false once it is no longer that claim
  // (expired and taken by someone else, or moved).
  virtual bool heartbeatFor(int taskId, int leaseSeconds, const std::string& token) = 0;
  // Finishes a task claimed under `token`, all-or-nothing in one transaction: when `automatic`
  // is given (automatic[i] = the boxes of frame task.firstFrame + i, track ids from 1), the
  // task's frames lose their automatic boxes (provenance "automatic"; other boxes stay) and get
  // these, their track ids renumbered into ids reserved from the server (reserveTrackIds) so
  // that no other task or desk ever shares one; then the task moves with `action` (moveTask).
  // Returns the new stage. A claim that is no longer this token's changes nothing: ServerError with
  // sqlstate "55000" ("lost claim").
  virtual std::string finishTask(
      const ServerTask& task, const std::string& token, const std::string& action,
      const std::vector<std::vector<ObjectAnnotation>>* automatic = nullptr) = 0;

  // Issues: anyone may open one and comment on frames they see (annotators: their task's);
  // reviewers, QA and admins resolve them.
  virtual std::int64_t openIssue(const std::string& sequence, std::size_t frame, std::int64_t boxId,
                                 const std::optional<Eigen::Vector3d>& position,
                                 const std::string& text) = 0;
  virtual void commentIssue(std::int64_t issueId, const std::string& text) = 0;
  virtual void resolveIssue(std::int64_t issueId) = 0;
  virtual std::vector<ServerIssue> issues(const std::string& sequence) = 0;

  // Live changes: listen() once, then pollChanges waits up to timeoutMs for notifications.
  // pollChanges(0) only reads what already arrived on the socket (no round trip to the server).
  // A connection the server dropped is re-opened and listening again before pollChanges returns
  // (the RECONNECTED bulk changes say so); ServerError when the server cannot be reached (the
  // next call tries again).
  virtual void listen() = 0;
  virtual std::vector<ServerChange> pollChanges(int timeoutMs) = 0;

  // The window (docs/team-server.md, "In the window"). Frame row ids in frame order (point-label
  // and frame notifications name frame rows) and the sequence's row id (notifications name it).
  virtual std::vector<std::int64_t> frameRowIds(const std::string& sequence) = 0;
  virtual std::int64_t sequenceId(const std::string& sequence) = 0;
  // Reserves `count` consecutive track ids of the sequence that nobody has used or been given
  // (below 65,536) and returns the first: two desks creating tracks at once never collide.
  virtual std::uint32_t reserveTrackIds(const std::string& sequence, std::uint32_t count) = 0;
  // The connection's socket, for an event loop to watch instead of polling on a timer (e.g. a
  // QSocketNotifier): when it is readable, call pollChanges(0). -1 when not connected. A
  // reconnect opens a new socket: compare after each pollChanges and watch the new one.
  virtual int notificationSocket() = 0;
};

}  // namespace lidarlabel
