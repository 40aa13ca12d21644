#include "lidarlabel/core/frame_cache.h"

#include <algorithm>

namespace lidarlabel {

FrameCache::FrameCache(Loader loader, std::size_t capacity)
    : loader_(std::move(loader)), capacity_(std::max<std::size_t>(1, capacity)) {}

std::shared_ptr<const PointCloud> FrameCache::get(std::size_t frame) {
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(frame);
    if (it != entries_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second.second);
      return it->second.first;
    }
  }
  // Load outside the lock so other frames stay readable meanwhile.
  auto cloud = std::make_shared<const PointCloud>(loader_(frame));
  std::lock_guard lock(mutex_);
  auto it = entries_.find(frame);
  if (it != entries_.end()) return it->second.first;  // loaded concurrently
  lru_.push_front(frame);
  entries_.emplace(frame, std::make_pair(cloud, lru_.begin()));
  evictLocked();
  return cloud;
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
}

void FrameCache::evictLocked() {
  while (entries_.size() > capacity_) {
    entries_.erase(lru_.back());
    lru_.pop_back();
  }
}

}  // namespace lidarlabel
