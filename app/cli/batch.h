#pragma once
// Many folders per command: --jobs N (parallel), --shard i/n (cluster arrays), a progress bar.
#include <functional>
#include <string>
#include <vector>

#include "cli.h"
#include "lidarlabel/core/shard.h"

namespace lidarlabel::cli {

struct BatchOptions {
  int jobs = 1;     // --jobs N: folders processed at once
  ShardSpec shard;  // --shard i/n: this job's share of the folders (default 0/1 = all)
};

// The option names batch commands accept (valued): "jobs", "shard".
inline const std::vector<std::string> kBatchOptions = {"jobs", "shard"};

// Parses --jobs and --shard (UsageError when malformed).
BatchOptions batchOptionsFrom(const Args& args);

// The folders this shard handles: each path normalised (no trailing '/', "a/./b" -> "a/b"),
// then shardItems (core/shard.h): sorted, de-duplicated, item k -> shard k mod n.
std::vector<std::string> shardFolders(const std::vector<std::string>& folders,
                                      const BatchOptions& options);

// Runs work(i) for i in [0, n) on options.jobs threads, with a progress bar on stderr (only on
// a terminal). work must not throw (catch inside, report in its result).
void runBatch(std::size_t n, const BatchOptions& options, const std::string& label,
              const std::function<void(std::size_t)>& work);

// "i/n" as it names this shard in reports, e.g. "2/8".
std::string shardName(const ShardSpec& shard);

}  // namespace lidarlabel::cli
