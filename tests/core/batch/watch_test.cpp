// The --watch debounce on a scripted clock: a fake ChangeSource replays saves at
// given milliseconds and advances its own clock by what watch() waits, so what
// is checked is which saves make one rebuild, never how fast anything ran.
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "bangfu/batch/build.hpp"

namespace {

struct ScriptEnded {};

class ScriptedSaves : public bangfu::batch::ChangeSource {
 public:
  explicit ScriptedSaves(std::vector<long> saveTimesMs) : saves_(std::move(saveTimesMs)) {}

  void watchFiles(const std::vector<std::string>& files) override {
    ++watchCalls;
    watched = files;
  }

  bool waitForChange(int timeoutMs) override {
    if (next_ == saves_.size()) {
      if (timeoutMs < 0) throw ScriptEnded{};  // would wait forever: the script is over
      now += timeoutMs;
      return false;
    }
    const long at = saves_[next_];
    if (timeoutMs >= 0 && at > now + timeoutMs) {
      now += timeoutMs;
      return false;
    }
    if (at > now) now = at;
    while (next_ < saves_.size() && saves_[next_] <= now) ++next_;  // one wake-up reads all queued events
    return true;
  }

  long now = 0;
  int watchCalls = 0;
  std::vector<std::string> watched;

 private:
  std::vector<long> saves_;
  std::size_t next_ = 0;
};

const std::string kDemo = std::string(BANGFU_SOURCE_DIR) + "/examples/batch-demo";

/// The clock readings at which watch() rebuilt, for the saves of `source`.
std::vector<long> rebuildsOf(ScriptedSaves& source, int debounceMs, int maxRebuilds) {
  std::vector<long> at;
  bangfu::batch::WatchOptions options;
  options.debounceMs = debounceMs;
  options.maxRebuilds = maxRebuilds;
  try {
    bangfu::batch::watch(kDemo, options, source, [&] { at.push_back(source.now); });
  } catch (const ScriptEnded&) {
  }
  return at;
}

std::vector<long> rebuildsFor(std::vector<long> saves, int debounceMs) {
  ScriptedSaves source(std::move(saves));
  return rebuildsOf(source, debounceMs, -1);
}

}  // namespace

TEST(WatchDebounceTest, ABurstOfSavesMakesOneRebuildOnceItSettles) {
  // An editor's write + rename and a script saving three files: 0, 100, 200 ms.
  EXPECT_EQ(rebuildsFor({0, 100, 200}, 300), (std::vector<long>{500}));
}

TEST(WatchDebounceTest, SavesFartherApartThanTheDebounceRebuildEach) {
  EXPECT_EQ(rebuildsFor({0, 400}, 300), (std::vector<long>{300, 700}));
  EXPECT_EQ(rebuildsFor({0, 100, 1000, 1050, 1100, 5000}, 300), (std::vector<long>{400, 1400, 5300}));
}

TEST(WatchDebounceTest, ASteadyStreamOfSavesWaitsUntilItStops) {
  std::vector<long> saves;
  for (long t = 0; t <= 3000; t += 250) saves.push_back(t);  // never 300 ms quiet
  EXPECT_EQ(rebuildsFor(saves, 300), (std::vector<long>{3300}));
}

TEST(WatchDebounceTest, SaysItIsWatchingOnlyOnceTheInputsAreWatched) {
  ScriptedSaves source({0});
  int watchesWhenSaid = -1;
  bangfu::batch::WatchOptions options;
  options.maxRebuilds = 1;
  options.onWatching = [&] { watchesWhenSaid = source.watchCalls; };
  bangfu::batch::watch(kDemo, options, source, [] {});
  EXPECT_EQ(watchesWhenSaid, 1);
}

TEST(WatchDebounceTest, StopsAfterMaxRebuildsAndRereadsTheInputsAfterEach) {
  ScriptedSaves source({0, 1000, 2000, 3000});
  EXPECT_EQ(rebuildsOf(source, 300, 2), (std::vector<long>{300, 1300}));
  EXPECT_EQ(source.watchCalls, 3);  // at the start and after each rebuild
  ASSERT_FALSE(source.watched.empty());
  bool projectFile = false;
  for (const auto& f : source.watched) projectFile = projectFile || f.find("batch-demo") != std::string::npos;
  EXPECT_TRUE(projectFile) << ::testing::PrintToString(source.watched);
}
