#include "lidarlabel/core/frame_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace lidarlabel {
namespace {

PointCloud cloudOfSize(std::size_t n) {
  PointCloud c;
  c.resize(n);
  return c;
}

TEST(FrameCache, LoadsEachFrameOnceWhileItStaysInTheWindow) {
  int loads = 0;
  FrameCache cache(
      [&](std::size_t i) {
        ++loads;
        return cloudOfSize(i + 1);
      },
      3);
  EXPECT_EQ(cache.get(4)->size(), 5u);
  EXPECT_EQ(cache.get(4)->size(), 5u);
  EXPECT_EQ(loads, 1);
}

TEST(FrameCache, EvictsTheLeastRecentlyUsedFrameBeyondCapacity) {
  FrameCache cache([](std::size_t i) { return cloudOfSize(i); }, 2);
  cache.get(0);
  cache.get(1);
  cache.get(0);  // 1 is now the least recently used
  cache.get(2);
  EXPECT_TRUE(cache.contains(0));
  EXPECT_FALSE(cache.contains(1));
  EXPECT_TRUE(cache.contains(2));
  EXPECT_EQ(cache.loadedCount(), 2u);
}

TEST(FrameCache, HandedOutCloudsOutliveEviction) {
  FrameCache cache([](std::size_t i) { return cloudOfSize(10 + i); }, 1);
  auto first = cache.get(0);
  cache.get(1);
  EXPECT_FALSE(cache.contains(0));
  EXPECT_EQ(first->size(), 10u);
}

TEST(FrameCache, ALoaderErrorPropagatesAndCachesNothing) {
  FrameCache cache([](std::size_t) -> PointCloud { throw std::runtime_error("bad sweep"); }, 2);
  EXPECT_THROW(cache.get(3), std::runtime_error);
  EXPECT_EQ(cache.loadedCount(), 0u);
}

TEST(FrameCache, ShrinkingTheWindowEvictsImmediately) {
  FrameCache cache([](std::size_t i) { return cloudOfSize(i); }, 4);
  for (std::size_t i = 0; i < 4; ++i) cache.get(i);
  cache.setCapacity(2);
  EXPECT_EQ(cache.loadedCount(), 2u);
  EXPECT_TRUE(cache.contains(3));
}

// A loader that counts its calls (thread-safe) and makes clouds of frame + 1 points.
struct CountingLoader {
  std::shared_ptr<std::atomic<int>> calls = std::make_shared<std::atomic<int>>(0);
  PointCloud operator()(std::size_t i) const {
    ++*calls;
    return cloudOfSize(i + 1);
  }
};

GroundResult groundOf(const PointCloud& c) {
  GroundResult g;
  g.isGround.assign(c.size(), 1);
  g.groundHeight.assign(c.size(), 0.f);
  g.groundCount = c.size();
  return g;
}

TEST(FrameCachePrefetch, APrefetchedFrameIsServedWithoutReading) {
  CountingLoader loader;
  FrameCache cache(loader, 4);
  cache.prefetch({2});
  cache.waitIdle();
  ASSERT_EQ(*loader.calls, 1);
  EXPECT_EQ(cache.get(2)->size(), 3u);
  EXPECT_EQ(*loader.calls, 1);
  EXPECT_EQ(cache.stats().hits, 1u);
  EXPECT_EQ(cache.stats().prefetched, 1u);
}

TEST(FrameCachePrefetch, TheWorkerAlsoComputesTheGroundOfPrefetchedFrames) {
  std::atomic<int> grounds = 0;
  FrameCache cache(CountingLoader{}, 4, [&](const PointCloud& c) {
    ++grounds;
    return groundOf(c);
  });
  cache.prefetch({1});
  cache.waitIdle();
  EXPECT_EQ(grounds, 1);
  EXPECT_EQ(cache.ground(1)->groundCount, 2u);
  EXPECT_EQ(grounds, 1);
}

TEST(FrameCachePrefetch, AGetWaitsForTheWorkersLoadOfThatFrameInsteadOfReadingTwice) {
  std::mutex m;
  std::condition_variable cv;
  bool release = false;
  std::atomic<int> calls = 0;
  FrameCache cache(
      [&](std::size_t i) {
        ++calls;
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return release; });
        return cloudOfSize(i + 1);
      },
      4);
  cache.prefetch({3});
  while (!cache.isLoading(3)) std::this_thread::yield();
  std::thread reader([&] { EXPECT_EQ(cache.get(3)->size(), 4u); });
  {
    std::lock_guard lock(m);
    release = true;
  }
  cv.notify_all();
  reader.join();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(cache.stats().loads, 1u);
}

TEST(FrameCachePrefetch, APrefetchNeverEvictsTheMostRecentlyUsedFrame) {
  FrameCache cache(CountingLoader{}, 2);
  cache.get(0);
  cache.prefetch({1, 2, 3});
  cache.waitIdle();
  EXPECT_TRUE(cache.contains(0));
  EXPECT_TRUE(cache.contains(1));
  EXPECT_EQ(cache.loadedCount(), 2u);
}

TEST(FrameCachePrefetch, SteppingWithPrefetchKeepsMemoryBoundedAndReadsEachFrameOnce) {
  CountingLoader loader;
  FrameCache cache(loader, 3);
  std::size_t most = 0;
  for (std::size_t f = 0; f < 200; ++f) {
    EXPECT_EQ(cache.get(f)->size(), f + 1);
    cache.prefetch({f + 1, f > 0 ? f - 1 : 0});
    most = std::max(most, cache.loadedCount());
  }
  cache.waitIdle();
  EXPECT_LE(most, 3u);
  EXPECT_LE(*loader.calls, 201);  // 200 frames plus the last prefetch ahead
}

TEST(FrameCachePrefetch, AWorkerLoadErrorLeavesTheFrameForGetToReport) {
  FrameCache cache([](std::size_t) -> PointCloud { throw std::runtime_error("bad sweep"); }, 2);
  cache.prefetch({1});
  cache.waitIdle();
  EXPECT_FALSE(cache.contains(1));
  EXPECT_THROW(cache.get(1), std::runtime_error);
}

TEST(FrameCachePrefetch, DestroyingTheCacheWithQueuedRequestsReturns) {
  auto cache = std::make_unique<FrameCache>(CountingLoader{}, 50);
  std::vector<std::size_t> frames(40);
  for (std::size_t i = 0; i < frames.size(); ++i) frames[i] = i;
  cache->prefetch(frames);
  cache.reset();  // joins the worker after at most the load in progress
  SUCCEED();
}

}  // namespace
}  // namespace lidarlabel
