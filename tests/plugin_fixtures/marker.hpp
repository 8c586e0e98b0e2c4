#pragma once
// A static initialiser that appends the module's name to the file named by
// BANGFU_FIXTURE_MARKER: a module refused before dlopen leaves no line there.
#include <cstdio>
#include <cstdlib>

#define BANGFU_FIXTURE_MARKER(Name)                                \
  __attribute__((constructor)) static void bangfuFixtureMarker() { \
    if (const char* path = std::getenv("BANGFU_FIXTURE_MARKER")) { \
      if (std::FILE* f = std::fopen(path, "a")) {                  \
        std::fputs(Name "\n", f);                                  \
        std::fclose(f);                                            \
      }                                                            \
    }                                                              \
    setenv("BANGFU_FIXTURE_INIT_RAN", Name, 1);                    \
  }
