#pragma once
// The server Store (pg_store.h); its methods are split by topic: pg_store.cpp (load, commits),
// pg_import.cpp (bulk import), pg_tasks.cpp (tasks, notifications), pg_batch.cpp (batch
// workers' claims). Private to lidarlabel_io_pg.
#include <map>

#include "lidarlabel/io/pg_store.h"
#include "pg_conn.h"

namespace lidarlabel::pg {

class PgStore final : public ServerStore {
 public:
  explicit PgStore(const std::string& uri);

  std::string location() const override { return conn_.location(); }
  std::vector<std::string> sequences() override;
  StoredSequence loadSequence(const std::string& name) override;
  StoredFrame loadFrame(const std::string& name, std::size_t frame) override;
  BoxCommit commitBox(const std::string& name, std::size_t frame, const BoxChange& c) override;
  StoredLabels loadPointLabels(const std::string& name, std::size_t frame) override;
  LabelCommit commitPointLabels(const std::string& name, std::size_t frame, std::int64_t expected,
                                const PointLabels& labels) override;
  ReviewCommit commitFrameReview(const std::string& name, std::size_t frame, std::int64_t expected,
                                 const ReviewRecord& review) override;
  void importSequence(const std::string& name, const Sequence& sequence) override;

  std::vector<int> createTasks(const std::string& sequence, int framesPerTask) override;
  std::optional<ServerTask> claimTask(const std::string& stage, int leaseSeconds) override;
  bool heartbeat(int taskId, int leaseSeconds) override;
  std::string moveTask(int taskId, const std::string& action) override;
  std::optional<ServerTask> claimTaskFor(const std::string& stage, int leaseSeconds,
                                         const std::string& sequence,
                                         const std::string& token) override;
  bool heartbeatFor(int taskId, int leaseSeconds, const std::string& token) override;
  std::string finishTask(const ServerTask& task, const std::string& token,
                         const std::string& action,
                         const std::vector<std::vector<ObjectAnnotation>>* automatic) override;
  std::int64_t openIssue(const std::string& sequence, std::size_t frame, std::int64_t boxId,
                         const std::optional<Eigen::Vector3d>& position,
                         const std::string& text) override;
  void commentIssue(std::int64_t issueId, const std::string& text) override;
  void resolveIssue(std::int64_t issueId) override;
  std::vector<ServerIssue> issues(const std::string& sequence) override;
  void listen() override;
  std::vector<ServerChange> pollChanges(int timeoutMs) override;
  std::vector<std::int64_t> frameRowIds(const std::string& sequence) override;  // pg_frames.cpp
  std::int64_t sequenceId(const std::string& sequence) override;
  std::uint32_t reserveTrackIds(const std::string& sequence, std::uint32_t count) override;
  int notificationSocket() override { return PQsocket(conn_.raw()); }

 private:
  struct SequenceRow {
    int id = 0;
    std::string docName, sweepRoot, sweepFormat, metadata;
  };
  // "dataset/sequence" -> its row; ServerError when there is none.
  SequenceRow sequenceRow(const std::string& name);
  Frame frameFromRow(const Result& r, int row, int col);
  // The current value of a box (conflict answers); empty when it does not exist.
  BoxCommit currentBox(std::int64_t id);
  std::vector<ServerChange> drainNotifications();
  // Reads what arrived on the socket; after a lost connection, reconnects and returns the
  // RECONNECTED changes. Throws when the server cannot be reached.
  std::vector<ServerChange> consumeNotifications();

  Connection conn_;
  std::map<std::string, SequenceRow> sequenceCache_;
};

// "dataset/sequence" -> {"dataset", "sequence"}; ServerError without a '/'.
std::pair<std::string, std::string> splitSequenceName(const std::string& location,
                                                      const std::string& name);

}  // namespace lidarlabel::pg
