#pragma once
// Bounded, thread-safe cache of loaded sweeps: at most `capacity` clouds stay in memory
// (least recently used evicted). The loader is any function frame index -> PointCloud; it may
// throw (e.g. FileError), in which case nothing is cached and the exception propagates.
#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "lidarlabel/core/point_cloud.h"

namespace lidarlabel {

class FrameCache {
 public:
  using Loader = std::function<PointCloud(std::size_t frame)>;
  FrameCache(Loader loader, std::size_t capacity = 8);

  std::shared_ptr<const PointCloud> get(std::size_t frame);
  bool contains(std::size_t frame) const;
  std::size_t loadedCount() const;
  std::size_t capacity() const { return capacity_; }
  void setCapacity(std::size_t capacity);
  void clear();

 private:
  void evictLocked();
  Loader loader_;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::list<std::size_t> lru_;  // front = most recent
  std::unordered_map<std::size_t,
                     std::pair<std::shared_ptr<const PointCloud>, std::list<std::size_t>::iterator>>
      entries_;
};

}  // namespace lidarlabel
