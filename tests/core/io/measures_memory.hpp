#pragma once
// Under AddressSanitizer (scripts/sanitize.sh) the allocator's shadow memory,
// redzones and quarantine make resident sizes meaningless and an address-space cap
// unusable: the memory bounds are measured by the normal build's suite, the
// sanitized one checks the codes only.
namespace bangfu::test {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kMeasuresMemory = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kMeasuresMemory = false;
#else
constexpr bool kMeasuresMemory = true;
#endif
#else
constexpr bool kMeasuresMemory = true;
#endif

}  // namespace bangfu::test
