// Glyph coverage (issue 16): characters the faces GB/T 9704 names cannot print.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "bangfu/layout/measure.hpp"
#include "bangfu/validate/validate.hpp"

namespace bangfu::validate {
namespace {

using diag::Location;
using model::Scheme;

/// One character found wanting, reported once at its first place.
struct Finding {
  char32_t cp = 0;
  bool outsideGb2312 = false;
  doc::Face face = doc::Face::Fang;
  Location where;
  std::string text;  ///< the value it was found in (names are short; longer text is cut)
  int count = 0;
};

/// A value longer than this is quoted by its first characters only.
constexpr std::size_t kQuotedChars = 20;

std::string utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

std::string codePoint(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

std::string quoted(const std::u32string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size() && i < kQuotedChars; ++i) out += utf8(text[i]);
  if (text.size() > kQuotedChars) out += "…";
  return out;
}

/// The GB/T 9704 name of a face, as the clerk's word processor lists it.
const char* faceName(doc::Face f) {
  switch (f) {
    case doc::Face::Hei:
      return "黑体";
    case doc::Face::Kai:
      return "楷体_GB2312";
    case doc::Face::Song:
      return "宋体";
    case doc::Face::Title:
      return "方正小标宋简体";
    case doc::Face::Fang:
    case doc::Face::Inherit:
      break;
  }
  return "仿宋_GB2312";
}

class Coverage {
 public:
  explicit Coverage(const Scheme& s) : scheme_(s) {}

  /// `value` at `field` (within the entity placed at `where`), printed in `face`.
  void scan(const std::string& value, const Location& where, const std::string& field, doc::Face face) {
    if (value.empty()) return;
    bool ascii = true;
    for (char c : value) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) return;
    const std::u32string text = layout::decodeUtf8(value);
    for (char32_t cp : text) {
      const bool outside = layout::isIdeograph(cp) && !layout::inGb2312Hanzi(cp);
      if (!outside && !layout::needsFallback(cp, face)) continue;
      auto [it, fresh] = index_.try_emplace(cp, findings_.size());
      if (fresh) {
        Finding f;
        f.cp = cp;
        f.outsideGb2312 = outside;
        f.face = face;
        f.where = placeOf(scheme_, where, field);
        f.text = quoted(text);
        findings_.push_back(std::move(f));
      }
      ++findings_[it->second].count;
    }
  }

  void report(diag::Diagnostics& diags) const {
    for (const Finding& f : findings_) {
      const std::string ch = utf8(f.cp);
      const std::string u = codePoint(f.cp);
      const bool faceLacks = layout::needsFallback(f.cp, f.face);
      const std::string fallback = layout::fallbackFamily(f.face);
      std::string zh = "“" + f.text + "”中的“" + ch + "”（" + u + "）";
      std::string en = "“" + ch + "” (" + u + ") in “" + f.text + "”";
      if (f.outsideGb2312) {
        zh += "不在 GB 2312 的 6763 个汉字之内，按 GB 2312 制作的" + std::string(faceName(f.face)) +
              "等公文字体没有这个字";
        en += " is not one of the 6763 hanzi of GB 2312: the “" + std::string(faceName(f.face)) +
              "” fonts of official documents, made to GB 2312, lack it";
      } else {
        zh += std::string("是") + faceName(f.face) + "没有的字符";
        en += std::string(" is not in “") + faceName(f.face) + "”";
      }
      if (faceLacks) {
        zh += "（本机排版用的 " + std::string(layout::faceFile(f.face)) + " 也没有），文档中改用 " +
              fallback + " 排这个字";
        en += std::string(" (as does ") + layout::faceFile(f.face) + ", used here); the outputs set it in " +
              fallback;
      } else {
        zh += "；本机字体有此字，但对方电脑上可能显示为方框或别的字体";
        en += "; the font used here has it, but another office's machine may show a box or another face";
      }
      if (f.count > 1) {
        zh += "（共 " + std::to_string(f.count) + " 处）";
        en += " (" + std::to_string(f.count) + " places)";
      }
      const std::string fixZh = f.outsideGb2312
                                    ? "核对“" + ch +
                                          "”是否无误：若是输入法选错的异体字或繁体字，改为规范字；"
                                          "确为此字（人名、地名用字）时保留，打印前在 PDF 中看一下这个字"
                                    : "换用常用的字符，或在 PDF 中确认它显示正确";
      const std::string fixEn = f.outsideGb2312
                                    ? "check “" + ch +
                                          "”: if an input method picked a variant or traditional form, "
                                          "use the standard character; if it is right (a name), keep it "
                                          "and look at it in the PDF before printing"
                                    : "use a common character, or check in the PDF that it shows";
      diags.warning(f.outsideGb2312 ? "glyph.outside-gb2312" : "glyph.no-face", f.where, zh, en, fixZh,
                    fixEn);
    }
  }

 private:
  const Scheme& scheme_;
  std::map<char32_t, std::size_t> index_;
  std::vector<Finding> findings_;
};

std::string at(const char* list, std::size_t i, const std::string& field) {
  return std::string(list) + "[" + std::to_string(i) + "]." + field;
}

}  // namespace

void checkGlyphCoverage(const Scheme& s, diag::Diagnostics& diags) {
  Coverage c(s);
  const Location none;
  using doc::Face;
  c.scan(s.notice.title, none, "notice.title", Face::Title);
  for (std::size_t i = 0; i < s.notice.appendices.size(); ++i)
    c.scan(s.notice.appendices[i].title, none, at("notice.appendices", i, "title"), Face::Title);
  for (std::size_t i = 0; i < s.areas.size(); ++i) {
    c.scan(s.areas[i].name, s.areas[i].where, at("areas", i, "name"), Face::Fang);
    c.scan(s.areas[i].annotation, s.areas[i].where, at("areas", i, "annotation"), Face::Fang);
  }
  for (std::size_t i = 0; i < s.units.size(); ++i) {
    // 指导员派出单位 print in 黑体 (Lishui); every unit also prints in 仿宋.
    c.scan(s.units[i].name, s.units[i].where, at("units", i, "name"), Face::Fang);
    if (s.units[i].hasFlag("instructor-sender"))
      c.scan(s.units[i].name, s.units[i].where, at("units", i, "name"), Face::Hei);
  }
  for (std::size_t i = 0; i < s.people.size(); ++i) {
    c.scan(s.people[i].name, s.people[i].where, at("people", i, "name"), Face::Fang);
    c.scan(s.people[i].post, s.people[i].where, at("people", i, "post"), Face::Fang);
    c.scan(s.people[i].annotation, s.people[i].where, at("people", i, "annotation"), Face::Fang);
  }
  for (std::size_t i = 0; i < s.teams.size(); ++i)
    c.scan(s.teams[i].name, s.teams[i].where, at("teams", i, "name"), Face::Fang);
  for (std::size_t i = 0; i < s.pairings.size(); ++i) {
    const model::Pairing& p = s.pairings[i];
    if (p.target.kind == model::Party::Kind::Household)
      c.scan(p.target.ref, p.where, at("pairings", i, "target"), Face::Fang);
    c.scan(p.role, p.where, at("pairings", i, "role"), Face::Fang);
    c.scan(p.note, p.where, at("pairings", i, "note"), Face::Fang);
  }
  for (std::size_t i = 0; i < s.committees.size(); ++i) {
    const model::Committee& k = s.committees[i];
    c.scan(k.name, k.where, at("committees", i, "name"), Face::Title);
    c.scan(k.intro, k.where, at("committees", i, "intro"), Face::Fang);
    for (std::size_t r = 0; r < k.roles.size(); ++r)
      c.scan(k.roles[r].title, k.where, at("committees", i, "roles[" + std::to_string(r) + "].title"),
             Face::Fang);
    c.scan(k.closing, k.where, at("committees", i, "closing"), Face::Fang);
  }
  for (const auto& [id, notes] : s.notes) {
    for (std::size_t i = 0; i < notes.size(); ++i)
      c.scan(notes[i], none, "notes." + id + "[" + std::to_string(i) + "]", Face::Fang);
  }
  for (const auto& [key, value] : s.options) {
    const auto w = s.optionWhere.find(key);
    c.scan(value, w == s.optionWhere.end() ? none : w->second, "options." + key, Face::Fang);
  }
  c.report(diags);
}

}  // namespace bangfu::validate
