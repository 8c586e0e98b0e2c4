#pragma once
/// What a GoogleTest does where it cannot check something (scripts/test.sh):
/// outside CI it skips (ctest lists it, scripts/test.sh names it at the end);
/// under BANGFU_REQUIRE_ALL=1 (scripts/test.sh --require-all) or CI=true nothing
/// may be skipped, so the same place fails.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

namespace bangfu::testing {

inline bool requireAll() {
  const char* all = std::getenv("BANGFU_REQUIRE_ALL");
  const char* ci = std::getenv("CI");
  return (all != nullptr && std::strcmp(all, "1") == 0) || (ci != nullptr && std::strcmp(ci, "true") == 0);
}

}  // namespace bangfu::testing

/// Skips the current test with `reason`, or fails it when everything is required.
#define BANGFU_SKIP_UNLESS_REQUIRED(reason)                                            \
  do {                                                                                 \
    if (::bangfu::testing::requireAll()) {                                             \
      FAIL() << reason << " (BANGFU_REQUIRE_ALL=1 / CI=true: nothing may be skipped)"; \
    }                                                                                  \
    GTEST_SKIP() << reason;                                                            \
  } while (false)

/// A part of a test that cannot run (the test goes on): a failure when everything
/// is required, else a "NOT CHECKED: reason" line that scripts/test.sh lists.
#define BANGFU_NOT_CHECKED(reason)                                                            \
  do {                                                                                        \
    if (::bangfu::testing::requireAll()) {                                                    \
      ADD_FAILURE() << reason << " (BANGFU_REQUIRE_ALL=1 / CI=true: nothing may be skipped)"; \
    } else {                                                                                  \
      std::cout << "NOT CHECKED: " << reason << std::endl;                                    \
    }                                                                                         \
  } while (false)
