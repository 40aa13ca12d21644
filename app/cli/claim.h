#pragma once
// --claim: a batch command pulls its work from a team server (docs/team-server.md, "Batch
// workers") instead of taking folders. The worker claims the next task of a stage in one server
// sequence with a lease, renews the lease from a second connection while it works on the task's
// frames, finishes the task (its results and the stage move in one transaction) and claims the
// next one until none is left. Several workers may run at once, also as one login role: a task is
// worked on by one of them; a killed worker's lease expires and another worker takes the task;
// a worker whose lease was taken over commits nothing.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli.h"
#include "lidarlabel/core/sequence.h"

namespace lidarlabel::cli {

// The option names claim mode adds: valued "stage", "lease"; flag "claim".
inline const std::vector<std::string> kClaimOptions = {"stage", "lease"};

// One claimed task as the command sees it.
struct ClaimedTask {
  int id = 0;
  std::string sequence;  // "dataset/sequence"
  int firstFrame = 0, lastFrame = 0;
  std::string stage;
  // The task's frames: frames[i] is frame firstFrame + i of the server sequence; sweeps resolve
  // against root (the server's sweep folder), point labels stored on the server are in a
  // scratch folder for the time of the task (pointLabelPath absolute).
  Sequence frames;
};

// What the command did with one task.
struct TaskOutcome {
  std::string action;  // how the task moves on: "submit", "accept" or "reject"
  // When set: the task's frames get these as their automatic boxes (automatic[i] = frame
  // firstFrame + i, track ids from 1), replacing the automatic ones they had.
  std::optional<std::vector<std::vector<ObjectAnnotation>>> automatic;
  std::string report;     // printed after the task's line
  bool findings = false;  // makes the exit status 1 (check)
};

struct ClaimSpec {
  std::string command;              // for messages: "prelabel"
  std::string defaultStage;         // without --stage
  std::vector<std::string> stages;  // the stages the command works on
};

// True when --claim is given; then exactly one positional server location is required and
// --jobs / --shard are usage errors.
bool claimMode(const Args& args);

// Claims and works tasks of the location's sequence until none is left. Prints one line per task
// and a summary; returns the exit status (1 when a task failed or had findings). Errors of the
// connection or of permissions throw (one line naming the server).
int runClaimed(const Args& args, const ClaimSpec& spec,
               const std::function<TaskOutcome(const ClaimedTask&)>& work);

}  // namespace lidarlabel::cli
