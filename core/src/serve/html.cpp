// The preview: an appendix of the document model as HTML, block by block, so the
// page shows what the DOCX prints (columns, merges, 合计, 说明, name lists); and the
// notice itself, 版头 to 版记, in the order and words core/docx/notice_part.cpp
// prints them (GB/T 9704-2012 ch. 7).
#include <string>

#include "bangfu/doc/notice_text.hpp"
#include "bangfu/text/names.hpp"
#include "serve/state.hpp"

namespace bangfu::serve::detail {

namespace {

const char* alignClass(doc::Align a) {
  switch (a) {
    case doc::Align::Left:
      return " class=\"l\"";
    case doc::Align::Right:
      return " class=\"r\"";
    case doc::Align::Center:
      return " class=\"c\"";
    case doc::Align::Justify:
    case doc::Align::Distribute:
      return " class=\"j\"";
    case doc::Align::Inherit:
      break;
  }
  return "";
}

std::string runsHtml(const std::vector<doc::Run>& runs) {
  std::string out;
  for (const auto& r : runs) {
    const bool strong = r.bold || r.face == doc::Face::Hei;
    std::string text = escapeHtml(r.text);
    if (r.face == doc::Face::Kai)
      text = "<span class=\"kai\">" + text + "</span>";  // a run-in （一） heading
    out += strong ? "<b>" + text + "</b>" : text;
  }
  return out;
}

std::string paragraphHtml(const doc::Paragraph& p) {
  const char* role = p.role == doc::ParagraphRole::Heading1   ? "h1p"
                     : p.role == doc::ParagraphRole::Heading2 ? "h2p"
                     : p.role == doc::ParagraphRole::Plain    ? "plain"
                                                              : "body";
  return std::string("<p class=\"") + role + "\">" + runsHtml(p.runs) + "</p>\n";
}

std::string tableHtml(const doc::Table& t) {
  std::string out = "<table class=\"doc\"><colgroup>";
  double total = 0;
  for (const auto& c : t.columns) total += c.weight;
  for (const auto& c : t.columns)
    out += "<col style=\"width:" + std::to_string(total > 0 ? 100.0 * c.weight / total : 0).substr(0, 5) +
           "%\">";
  out += "</colgroup>\n";
  for (const auto& row : t.rows) {
    const bool head = row.kind == doc::RowKind::Header;
    out += row.kind == doc::RowKind::Total ? "<tr class=\"total\">" : "<tr>";
    for (const auto& cell : row.cells) {
      out += head ? "<th" : "<td";
      if (cell.rowSpan > 1) out += " rowspan=\"" + std::to_string(cell.rowSpan) + "\"";
      if (cell.colSpan > 1) out += " colspan=\"" + std::to_string(cell.colSpan) + "\"";
      out += alignClass(cell.align);
      out += ">";
      for (std::size_t i = 0; i < cell.lines.size(); ++i)
        out += (i ? "<br>" : "") + runsHtml(cell.lines[i].runs);
      out += head ? "</th>" : "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string nameListHtml(const doc::NameList& list) {
  std::vector<std::string> roles;
  for (const auto& e : list.entries) roles.push_back(e.role);
  const auto labels = text::equalizeLabels(roles);
  std::string out = "<div class=\"namelist\">";
  for (std::size_t i = 0; i < list.entries.size(); ++i) {
    out += "<div class=\"nl-row\"><span class=\"nl-label\">" +
           escapeHtml(labels[i].empty() ? std::string() : labels[i] + "：") +
           "</span><span class=\"nl-names\" style=\"--per:" + std::to_string(std::max(1, list.namesPerLine)) +
           "\">";
    for (const auto& n : list.entries[i].names) out += "<span>" + escapeHtml(text::padName(n)) + "</span>";
    out += "</span></div>";
  }
  return out + "</div>\n";
}

std::string notesHtml(const doc::Notes& notes) {
  std::string out = "<div class=\"notes\"><span class=\"nh\">" + escapeHtml(notes.heading) + "</span><ol>";
  for (const auto& item : notes.items) out += "<li>" + escapeHtml(item) + "</li>";
  return out + "</ol></div>\n";
}

}  // namespace

std::string escapeHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\n':
        out += "<br>";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string appendixHtml(const doc::Appendix& a) {
  std::string out = "<section class=\"appendix";
  out += a.orientation == doc::Orientation::Landscape ? " landscape\">" : "\">";
  if (!a.label.empty()) out += "<div class=\"label\">" + escapeHtml(a.label) + "</div>";
  if (!a.title.empty()) out += "<h2 class=\"title\">" + escapeHtml(a.title) + "</h2>\n";
  for (const auto& block : a.blocks) {
    if (const auto* p = std::get_if<doc::Paragraph>(&block))
      out += paragraphHtml(*p);
    else if (const auto* t = std::get_if<doc::Table>(&block))
      out += tableHtml(*t);
    else if (const auto* n = std::get_if<doc::NameList>(&block))
      out += nameListHtml(*n);
    else if (const auto* notes = std::get_if<doc::Notes>(&block))
      out += notesHtml(*notes);
  }
  return out + "</section>";
}

namespace {

std::string linesHtml(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "<br>" : "") + escapeHtml(lines[i]);
  return out;
}

/// 7.2.4 发文机关标志 and 7.2.5/7.2.6 发文字号, 签发人, then the red line 7.2.7.
std::string headHtml(const doc::NoticeHead& head) {
  std::string out;
  // 7.2.1 份号, 7.2.2 密级和保密期限 and 7.2.3 紧急程度: top left, one a line (the last two in 黑体).
  if (!head.copyNumber.empty()) out += "<div class=\"marking\">" + escapeHtml(head.copyNumber) + "</div>";
  for (const std::string* m : {&head.secrecy, &head.urgency})
    if (!m->empty()) out += "<div class=\"marking hei\">" + escapeHtml(*m) + "</div>";
  if (head.issuerLines.size() == 1) {
    out += "<div class=\"issuer\">" + escapeHtml(head.issuerLines[0]) + (head.withWenjian ? "文件" : "") +
           "</div>";
  } else if (!head.issuerLines.empty()) {
    // Joint issuers stacked, 文件 to their right, centred on them.
    out += "<div class=\"issuer stacked\"><span class=\"names\">" + linesHtml(head.issuerLines) + "</span>" +
           (head.withWenjian ? "<span class=\"wenjian\">文件</span>" : "") + "</div>";
  }
  if (!head.docNumber.empty() || !head.signers.empty()) {
    out += std::string("<div class=\"docno") + (head.signers.empty() ? "" : " with-signers") + "\">";
    out += "<span>" + escapeHtml(head.docNumber) + "</span>";
    if (!head.signers.empty()) {
      std::string names;
      for (std::size_t i = 0; i < head.signers.size(); ++i) names += (i ? "　" : "") + head.signers[i];
      out += "<span class=\"signers\">签发人：<span class=\"kai\">" + escapeHtml(names) + "</span></span>";
    }
    out += "</div>";
  }
  return out + "<hr class=\"red-line\">";
}

/// 7.3.4: 附件：1.XXX, the later items under the first number.
std::string attachmentHtml(const doc::AttachmentNote& note) {
  std::string out = "<div class=\"attachments\">";
  for (std::size_t i = 0; i < note.titles.size(); ++i) {
    const std::string number = note.titles.size() > 1 ? std::to_string(i + 1) + "." : "";
    out += "<div class=\"att\"><span class=\"att-label\">" + std::string(i == 0 ? "附件：" : "") +
           "</span><span class=\"att-title\">" + escapeHtml(number + note.titles[i]) + "</span></div>";
  }
  return out + "</div>";
}

/// 7.3.5: 署名 and 成文日期 at the right, the date under the names.
std::string signatureHtml(const doc::SignatureBlock& s) {
  return std::string("<div class=\"signature") + (s.sealed ? " sealed" : "") + "\">" +
         (s.issuers.empty() ? "" : "<div>" + linesHtml(s.issuers) + "</div>") + "<div>" + escapeHtml(s.date) +
         "</div></div>";
}

/// 7.4 版记: 抄送 and 印发 between the separator lines.
std::string imprintHtml(const doc::Imprint& imprint) {
  if (imprint.printer.empty()) return {};
  std::string out = "<div class=\"imprint\"><hr class=\"first\">";
  if (!imprint.copyTo.empty())
    out += "<div class=\"copyto\">抄送：" + escapeHtml(imprint.copyTo) + "。</div><hr>";
  out += "<div class=\"printer\"><span>" + escapeHtml(imprint.printer) + "</span><span>" +
         escapeHtml(imprint.printDate) + "印发</span></div><hr class=\"last\">";
  return out + "</div>";
}

}  // namespace

std::string noticeHtml(const doc::NoticeText& text) {
  std::string out = "<section class=\"notice\">" + headHtml(text.head);
  if (!text.title.empty()) out += "<h2 class=\"title\">" + escapeHtml(text.title) + "</h2>\n";
  if (!text.recipients.empty()) out += "<p class=\"recipients\">" + escapeHtml(text.recipients) + "：</p>\n";
  for (const auto& block : text.blocks) {
    if (const auto* p = std::get_if<doc::Paragraph>(&block))
      out += paragraphHtml(*p);
    else if (const auto* a = std::get_if<doc::AttachmentNote>(&block))
      out += attachmentHtml(*a);
    else if (const auto* sig = std::get_if<doc::SignatureBlock>(&block))
      out += signatureHtml(*sig);
    else if (const auto* n = std::get_if<doc::Annotation>(&block))
      out += "<p class=\"annotation\">" + escapeHtml(n->text) + "</p>\n";
    else if (const auto* t = std::get_if<doc::IssuedTitle>(&block))
      out += "<h2 class=\"title issued\">" + escapeHtml(t->title) + "</h2>\n";
  }
  return out + imprintHtml(text.imprint) + "</section>";
}

}  // namespace bangfu::serve::detail
