#pragma once
// Bounded, thread-safe cache of loaded sweeps with background prefetch.
//
// At most `capacity` frames stay in memory (least recently used evicted); each entry is the
// sweep and, once computed, its ground removal (the optional GroundFunction). The loader is any
// function frame index -> PointCloud; it may throw (e.g. FileError), in which case nothing is
// cached and the exception reaches the caller of get().
//
// Prefetch: prefetch() hands frames to one worker thread (started on first use, joined by the
// destructor) that loads them and computes their ground, so a later get() / ground() returns at
// once. A get() of a frame the worker is loading waits for that load instead of reading twice.
// Prefetched frames count against the capacity like any other (memory stays bounded), and at most
// capacity - 1 are requested at a time so a prefetch never evicts the most recently used frame.
// Loader errors in the worker are dropped (the frame stays uncached; get() reports them).
// Clouds handed out are shared and immutable: they outlive their eviction.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <vector>

#include "lidarlabel/core/ground.h"
#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

// Counters since construction (tests and benchmarks).
struct FrameCacheStats {
  std::size_t loads = 0;       // loader calls that succeeded (any thread)
  std::size_t prefetched = 0;  // of which by the prefetch worker
  std::size_t hits = 0;        // get() served from memory without waiting
  std::size_t waits = 0;       // get() that waited for the worker's load of that frame
  std::size_t grounds = 0;     // ground removals computed
};

class FrameCache {
 public:
  using Loader = std::function<PointCloud(std::size_t frame)>;
  using GroundFunction = std::function<GroundResult(const PointCloud&)>;

  // `ground` empty: ground() is unavailable (returns null) and the worker only reads sweeps.
  FrameCache(Loader loader, std::size_t capacity = 8, GroundFunction ground = {});
  ~FrameCache();  // stops the worker (a load in progress finishes first)
  FrameCache(const FrameCache&) = delete;
  FrameCache& operator=(const FrameCache&) = delete;

  // The sweep of a frame: from memory, after the worker's load in flight, or loaded here.
  std::shared_ptr<const PointCloud> get(std::size_t frame);
  // Ground removal of a frame's sweep (computed once per cached entry); null without a
  // GroundFunction. Loads the sweep when needed (throws like get()).
  std::shared_ptr<const GroundResult> ground(std::size_t frame);
  // The cached sweep or null; never loads, never waits, does not count as a use.
  std::shared_ptr<const PointCloud> peek(std::size_t frame) const;
  // The cached sweep when present (not counted as a use), else read with the loader without
  // caching it: scans over many frames (searches) leave the cache as it was. Throws like get().
  std::shared_ptr<const PointCloud> read(std::size_t frame) const;

  // Asks the worker to load these frames (in this order) and compute their ground. Replaces the
  // requests not started yet; frames cached or being loaded are skipped. Returns at once.
  void prefetch(const std::vector<std::size_t>& frames);
  // Blocks until the worker has nothing queued or in flight (tests, benchmarks).
  void waitIdle();
  // True while the frame is being loaded (by the worker or a get()).
  bool isLoading(std::size_t frame) const;

  bool contains(std::size_t frame) const;
  std::size_t loadedCount() const;
  std::size_t capacity() const { return capacity_; }
  void setCapacity(std::size_t capacity);
  void clear();
  FrameCacheStats stats() const;

 private:
  struct Entry {
    std::shared_ptr<const PointCloud> cloud;
    std::shared_ptr<const GroundResult> ground;
    std::list<std::size_t>::iterator lru;
  };
  std::shared_ptr<const PointCloud> insertLocked(std::size_t frame,
                                                 std::shared_ptr<const PointCloud> cloud);
  void evictLocked();
  void workerLoop();

  Loader loader_;
  GroundFunction groundFn_;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;  // a load finished, the queue changed, or stop
  std::list<std::size_t> lru_;       // front = most recent
  std::unordered_map<std::size_t, Entry> entries_;
  std::set<std::size_t> loading_;  // frames being read now (worker or get())
  std::deque<std::size_t> queue_;  // prefetch requests not started
  bool working_ = false;           // the worker is handling a request
  bool stop_ = false;
  FrameCacheStats stats_;
  std::thread worker_;  // started by the first prefetch()
};

}  // namespace lidarlabel
