#pragma once
// One upload's check (private to serve): load, core and plugin rules, the notice
// text, and without errors the render, as `bangfu check` and `render` do. The
// server runs it in a worker process with a budget (bangfu/worker/bounded.hpp);
// without a worker executable (unit tests, library use) in-process.
#include <cstddef>
#include <optional>
#include <string>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/doc/document.hpp"
#include "bangfu/doc/notice_text.hpp"
#include "bangfu/plugin/host.hpp"

namespace bangfu::serve::detail {

struct CheckInput {
  std::string path;  ///< the stored copy in the private upload folder
  bool workbook = false;
  std::size_t maxInflatedBytes = 0;  ///< Limits::maxInflatedBytes
  bool readOnly = false;             ///< only read the scheme (a replacement's probe): no rules, no render
};

struct CheckOutcome {
  diag::Diagnostics diags;
  std::optional<doc::Notice> notice;    ///< rendered when there were no errors
  std::optional<doc::NoticeText> text;  ///< the notice itself, when the scheme has a text
  bool readable = false;                ///< the file read as a scheme (its errors, if any, are the rules')
};

/// Never throws for bad input: every problem is a diagnostic in the outcome.
/// `host` is discovered already.
CheckOutcome runCheck(plugin::PluginHost& host, const CheckInput& input);

std::string encodeCheckInput(const CheckInput& input);
CheckInput decodeCheckInput(const std::string& bytes);
std::string encodeCheckOutcome(const CheckOutcome& outcome);
CheckOutcome decodeCheckOutcome(const std::string& bytes);

}  // namespace bangfu::serve::detail
