#include "notice/checks.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/unistr.h>

#include <memory>
#include <regex>

#include "bangfu/text/numbers.hpp"
#include "notice/heading.hpp"

namespace bangfu::notice {
namespace {

using diag::Location;

std::string stripSpaces(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\n') continue;
    if (s.compare(i, 3, "\u3000") == 0) {
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

int codePointsBefore(const std::string& s, std::size_t bytes) {
  int n = 0;
  for (std::size_t i = 0; i < bytes && i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  return n;
}

Location fieldAt(const model::Scheme& s, const std::string& field) {
  return Location{s.file, {}, 0, 0, field};
}

}  // namespace

void checkAttachments(const std::vector<std::string>& written, const std::vector<std::string>& appendices,
                      const Location& where, diag::Diagnostics& diags) {
  std::string expected;
  for (std::size_t k = 0; k < appendices.size(); ++k) {
    if (k > 0) expected += "；";
    expected += appendices.size() > 1 ? std::to_string(k + 1) + "." + appendices[k] : appendices[k];
  }
  if (appendices.empty()) {
    diags.error("notice.attachment-mismatch", where, "正文有附件说明，但方案没有附件（GB/T 9704-2012 7.3.4）",
                "the text has a 附件说明 but the scheme has no appendix (GB/T 9704-2012 7.3.4)",
                "删去这一行，或在 notice.appendices 中列出附件",
                "delete this line, or list the appendices in notice.appendices");
    return;
  }
  if (written.size() != appendices.size()) {
    diags.error("notice.attachment-mismatch", where,
                "附件说明列了 " + std::to_string(written.size()) + " 个附件，方案有 " +
                    std::to_string(appendices.size()) + " 个（GB/T 9704-2012 7.3.4）",
                "the 附件说明 lists " + std::to_string(written.size()) + " appendices, the scheme has " +
                    std::to_string(appendices.size()) + " (GB/T 9704-2012 7.3.4)",
                "附件：" + expected, "write \"附件：" + expected + "\"");
    return;
  }
  for (std::size_t k = 0; k < written.size(); ++k) {
    if (stripSpaces(written[k]) == stripSpaces(appendices[k])) continue;
    diags.error("notice.attachment-mismatch", where,
                "附件说明的第 " + std::to_string(k + 1) + " 项“" + written[k] + "”与附件标题“" +
                    appendices[k] + "”不一致（GB/T 9704-2012 7.3.7：附件标题与附件说明一致）",
                "item " + std::to_string(k + 1) + " of the 附件说明 ('" + written[k] +
                    "') differs from the appendix title '" + appendices[k] + "' (GB/T 9704-2012 7.3.7)",
                appendices[k]);
  }
}

void checkBodyText(const std::string& text, const Location& where, diag::Diagnostics& diags) {
  // 文号 quoted in the text: 代字 + a four-digit year in brackets + 号 (7.2.5: 〔〕).
  static const std::regex kDocNumber(
      "([\\(\\[]|\xEF\xBC\x88|\xE3\x80\x90|\xEF\xBC\xBB)(\\d{4})([\\)\\]]|\xEF\xBC\x89|\xE3\x80\x91|"
      "\xEF\xBC\xBD)"
      "(\xE7\xAC\xAC)?0*(\\d+)\xE5\x8F\xB7");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kDocNumber); it != std::sregex_iterator();
       ++it) {
    const auto& m = *it;
    const std::string found = m.str();
    const std::string fixed = "〔" + m.str(2) + "〕" + m.str(5) + "号";
    diags.warning(
        "notice.doc-number-form",
        shifted(where, codePointsBefore(text, static_cast<std::size_t>(m.position()))),
        "文号“" + found + "”的年份应使用六角括号〔〕，序号不加“第”、不编虚位（GB/T 9704-2012 7.2.5）",
        "document number '" + found +
            "' should put the year in \"〔〕\", without \"第\" or leading zeros (GB/T 9704-2012 7.2.5)",
        fixed);
  }
  // Dates: 2019年05月30日, 19年5月30日 (GB/T 15835; 7.3.5.4 for the 成文日期).
  static const std::regex kDate("(\\d{2,4})\xE5\xB9\xB4(\\d{1,2})\xE6\x9C\x88(\\d{1,2})\xE6\x97\xA5");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kDate); it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    const bool shortYear = m.str(1).size() != 4;
    const bool padded =
        (m.str(2).size() == 2 && m.str(2)[0] == '0') || (m.str(3).size() == 2 && m.str(3)[0] == '0');
    if (!shortYear && !padded) continue;
    const std::string found = m.str();
    const auto fixed = text::normalizeDate(found);
    diags.warning(
        "notice.date-form", shifted(where, codePointsBefore(text, static_cast<std::size_t>(m.position()))),
        "日期“" + found + "”应标全年份、月日不编虚位（GB/T 9704-2012 7.3.5.4）",
        "date '" + found + "' should give the full year and no leading zeros (GB/T 9704-2012 7.3.5.4)",
        fixed && !shortYear ? *fixed : "2019年5月30日",
        "write \"" + (fixed && !shortYear ? *fixed : std::string("2019年5月30日")) + "\"");
  }
}

void checkDateSetting(const std::string& value, const Location& where, const std::string& key,
                      const std::string& clause, diag::Diagnostics& diags) {
  if (text::isCanonicalDate(value)) return;
  const auto fixed = text::normalizeDate(value);
  diags.error("notice.date-form", where,
              key + "“" + value + "”应写作“2019年5月30日”的形式（GB/T 9704-2012 " + clause + "）",
              key + " '" + value + "' should read like \"2019年5月30日\" (GB/T 9704-2012 " + clause + ")",
              fixed ? *fixed : "2019年5月30日",
              "write \"" + (fixed ? *fixed : std::string("2019年5月30日")) + "\"");
}

void checkTitleCarriesScheme(const std::string& printed, const std::string& schemeTitle,
                             const Location& where, diag::Diagnostics& diags) {
  if (schemeTitle.empty() || stripSpaces(printed).find(stripSpaces(schemeTitle)) != std::string::npos) return;
  diags.warning("notice.title", where, "“标题”设置不含方案的标题“" + schemeTitle + "”",
                "the 标题 setting does not contain the scheme's title '" + schemeTitle + "'", schemeTitle);
}

void checkHead(const model::Scheme& scheme, const doc::NoticeText& text, diag::Diagnostics& diags) {
  const auto& meta = scheme.notice;
  if (text.head.issuerLines.empty()) {
    diags.error("notice.no-issuer", fieldAt(scheme, "notice.issuers"),
                "方案没有发文机关，版头无法排出发文机关标志（GB/T 9704-2012 7.2.4）",
                "the scheme names no issuer, so the 版头 has no 发文机关标志 (GB/T 9704-2012 7.2.4)",
                "在 notice.issuers 中填写发文机关全称",
                "fill in the issuing office's full name in notice.issuers");
  }
  if (meta.docNumber.empty()) {
    diags.warning("notice.no-doc-number", fieldAt(scheme, "notice.docNumber"),
                  "方案没有发文字号：版头的发文字号一行留空（GB/T 9704-2012 7.2.5）",
                  "the scheme has no 发文字号: its line in the 版头 stays empty (GB/T 9704-2012 7.2.5)",
                  "在 notice.docNumber 填写发文字号，如 丽委办发〔2019〕23号",
                  "fill in the document number in notice.docNumber, e.g. \"丽委办发〔2019〕23号\"");
  }
  if (text.title.empty()) {
    diags.error("notice.no-title", fieldAt(scheme, "notice.title"), "方案没有标题（GB/T 9704-2012 7.3.1）",
                "the scheme has no title (GB/T 9704-2012 7.3.1)", "在 notice.title 填写通知的标题",
                "fill in the notice's title in notice.title");
  }
  // 7.3.2: a 通知 is addressed to its 主送机关; only 公告/通告-like notices go to no one.
  const bool announcement =
      meta.title.find("公告") != std::string::npos || meta.title.find("通告") != std::string::npos;
  if (meta.recipients.empty() && !announcement) {
    diags.error("notice.no-recipients", fieldAt(scheme, "notice.recipients"),
                "通知缺少主送机关（GB/T 9704-2012 7.3.2）",
                "the notice has no 主送机关 (GB/T 9704-2012 7.3.2)",
                "在 notice.recipients 填写主送机关，如“各县（市、区）人民政府”",
                "fill in the recipients in notice.recipients, e.g. \"各县（市、区）人民政府\"");
  }
  if (!meta.recipients.empty()) {
    const std::string& r = meta.recipients;
    for (const char* colon : {"：", ":"}) {
      const std::string c(colon);
      if (r.size() >= c.size() && r.compare(r.size() - c.size(), c.size(), c) == 0) {
        diags.warning("notice.recipients-colon", fieldAt(scheme, "notice.recipients"),
                      "主送机关末尾的冒号由排版加上，不必写入（GB/T 9704-2012 7.3.2）",
                      "the colon after the 主送机关 is added when typesetting (GB/T 9704-2012 7.3.2)",
                      r.substr(0, r.size() - c.size()));
      }
    }
  }
  if (!text.head.signers.empty() && meta.docNumber.empty()) {
    diags.error(
        "notice.signer", fieldAt(scheme, "notice.docNumber"),
        "上行文有签发人，发文字号须与签发人同排一行（GB/T 9704-2012 7.2.5、7.2.6），但方案没有发文字号",
        "an upward document with 签发人 needs a 发文字号 on the same line (GB/T 9704-2012 7.2.5, 7.2.6)",
        "在 notice.docNumber 填写发文字号", "fill in the document number in notice.docNumber");
  }
}

void checkGlyphs(const Source& source, diag::Diagnostics& diags) {
  // GB/T 9704-2012 5.2.2 sets the body in 仿宋 (仿宋_GB2312): a character outside
  // GB 2312 prints in a fallback face or as a box. GB 2312 is the two-byte zone
  // A1–F7 × A1–FE of GB 18030, whose ICU table maps 破折号 A1AA to U+2014 (the
  // "GB2312" table maps it to U+2015 and would reject every ——).
  UErrorCode status = U_ZERO_ERROR;
  struct Closer {
    void operator()(UConverter* c) const { ucnv_close(c); }
  };
  std::unique_ptr<UConverter, Closer> conv(ucnv_open("GB18030", &status));
  if (U_FAILURE(status)) return;
  ucnv_setFromUCallBack(conv.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  for (const auto& line : source.lines) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(line.text);
    int column = 0;
    for (int32_t k = 0; k < u.length(); k = u.moveIndex32(k, 1), ++column) {
      const UChar32 c = u.char32At(k);
      if ((c < 0x20 && c != '\t') || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
        // A control character cannot be set, and is no legal XML 1.0 character (DOCX).
        char hex[16];
        std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
        diags.error("notice.control-char", shifted(line.where, column),
                    std::string("正文含控制字符（") + hex + "），无法排版",
                    std::string("the text holds a control character (") + hex + ")",
                    "删除该字符（常见于从其他软件复制的文字）",
                    "delete the character (often copied from other software)");
        continue;
      }
      if (c < 0x80) continue;
      icu::UnicodeString one(c);
      char buf[8];
      UErrorCode e = U_ZERO_ERROR;
      ucnv_reset(conv.get());
      const int32_t n = ucnv_fromUChars(conv.get(), buf, sizeof buf, one.getBuffer(), one.length(), &e);
      const auto b0 = static_cast<unsigned char>(buf[0]);
      const auto b1 = static_cast<unsigned char>(buf[1]);
      if (U_SUCCESS(e) && n == 2 && b0 >= 0xA1 && b0 <= 0xF7 && b1 >= 0xA1 && b1 <= 0xFE) continue;
      std::string ch;
      one.toUTF8String(ch);
      char hex[16];
      std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
      diags.warning(
          "notice.glyph", shifted(line.where, column),
          "字符“" + ch + "”（" + hex + "）不在正文字体仿宋_GB2312 的字符集（GB 2312）内，将以其他字体印出",
          "character '" + ch + "' (" + hex +
              ") is outside the body face 仿宋_GB2312 (GB 2312) and prints in another face",
          "换用 GB 2312 内的字，或确认打印机有含此字的字体",
          "use a character within GB 2312, or make sure the printer has a font with this one");
    }
  }
}

}  // namespace bangfu::notice
