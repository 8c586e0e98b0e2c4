#pragma once
/// The notice itself, 版头 to 版记 (GB/T 9704-2012 ch. 7), format-neutral. Built by
/// core/notice from the notice source (notice.md, `notice.body`, the 正文 sheet) and
/// the scheme's metadata; read by the DOCX writer. The appendices stay in doc::Notice.
/// Kept out of document.hpp so the plugin ABI (types reachable from plugins) is unchanged.
#include <string>
#include <variant>
#include <vector>

#include "bangfu/doc/document.hpp"

namespace bangfu::doc {

/// 7.2: the head of the first page.
struct NoticeHead {
  /// 7.2.1 份号: six digits (zero-padded), top left of the 版心's first line; may be empty.
  std::string copyNumber;
  /// 7.2.2 密级和保密期限 as printed (机密★1年, 秘密); may be empty.
  std::string secrecy;
  /// 7.2.3 紧急程度 (特急, 加急); may be empty.
  std::string urgency;
  /// 7.2.4 发文机关标志: one line per issuer (joint issuers stacked), 主办 first.
  std::vector<std::string> issuerLines;
  /// 7.2.4: "文件" after the names (to the right of stacked names, centred on them).
  bool withWenjian = true;
  std::string docNumber;  ///< 7.2.5 发文字号, verbatim (丽委办发〔2019〕23号); may be empty
  std::vector<std::string> signers;  ///< 7.2.6 签发人 (上行文); empty for 下行文
};

/// 7.3.4 附件说明: the appendix names, in order (numbered when there are several).
struct AttachmentNote {
  std::vector<std::string> titles;
};

/// 7.3.5 发文机关署名 and 成文日期.
struct SignatureBlock {
  std::vector<std::string> issuers;  ///< 主办 first, the others below (7.3.5.2)
  std::string date;                  ///< 成文日期 2019年5月30日
  bool sealed = false;               ///< 7.3.5.1 (加盖印章) or 7.3.5.2 (不加盖印章)
};

/// 7.3.6 附注, with its brackets: （此件公开发布）.
struct Annotation {
  std::string text;
};

/// The 印发 wrapper: the document the notice issues starts on a new page with its
/// own title (lines as given; '\n' separates them).
struct IssuedTitle {
  std::string title;
};

using NoticeBlock = std::variant<Paragraph, AttachmentNote, SignatureBlock, Annotation, IssuedTitle>;

/// 7.4 版记. Empty printer: no 版记.
struct Imprint {
  std::string copyTo;     ///< 抄送机关, without "抄送：" and without the final 。
  std::string printer;    ///< 印发机关
  std::string printDate;  ///< 印发日期 2014年1月27日 (printed with 印发 after it)
};

struct NoticeText {
  NoticeHead head;
  std::string title;       ///< 7.3.1; '\n' = the caller's line breaks, else balanced by the writer
  std::string recipients;  ///< 7.3.2 主送机关 without the final colon
  std::vector<NoticeBlock> blocks;
  Imprint imprint;
};

}  // namespace bangfu::doc
