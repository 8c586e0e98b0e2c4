// Pasted names: splitting, sorting with duplicates marked, plain-text layout.
#include "bangfu/text/name_input.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bangfu/text/names.hpp"
#include "bangfu/text/utf8.hpp"
#include "text/utf8.hpp"

namespace bangfu::text {

namespace {

/// 、，,；; and the line break separate names; so do runs of spaces.
bool isSeparator(char32_t c) {
  return c == U'、' || c == U'，' || c == U',' || c == U'；' || c == U';' || c == U'\n' || c == U'\r';
}

bool isSpace(char32_t c) {
  return c == U' ' || c == U'\t' || c == detail::kIdeographicSpace || c == U'\u00A0';
}

/// Gap between names on one line: two U+3000, so a padded two-character name
/// (王　峰) cannot be read into its neighbour (spec §2). The XLSX name list uses these lines.
constexpr const char* kNameGap = "\u3000\u3000";

}  // namespace

std::vector<PastedName> splitPastedNames(std::string_view utf8) {
  struct Piece {
    std::string text;  ///< UTF-8, an invalid sequence as U+FFFD
    int chars = 0;
    int line, column;
    int spacesAfter = 0;  ///< spaces up to the next piece; -1 when a separator came
  };
  std::vector<Piece> pieces;
  int line = 1, column = 1;
  bool gapHasSeparator = true;
  int depth = 0;  // inside （女，蒙古族）: a note, whose commas separate nothing
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t start = i;
    const char32_t c = detail::nextCodePoint(utf8, i);
    if (start == 0 && c == U'\uFEFF') continue;
    if (c == U'（' || c == U'(') ++depth;
    if ((c == U'）' || c == U')') && depth > 0) --depth;
    if (c == U'\n') depth = 0;
    if (depth == 0 && (isSeparator(c) || isSpace(c))) {
      if (!pieces.empty() && pieces.back().spacesAfter >= 0) {
        if (isSeparator(c))
          pieces.back().spacesAfter = -1;
        else
          ++pieces.back().spacesAfter;
      }
      gapHasSeparator = true;
      if (c == U'\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
      continue;
    }
    if (gapHasSeparator) pieces.push_back({{}, 0, line, column});
    gapHasSeparator = false;
    Piece& piece = pieces.back();
    if (c == U'\uFFFD')
      appendUtf8(piece.text, c);  // the replacement for a bad sequence, as decode() gives
    else
      piece.text.append(utf8.substr(start, i - start));
    ++piece.chars;
    ++column;
  }
  std::vector<PastedName> out;
  out.reserve(pieces.size());
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    Piece& piece = pieces[i];
    if (piece.chars == 1 && piece.spacesAfter == 1 && i + 1 < pieces.size() && pieces[i + 1].chars == 1) {
      piece.text += pieces[i + 1].text;  // 王　峰: one name, padded
      out.push_back({std::move(piece.text), piece.line, piece.column});
      ++i;
      continue;
    }
    out.push_back({std::move(piece.text), piece.line, piece.column});
  }
  return out;
}

std::vector<SortedName> sortPastedNames(const std::vector<PastedName>& names, NameOrder order,
                                        const std::string& file, diag::Diagnostics& diags) {
  std::vector<std::string> raw;
  raw.reserve(names.size());
  for (const auto& n : names) raw.push_back(n.name);
  std::vector<bool> repeated(names.size(), false);
  std::unordered_map<std::string_view, int> firstLine;
  firstLine.reserve(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const PastedName& n = names[i];
    const auto [it, fresh] = firstLine.emplace(raw[i], n.line);
    if (fresh) continue;
    repeated[i] = true;
    const std::string line = std::to_string(it->second);
    diags.warning("names.duplicate", {file, "", n.line, n.column, ""},
                  "“" + n.name + "”重复（第 " + line + " 行已有）",
                  "\"" + n.name + "\" is repeated (also at line " + line + ")",
                  "删去重复的一个；若是同名的两个人，在名字后用（）注明单位",
                  "delete one of them; if they are two people of one name, add each one's unit in brackets "
                  "after the name, e.g. \"张伟（市财政局）\"");
  }
  const std::vector<std::size_t> sorted =
      order == NameOrder::Pinyin ? pinyinOrder(raw)
                                 : strokeOrder(raw,
                                               order == NameOrder::StrokeFullName ? StrokeConvention::FullName
                                                                                  : StrokeConvention::Surname,
                                               &diags);
  // Equal names keep their input order, so each copy keeps its own place and mark.
  std::vector<SortedName> out;
  out.reserve(sorted.size());
  for (const std::size_t i : sorted)
    out.push_back({names[i].name, names[i].line, names[i].column, repeated[i]});
  return out;
}

std::vector<std::string> nameListLines(const std::vector<std::string>& names, int perLine) {
  const auto per = static_cast<std::size_t>(std::max(1, perLine));
  std::vector<std::string> lines;
  for (std::size_t k = 0; k < names.size(); k += per) {
    std::string line;
    for (std::size_t j = k; j < std::min(names.size(), k + per); ++j) {
      if (j != k) line += kNameGap;
      line += padName(names[j]);
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace bangfu::text
