#include "lidarlabel/core/frame_cache.h"

#include <algorithm>

namespace lidarlabel {

FrameCache::FrameCache(Loader loader, std::size_t capacity, GroundFunction ground)
    : loader_(std::move(loader)),
      groundFn_(std::move(ground)),
      capacity_(std::max<std::size_t>(1, capacity)) {}

FrameCache::~FrameCache() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  if (worker_.joinable()) worker_.join();
}

std::shared_ptr<const PointCloud> FrameCache::get(std::size_t frame) {
  std::unique_lock lock(mutex_);
  bool waited = false;
  for (;;) {
    if (const auto it = entries_.find(frame); it != entries_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second.lru);
      ++(waited ? stats_.waits : stats_.hits);
      return it->second.cloud;
    }
    if (!loading_.count(frame)) break;
    waited = true;  // the worker is reading it: wait for that read rather than read twice
    changed_.wait(lock);
  }
  loading_.insert(frame);
  lock.unlock();
  std::shared_ptr<const PointCloud> cloud;
  try {
    cloud = std::make_shared<const PointCloud>(loader_(frame));  // outside the lock
  } catch (...) {
    lock.lock();
    loading_.erase(frame);
    changed_.notify_all();
    throw;
  }
  lock.lock();
  loading_.erase(frame);
  ++stats_.loads;
  cloud = insertLocked(frame, std::move(cloud));
  changed_.notify_all();
  return cloud;
}

std::shared_ptr<const GroundResult> FrameCache::ground(std::size_t frame) {
  const std::shared_ptr<const PointCloud> cloud = get(frame);
  if (!groundFn_) return nullptr;
  {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(frame);
    if (it != entries_.end() && it->second.cloud == cloud && it->second.ground)
      return it->second.ground;
  }
  auto g = std::make_shared<const GroundResult>(groundFn_(*cloud));
  std::lock_guard lock(mutex_);
  ++stats_.grounds;
  const auto it = entries_.find(frame);
  if (it != entries_.end() && it->second.cloud == cloud) {
    if (it->second.ground) return it->second.ground;  // the worker was quicker
    it->second.ground = g;
  }
  return g;
}

std::shared_ptr<const PointCloud> FrameCache::peek(std::size_t frame) const {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(frame);
  return it == entries_.end() ? nullptr : it->second.cloud;
}

std::shared_ptr<const PointCloud> FrameCache::read(std::size_t frame) const {
  if (auto cached = peek(frame)) return cached;
  return std::make_shared<const PointCloud>(loader_(frame));
}

std::shared_ptr<const PointCloud> FrameCache::insertLocked(
    std::size_t frame, std::shared_ptr<const PointCloud> cloud) {
  if (const auto it = entries_.find(frame); it != entries_.end())
    return it->second.cloud;  // loaded concurrently: keep the first
  lru_.push_front(frame);
  entries_.emplace(frame, Entry{cloud, nullptr, lru_.begin()});
  evictLocked();
  return cloud;
}

void FrameCache::prefetch(const std::vector<std::size_t>& frames) {
  {
    std::lock_guard lock(mutex_);
    if (stop_) return;
    queue_.clear();
    const std::size_t limit = capacity_ - 1;  // never push out the most recently used frame
    for (std::size_t f : frames) {
      if (queue_.size() >= limit) break;
      const auto it = entries_.find(f);
      const bool done = it != entries_.end() && (!groundFn_ || it->second.ground);
      const bool queued = std::find(queue_.begin(), queue_.end(), f) != queue_.end();
      if (!done && !queued && !loading_.count(f)) queue_.push_back(f);
    }
    if (queue_.empty()) return;
    if (!worker_.joinable()) worker_ = std::thread([this] { workerLoop(); });
  }
  changed_.notify_all();
}

void FrameCache::workerLoop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.notify_all();  // waitIdle() may be waiting for a queue emptied by skips
    changed_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (stop_) return;
    const std::size_t frame = queue_.front();
    queue_.pop_front();
    if (loading_.count(frame)) continue;  // a get() is reading it
    std::shared_ptr<const PointCloud> cloud;
    if (const auto it = entries_.find(frame); it != entries_.end()) {
      if (!groundFn_ || it->second.ground) continue;
      cloud = it->second.cloud;  // cached without ground: compute only that
    }
    working_ = true;
    if (!cloud) {
      loading_.insert(frame);
      lock.unlock();
      try {
        cloud = std::make_shared<const PointCloud>(loader_(frame));
      } catch (...) {
        cloud.reset();  // get() will read it again and report the error
      }
      lock.lock();
      loading_.erase(frame);
      if (cloud) {
        ++stats_.loads;
        ++stats_.prefetched;
        cloud = insertLocked(frame, cloud);
      }
      changed_.notify_all();  // a get() waiting for this frame goes on now
    }
    if (cloud && groundFn_ && !stop_) {
      lock.unlock();
      auto g = std::make_shared<const GroundResult>(groundFn_(*cloud));
      lock.lock();
      ++stats_.grounds;
      const auto it = entries_.find(frame);
      if (it != entries_.end() && it->second.cloud == cloud && !it->second.ground)
        it->second.ground = std::move(g);
    }
    working_ = false;
    changed_.notify_all();
  }
}

void FrameCache::waitIdle() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return stop_ || (queue_.empty() && !working_); });
}

bool FrameCache::isLoading(std::size_t frame) const {
  std::lock_guard lock(mutex_);
  return loading_.count(frame) != 0;
}

bool FrameCache::contains(std::size_t frame) const {
  std::lock_guard lock(mutex_);
  return entries_.count(frame) != 0;
}

std::size_t FrameCache::loadedCount() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void FrameCache::setCapacity(std::size_t capacity) {
  std::lock_guard lock(mutex_);
  capacity_ = std::max<std::size_t>(1, capacity);
  evictLocked();
}

void FrameCache::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  lru_.clear();
  queue_.clear();
}

FrameCacheStats FrameCache::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void FrameCache::evictLocked() {
  while (entries_.size() > capacity_) {
    entries_.erase(lru_.back());
    lru_.pop_back();
  }
}

}  // namespace lidarlabel
