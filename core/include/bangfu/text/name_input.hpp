#pragma once
/// Names as a clerk pastes them (from Word, a published list, a roster): one a
/// line, or separated by 、，,；; or spaces, the padding of published lists
/// (王　峰) undone. Shared by `bangfu names sort` and the names page of `bangfu serve`.
#include <string>
#include <string_view>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"

namespace bangfu::text {

struct PastedName {
  std::string name;  ///< as typed, padding removed
  int line = 0;      ///< 1-based place in the pasted text
  int column = 0;    ///< 1-based, in characters
};

/// Splits pasted UTF-8 text. A single space between two one-character pieces is
/// a name's padding (王　峰 → 王峰): no Chinese name has one character.
std::vector<PastedName> splitPastedNames(std::string_view utf8);

enum class NameOrder { Stroke, StrokeFullName, Pinyin };

struct SortedName {
  std::string name;
  int line = 0, column = 0;
  bool duplicate = false;  ///< the same name came earlier in the input
};

/// Sorts pasted names (NameOrder::Stroke = 按姓氏笔画, spec §2) and marks each repeat
/// with a warning names.duplicate at its place in `file`. Both copies stay in the
/// list: the clerk decides which one goes. Unknown characters warn as in sortByStroke.
std::vector<SortedName> sortPastedNames(const std::vector<PastedName>& names, NameOrder order,
                                        const std::string& file, diag::Diagnostics& diags);

/// The lines of a plain-text name list as published lists print it: `perLine`
/// names a line, two-character names padded (王　峰), names two 字 apart.
std::vector<std::string> nameListLines(const std::vector<std::string>& names, int perLine);

}  // namespace bangfu::text
