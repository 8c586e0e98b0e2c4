#pragma once
/// The DOCX writer: a doc::Notice typeset to GB/T 9704-2012 (shared/spec/gbt9704.md).
/// Byte-stable: the same notice and options give the same bytes.
#include <string>

#include "bangfu/doc/document.hpp"
#include "bangfu/doc/notice_text.hpp"

namespace bangfu::docx {

struct DocxOptions {
  /// Zip entry times and docProps dates (seconds since the epoch); see util::outputEpoch.
  long long epoch = 946684800;
  /// GB/T 9704 7.3.7: a detached appendix starts with 发文字号 + 附件N on line 1.
  bool detached = false;
  /// A reference DOCX whose styles.xml replaces ours (pandoc --reference-doc).
  std::string referenceDoc;
  /// First page number (continues the body's count).
  int firstPageNumber = 1;
  /// The notice itself (版头 to 版记, GB/T 9704-2012 ch. 7) before the appendices;
  /// null: the appendices only. Not owned; must outlive the call.
  const doc::NoticeText* text = nullptr;
};

/// Returns the .docx bytes (layout and verification: docs/typesetting.md).
/// Throws std::runtime_error naming the file for an unreadable reference doc, and
/// std::invalid_argument when a table row lists more cells than the table's columns hold.
///
///   doc::Notice n;  // one appendix with a table, built by a plugin or `bangfu table`
///   util::writeFileAtomic("附件1.docx", docx::writeDocx(n, {util::outputEpoch(n.date)}));
std::string writeDocx(const doc::Notice& notice, const DocxOptions& options = {});

}  // namespace bangfu::docx
