#pragma once
/// The one place the version lives; CMakeLists.txt parses BANGFU_VERSION_STRING.
#define BANGFU_VERSION_MAJOR 0
#define BANGFU_VERSION_MINOR 1
#define BANGFU_VERSION_PATCH 0
#define BANGFU_VERSION_STRING "0.1.0"

namespace bangfu {
inline constexpr const char* kVersion = BANGFU_VERSION_STRING;
}  // namespace bangfu
