#include "lidarlabel/core/frame_cache.h"

#include <gtest/gtest.h>

#include <stdexcept>

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

}  // namespace
}  // namespace lidarlabel
