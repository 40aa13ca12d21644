#include "batch.h"

#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

namespace lidarlabel::cli {

BatchOptions batchOptionsFrom(const Args& args) {
  BatchOptions o;
  const long long jobs = args.intOr("jobs", 1);
  if (jobs < 1 || jobs > 256) throw UsageError("--jobs expects 1..256");
  o.jobs = static_cast<int>(jobs);
  if (const auto s = args.value("shard")) {
    const auto spec = parseShard(*s);
    if (!spec) throw UsageError("--shard expects INDEX/COUNT with 0 <= INDEX < COUNT, e.g. 0/4");
    o.shard = *spec;
  }
  return o;
}

std::vector<std::string> shardFolders(const std::vector<std::string>& folders,
                                      const BatchOptions& options) {
  std::vector<std::string> normal;
  for (const std::string& f : folders) {
    std::string p = std::filesystem::path(f).lexically_normal().string();
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    normal.push_back(p.empty() ? "." : p);
  }
  return shardItems(std::move(normal), options.shard);
}

void runBatch(std::size_t n, const BatchOptions& options, const std::string& label,
              const std::function<void(std::size_t)>& work) {
  Progress progress(label, n > 1 ? n : 0);  // one folder: its command shows frames instead
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;
  std::mutex mutex;
  auto worker = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      work(i);
      const std::lock_guard<std::mutex> lock(mutex);
      progress.update(++done);
    }
  };
  const std::size_t threads = std::min<std::size_t>(static_cast<std::size_t>(options.jobs), n);
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  progress.finish();
}

std::string shardName(const ShardSpec& shard) {
  return std::to_string(shard.index) + "/" + std::to_string(shard.count);
}

}  // namespace lidarlabel::cli
