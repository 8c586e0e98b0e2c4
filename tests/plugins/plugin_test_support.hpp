#pragma once
// Loading the bundled examples for plugin tests.
#include <gtest/gtest.h>

#include <string>

#include "bangfu/doc/document.hpp"
#include "bangfu/io/scheme_io.hpp"

namespace bangfu::testing {

inline model::Scheme loadExample(const std::string& name) {
  diag::Diagnostics diags;
  model::Scheme s =
      io::loadScheme(std::string(BANGFU_SOURCE_DIR) + "/examples/" + name + "/scheme.json", diags);
  EXPECT_FALSE(diags.hasErrors()) << name;
  return s;
}

/// The appendix's table, by value: callers often pass a temporary appendix.
inline doc::Table onlyTable(const doc::Appendix& a) {
  for (const auto& b : a.blocks)
    if (const auto* t = std::get_if<doc::Table>(&b)) return *t;
  ADD_FAILURE() << "no table in " << a.id;
  return {};
}

}  // namespace bangfu::testing
