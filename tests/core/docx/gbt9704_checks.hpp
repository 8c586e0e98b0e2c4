#pragma once
/// The checks of shared/spec/gbt9704.md §6 run on a produced DOCX, for the DOCX
/// writer's tests and for plugins' tests (any appendix rendered through
/// docx::writeDocx). Check 17 (name order) belongs to the Chinese-text tests.
#include <map>
#include <string>
#include <vector>

namespace bangfu::testkit {

struct Gbt9704CheckOptions {
  /// Rule 7 / check 5: the body face (configurable: 仿宋, FangSong …).
  std::string bodyFont = "仿宋_GB2312";
  /// Check 11: the first paragraph must be 发文字号 + 附件N.
  bool detached = false;
  /// The whole notice (issue 17): pages of the notice itself start without 附件N,
  /// a notice may have no appendix, and checkGbt9704Notice's rules apply too.
  bool notice = false;
};

/// Every entry of a ZIP by name. Throws std::runtime_error for bytes that are no ZIP.
std::map<std::string, std::string> unzipAll(const std::string& zipBytes);

/// Returns one message per violated check ("check 15: …"); empty when the DOCX
/// meets §6 checks 1–16 and 18–20. Throws std::runtime_error when a required part
/// (document, styles, settings) is missing or is not XML.
std::vector<std::string> checkGbt9704(const std::string& docxBytes, const Gbt9704CheckOptions& options = {});

/// GB/T 9704-2012 ch. 7 on a whole notice (版头, 主体, 版记; docs/notice.md "Checks"):
/// one message per violated rule ("7.2.4: …"); empty when the notice meets them.
/// Throws std::runtime_error like checkGbt9704.
std::vector<std::string> checkGbt9704Notice(const std::string& docxBytes);

}  // namespace bangfu::testkit
