// lidarlabel-cli check FOLDER... : the label checks (core/checks.h) with a readable summary and a
// JSON report (docs/checks.md). Exit 0 clean, 1 findings at or above --fail-on, 2 usage.
#include <cstdio>
#include <sstream>

#include "batch.h"
#include "check_report.h"
#include "claim.h"
#include "cli.h"
#include "label_cli_support.h"
#include "lidarlabel/io/atomic_file.h"
#include "lidarlabel/io/frame_labels.h"
#include "lidarlabel/io/sequence_open.h"
#include "lidarlabel/io/sweep_io.h"

namespace lidarlabel::cli {

namespace {

Finding unreadable(std::string message, long long frame = -1) {
  Finding f;
  f.check = "unreadable";
  f.severity = Severity::Error;
  f.frame = frame;
  f.message = std::move(message);
  return f;
}

// The checks on one opened sequence; findings' frame numbers are offset by firstFrame.
FolderCheck checkSequence(const std::string& name, const Sequence& seq, const Ontology& ontology,
                          const CheckConfig& config, bool points, bool frameProgress,
                          long long firstFrame = 0) {
  FolderCheck r;
  r.folder = name;
  r.frames = seq.size();
  std::vector<Finding> loadErrors;
  FramePointsLoader load;
  if (points)
    load = [&](std::size_t f) -> std::optional<FramePoints> {
      try {
        FramePoints p;
        p.cloud = readSweep(seq.sweepPathOf(f), seq.sweepFormat);
        p.labels = readFramePointLabels(seq, f, p.cloud.size(), ontology);
        return p;
      } catch (const std::exception& e) {
        loadErrors.push_back(unreadable(e.what(), static_cast<long long>(f)));
        return std::nullopt;
      }
    };
  Progress progress("check " + name, frameProgress ? seq.size() : 0);
  r.findings = runChecks(seq, ontology, load, config,
                         [&](std::size_t done, std::size_t) { progress.update(done); });
  progress.finish();
  r.findings.insert(r.findings.begin(), loadErrors.begin(), loadErrors.end());
  for (Finding& f : r.findings)
    if (f.frame >= 0) f.frame += firstFrame;
  return r;
}

FolderCheck checkFolder(const std::string& folder, const Ontology& ontology,
                        const CheckConfig& config, bool points, bool frameProgress) {
  Sequence seq;
  try {
    seq = openSequence(folder, ontology);
  } catch (const std::exception& e) {
    FolderCheck r;
    r.folder = folder;
    r.findings.push_back(unreadable(e.what()));
    return r;
  }
  return checkSequence(folder, seq, ontology, config, points, frameProgress);
}

std::vector<std::string> splitList(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

// --claim: each claimed review (or qa) task's frames are checked; the task is accepted when no
// finding is at --fail-on or above, else rejected back to the annotators.
int checkClaimed(const Args& args, const Ontology& ontology, const CheckConfig& config,
                 Severity failOn, std::size_t maxLines) {
  std::vector<FolderCheck> results;
  const int status =
      runClaimed(args, {"check", "review", {"review", "qa"}}, [&](const ClaimedTask& t) {
        const std::string name = t.sequence + " frames " + std::to_string(t.firstFrame) + "-" +
                                 std::to_string(t.lastFrame);
        results.push_back(checkSequence(name, t.frames, ontology, config, !args.flag("no-points"),
                                        false, t.firstFrame));
        const bool bad = anyAtOrAbove(results.back().findings, failOn);
        return TaskOutcome{bad ? "reject" : "accept", std::nullopt,
                           checkText(results.back(), maxLines), bad};
      });
  if (const auto out = args.value("json")) {
    writeFileAtomic(*out, checkReportJson(results, "claim").dump(1) + "\n");
    std::printf("report: %s\n", out->c_str());
  }
  return status;
}

int runCheck(const std::vector<std::string>& argv) {
  std::vector<std::string> valued = {"json", "fail-on", "ontology", "skip", "max-lines"};
  valued.insert(valued.end(), kBatchOptions.begin(), kBatchOptions.end());
  valued.insert(valued.end(), kClaimOptions.begin(), kClaimOptions.end());
  const Args args(argv, valued, {"no-points", "no-ground", "claim"});
  if (args.positional().empty()) throw UsageError("expected at least one FOLDER");
  const auto failOn = severityFromString(args.valueOr("fail-on", "error"));
  if (!failOn) throw UsageError("--fail-on expects error, warning or info");
  const long long maxLines = args.intOr("max-lines", 20);
  if (maxLines < 0) throw UsageError("--max-lines expects a count >= 0");
  const BatchOptions batch = batchOptionsFrom(args);
  const Ontology ontology = ontologyFrom(args);
  CheckConfig config;
  config.skip = splitList(args.valueOr("skip", ""));
  config.groundChecks = !args.flag("no-ground");
  if (claimMode(args))
    return checkClaimed(args, ontology, config, *failOn, static_cast<std::size_t>(maxLines));
  const std::vector<std::string> folders = shardFolders(args.positional(), batch);
  std::vector<FolderCheck> results(folders.size());
  runBatch(folders.size(), batch, "check", [&](std::size_t i) {
    results[i] =
        checkFolder(folders[i], ontology, config, !args.flag("no-points"), folders.size() == 1);
  });
  bool fail = false;
  for (const FolderCheck& r : results) {
    std::fputs(checkText(r, static_cast<std::size_t>(maxLines)).c_str(), stdout);
    fail = fail || anyAtOrAbove(r.findings, *failOn);
  }
  if (folders.empty()) std::printf("shard %s: no folders\n", shardName(batch.shard).c_str());
  if (const auto out = args.value("json")) {
    writeFileAtomic(*out, checkReportJson(results, shardName(batch.shard)).dump(1) + "\n");
    std::printf("report: %s\n", out->c_str());
  }
  return fail ? 1 : 0;
}

}  // namespace

Command checkCommand() {
  return {
      "check", "label checks (lint) on sequence folders; JSON report, exit 1 on findings",
      "usage: lidarlabel-cli check FOLDER... [--json FILE] [--fail-on error|warning|info]\n"
      "                           [--ontology FILE] [--skip ID,ID] [--no-points] [--no-ground]\n"
      "                           [--max-lines N] [--jobs N] [--shard I/N]\n"
      "  Runs every check of docs/checks.md on each folder (the annotations it opens with);\n"
      "  thresholds per class come from the ontology (--ontology, default the built-in one).\n"
      "  --json FILE     the full report (findings with frame, track ids, points; summary)\n"
      "  --fail-on S     exit status 1 when a finding is at least S (default error)\n"
      "  --skip IDS      check ids not to run, comma-separated\n"
      "  --no-points     boxes only: no sweeps read (no too-few-points, ground or point checks)\n"
      "  --no-ground     no floating / sunk checks (skips ground removal)\n"
      "  --max-lines N   findings printed per folder (default 20; the report has all)\n"
      "  --jobs N        folders checked in parallel (default 1)\n"
      "  --shard I/N     only this shard's folders: sorted list, folder k -> shard k mod N\n"
      "       lidarlabel-cli check postgresql://HOST/DATABASE/DATASET/SEQUENCE --claim\n"
      "                           [--stage review|qa] [--lease SECONDS] [check options]\n"
      "  Team server: claims the sequence's review (or qa) tasks one after another, checks\n"
      "  each task's frames, accepts the task when nothing is at --fail-on or above and\n"
      "  rejects it back to annotate otherwise, until no task is left (--json: all tasks).\n"
      "Exit status: 0 no finding at --fail-on level, 1 some, 2 usage error.",
      runCheck};
}

}  // namespace lidarlabel::cli
