// The notice source (docs/notice.md "Source format") → doc::NoticeText.
//
//   ---                      optional settings, one `键：值` a line
//   印章：无
//   抄送：省委各部委 …
//   ---
//   为进一步…，现就…通知如下：     one line = one paragraph
//   一、范围对象                   heading levels from the numbers (GB/T 9704-2012 7.3.3)
//   附件：1.市级领导结对帮扶方案    optional: checked against the scheme's appendices
//   # 关于…的实施意见              the 印发 wrapper: the issued document and its title
#include <algorithm>
#include <map>

#include "bangfu/notice/source.hpp"
#include "bangfu/text/numbers.hpp"
#include "bangfu/text/title_lines.hpp"
#include "notice/checks.hpp"
#include "notice/head_marks.hpp"
#include "notice/heading.hpp"

namespace bangfu::notice {
namespace {

using diag::Location;

/// The settings a source may carry (docs/notice.md). Everything else comes from
/// the scheme, so it is not typed twice.
const std::vector<std::string>& settingKeys() {
  static const std::vector<std::string> keys = {"份号",         "密级", "保密期限", "紧急程度",
                                                "发文机关标志", "标题", "签发人",   "印章",
                                                "附注",         "抄送", "印发机关", "印发日期"};
  return keys;
}

std::string trim(const std::string& s) {
  static const std::vector<std::string> kSpaces = {" ", "\t", "\r", "\u3000", "\xc2\xa0"};
  std::size_t b = 0;
  std::size_t e = s.size();
  bool moved = true;
  while (moved) {
    moved = false;
    for (const auto& sp : kSpaces) {
      if (e - b >= sp.size() && s.compare(b, sp.size(), sp) == 0) {
        b += sp.size();
        moved = true;
      }
      if (e - b >= sp.size() && s.compare(e - sp.size(), sp.size(), sp) == 0) {
        e -= sp.size();
        moved = true;
      }
    }
  }
  return s.substr(b, e - b);
}

/// Leading whitespace in code points (the column shift of the trimmed text).
int leadingCodePoints(const std::string& raw, const std::string& trimmed) {
  const std::size_t at = raw.find(trimmed);
  int n = 0;
  for (std::size_t i = 0; i < at && i < raw.size(); ++i)
    if ((static_cast<unsigned char>(raw[i]) & 0xC0) != 0x80) ++n;
  return n;
}

bool startsWith(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

/// 键：值 or 键:值; nullopt when the line has no colon.
bool splitSetting(const std::string& line, std::string& key, std::string& value) {
  std::size_t colon = line.find("：");
  std::size_t width = 3;
  const std::size_t ascii = line.find(':');
  if (ascii != std::string::npos && (colon == std::string::npos || ascii < colon)) {
    colon = ascii;
    width = 1;
  }
  if (colon == std::string::npos) return false;
  key = trim(line.substr(0, colon));
  value = trim(line.substr(colon + width));
  return true;
}

std::vector<std::string> splitList(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t next = s.find("、", start);
    const std::string item =
        trim(s.substr(start, next == std::string::npos ? std::string::npos : next - start));
    if (!item.empty()) out.push_back(item);
    if (next == std::string::npos) break;
    start = next + 3;
  }
  return out;
}

/// A body paragraph with its heading face: a heading alone on its line takes the
/// heading style; a run-in heading (（一）工作目标。按照…) sets only its first
/// sentence in the level's face (GB/T 9704-2012 7.3.3: 黑体, 楷体, 仿宋, 仿宋).
doc::Paragraph paragraphOf(const std::string& text, const Heading& h) {
  doc::Paragraph p;
  p.role = doc::ParagraphRole::Body;
  if (h.level == 0 || h.level >= 3) {
    p.runs.push_back({text, doc::Face::Inherit, false});
    return p;
  }
  const doc::Face face = h.level == 1 ? doc::Face::Hei : doc::Face::Kai;
  const std::size_t stop = text.find("。");
  if (stop == std::string::npos || stop + 3 >= text.size()) {
    p.role = h.level == 1 ? doc::ParagraphRole::Heading1 : doc::ParagraphRole::Heading2;
    p.runs.push_back({text, doc::Face::Inherit, false});
    return p;
  }
  p.runs.push_back({text.substr(0, stop + 3), face, false});
  p.runs.push_back({text.substr(stop + 3), doc::Face::Inherit, false});
  return p;
}

/// 附件：1.XXX / 附件:XXX → the names, without their numbers.
std::vector<std::string> attachmentNames(const std::string& first, const std::vector<std::string>& more) {
  std::vector<std::string> names;
  auto strip = [](std::string s) {
    const Heading h = detectHeading(s);
    if (h.level == 3) s = s.substr(h.prefixBytes);
    return trim(s);
  };
  names.push_back(strip(first));
  for (const auto& m : more) names.push_back(strip(m));
  return names;
}

}  // namespace

std::vector<std::string> appendixTitles(const model::Scheme& scheme) {
  std::vector<std::string> titles;
  for (const auto& a : scheme.notice.appendices) {
    titles.push_back(text::titleOnOneLine(a.title));  // the 附件 list sets each title on one line
  }
  return titles;
}

doc::NoticeText buildNotice(const model::Scheme& scheme, const Source& source, diag::Diagnostics& diags) {
  const model::NoticeMeta& meta = scheme.notice;
  doc::NoticeText out;
  out.head.issuerLines = meta.issuers;
  out.head.docNumber = meta.docNumber;
  out.title = meta.title;
  out.recipients = meta.recipients;

  std::size_t i = 0;
  const auto& lines = source.lines;
  // Settings between two --- lines at the top.
  std::map<std::string, std::vector<std::pair<std::string, Location>>> settings;
  if (!lines.empty() && trim(lines[0].text) == "---") {
    std::size_t j = 1;
    for (; j < lines.size() && trim(lines[j].text) != "---"; ++j) {
      const std::string t = trim(lines[j].text);
      if (t.empty()) continue;
      std::string key;
      std::string value;
      if (!splitSetting(t, key, value)) {
        diags.error("notice.setting", lines[j].where, "设置行“" + t + "”应写作“键：值”",
                    "setting line '" + t + "' should read \"键：值\"", "印章：无",
                    "write it as \"印章：无\"");
        continue;
      }
      const auto& keys = settingKeys();
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        const std::string near = diag::nearest(key, keys);
        diags.error("notice.unknown-setting", lines[j].where, "未知设置“" + key + "”",
                    "unknown setting '" + key + "'",
                    near.empty() ? "可用：份号、密级、保密期限、紧急程度、发文机关标志、标题、签发人、印章、"
                                   "附注、抄送、印发机关、印发日期"
                                 : near,
                    near.empty()
                        ? "settings: \"份号\", \"密级\", \"保密期限\", \"紧急程度\", \"发文机关标志\", "
                          "\"标题\", \"签发人\", \"印章\", \"附注\", \"抄送\", \"印发机关\", \"印发日期\""
                        : "did you mean \"" + near + "\"?");
        continue;
      }
      settings[key].push_back({value, lines[j].where});
    }
    if (j == lines.size()) {
      diags.error("notice.setting-end", lines[0].where, "设置块缺少结束行“---”",
                  "the settings block has no closing ---", "在设置之后加一行 ---",
                  "add a line --- after the settings");
    }
    i = j + 1;
  }
  auto setting = [&](const std::string& key) -> const std::pair<std::string, Location>* {
    const auto it = settings.find(key);
    return it == settings.end() || it->second.empty() ? nullptr : &it->second.back();
  };
  if (settings.count("发文机关标志")) {
    out.head.issuerLines.clear();
    for (const auto& [v, w] : settings["发文机关标志"]) out.head.issuerLines.push_back(v);
    // An explicit mark is printed as written; 文件 is part of its last line if wanted.
    out.head.withWenjian = false;
  }
  if (settings.count("标题")) {
    std::string t;
    for (const auto& [v, w] : settings["标题"]) t += (t.empty() ? "" : "\n") + v;
    out.title = t;
    checkTitleCarriesScheme(t, meta.title, settings["标题"].front().second, diags);
  }
  readHeadMarks(setting("份号"), setting("密级"), setting("保密期限"), setting("紧急程度"), out.head, diags);
  if (const auto* s = setting("签发人")) out.head.signers = splitList(s->first);
  bool sealed = false;
  if (const auto* s = setting("印章")) {
    if (s->first == "有" || s->first == "是") {
      sealed = true;
    } else if (s->first != "无" && s->first != "否") {
      diags.error("notice.seal", s->second, "“印章”应为“有”或“无”，实际是“" + s->first + "”",
                  "\"印章\" must be \"有\" or \"无\", not '" + s->first + "'", "印章：无",
                  "write \"印章：无\"");
    }
  }
  if (const auto* s = setting("抄送")) {
    out.imprint.copyTo = s->first;
    for (const char* end : {"。", "."})
      if (out.imprint.copyTo.size() >= std::string(end).size() &&
          out.imprint.copyTo.compare(out.imprint.copyTo.size() - std::string(end).size(), std::string::npos,
                                     end) == 0)
        out.imprint.copyTo.erase(out.imprint.copyTo.size() - std::string(end).size());
  }
  if (const auto* s = setting("印发机关")) out.imprint.printer = s->first;
  if (const auto* s = setting("印发日期")) {
    out.imprint.printDate = s->first;
    checkDateSetting(s->first, s->second, "印发日期", "7.4.3", diags);
  }
  if (!out.imprint.printer.empty() && out.imprint.printDate.empty()) {
    diags.error("notice.imprint", setting("印发机关")->second,
                "版记有印发机关而缺少印发日期（GB/T 9704-2012 7.4.3）",
                "the 版记 names a 印发机关 but no 印发日期 (GB/T 9704-2012 7.4.3)", "印发日期：2019年5月30日",
                "add a line \"印发日期：2019年5月30日\"");
  }
  if (!out.imprint.copyTo.empty() && out.imprint.printer.empty()) {
    diags.error("notice.imprint", setting("抄送")->second,
                "版记有抄送机关而缺少印发机关和印发日期（GB/T 9704-2012 7.4）",
                "the 版记 has 抄送 but no 印发机关 and 印发日期 (GB/T 9704-2012 7.4)",
                "印发机关：" + (meta.issuers.empty() ? std::string("某某办公室") : meta.issuers.front()),
                "add a line \"印发机关：" +
                    (meta.issuers.empty() ? std::string("某某办公室") : meta.issuers.front()) + "\"");
  }

  doc::SignatureBlock signature;
  signature.issuers = meta.issuers;
  signature.date = meta.date;
  signature.sealed = sealed;
  std::string annotation;
  Location annotationWhere;
  if (const auto* s = setting("附注")) {
    annotation = s->first;
    annotationWhere = s->second;
    if (!startsWith(annotation, "（") && !startsWith(annotation, "(")) annotation = "（" + annotation + "）";
  }
  bool signed_ = false;
  auto sign = [&]() {
    if (signed_) return;
    signed_ = true;
    if (!signature.date.empty()) {
      out.blocks.emplace_back(signature);
    }
    if (!annotation.empty()) out.blocks.emplace_back(doc::Annotation{annotation});
  };

  HeadingSequence sequence;
  const std::vector<std::string> titles = appendixTitles(scheme);
  bool attachmentsPlaced = false;
  bool issued = false;
  std::size_t bodyParagraphs = 0;
  for (; i < lines.size(); ++i) {
    const std::string raw = lines[i].text;
    const std::string t = trim(raw);
    if (t.empty()) continue;
    const int shift = leadingCodePoints(raw, t);
    const Location where = shifted(lines[i].where, shift);
    if (startsWith(t, "#")) {
      // 印发: the notice proper ends with its signature; the issued document starts.
      std::string title = trim(t.substr(t.find_first_not_of('#')));
      while (i + 1 < lines.size() && startsWith(trim(lines[i + 1].text), "#")) {
        const std::string next = trim(lines[i + 1].text);
        title += "\n" + trim(next.substr(next.find_first_not_of('#')));
        ++i;
      }
      if (issued) {
        diags.error("notice.issued-twice", where, "一个通知只能印发一个文件（第二个“#”标题）",
                    "a notice issues one document (a second # title)", "把第二个文件作为附件",
                    "make the second document an appendix");
        continue;
      }
      if (bodyParagraphs == 0) {
        diags.warning("notice.issued-empty", where, "印发通知在“#”标题之前没有正文",
                      "the 印发 notice has no text before its # title",
                      "在标题前写“现印发给你们，请认真贯彻落实。”",
                      "write \"现印发给你们，请认真贯彻落实。\" before the title");
      }
      sign();
      out.blocks.emplace_back(doc::IssuedTitle{title});
      sequence = HeadingSequence();
      issued = true;
      continue;
    }
    if (startsWith(t, "附件：") || startsWith(t, "附件:")) {
      std::vector<std::string> more;
      std::vector<Location> moreWhere;
      while (i + 1 < lines.size()) {
        const std::string next = trim(lines[i + 1].text);
        const Heading h = detectHeading(next);
        if (h.level != 3 || !(h.number == static_cast<int>(more.size()) + 2)) break;
        more.push_back(next);
        moreWhere.push_back(lines[i + 1].where);
        ++i;
      }
      const std::string first = t.substr(startsWith(t, "附件：") ? std::string("附件：").size() : 7);
      if (attachmentsPlaced) {
        diags.error("notice.attachments-twice", where, "附件说明只能有一处", "there is one 附件说明 only");
        continue;
      }
      checkAttachments(attachmentNames(first, more), titles, where, diags);
      out.blocks.emplace_back(doc::AttachmentNote{titles});
      attachmentsPlaced = true;
      continue;
    }
    const Heading h = detectHeading(t);
    sequence.check(h, t, where, diags);
    checkBodyText(t, where, diags);
    out.blocks.emplace_back(paragraphOf(t, h));
    ++bodyParagraphs;
  }
  if (!attachmentsPlaced && !titles.empty()) out.blocks.emplace_back(doc::AttachmentNote{titles});
  sign();
  if (meta.date.empty()) {
    diags.warning("notice.no-date", Location{scheme.file, {}, 0, 0, "notice.date"},
                  "方案没有成文日期：正文之后不排发文机关署名和成文日期（GB/T 9704-2012 7.3.5）",
                  "the scheme has no date of issue (\"成文日期\"): the notice is set without signature and "
                  "date (GB/T 9704-2012 7.3.5)",
                  "在 notice.date 填写成文日期，如 2019年5月30日",
                  "fill in the date of issue in notice.date, e.g. \"2019年5月30日\"");
  }
  if (!annotation.empty() && meta.date.empty()) {
    diags.warning("notice.annotation", annotationWhere,
                  "附注排在成文日期之下（GB/T 9704-2012 7.3.6），但没有成文日期",
                  "the 附注 goes below the 成文日期 (GB/T 9704-2012 7.3.6), and there is none");
  }
  checkHead(scheme, out, diags);
  checkGlyphs(source, diags);
  return out;
}

}  // namespace bangfu::notice
