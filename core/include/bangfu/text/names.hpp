#pragma once
/// Chinese names done right (GB/T 9704 practice, spec §2): PRC stroke order
/// (按姓氏笔画), pinyin order with surname readings, and the official layout.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"

namespace bangfu::text {

/// 姓氏笔画 (default; 全国政协, 党代会): the surname decides first and an empty
/// slot is lowest, so 田富 < 田大利. 姓名笔画 (人大): character by character.
enum class StrokeConvention { Surname, FullName };

/// Sorts raw (unpadded) names in PRC stroke order. Text in （） is not part of the
/// key. Characters missing from the stroke table sort after known ones of the same
/// count, by code point, and each is reported once as a warning in `diags`.
std::vector<std::string> sortByStroke(std::vector<std::string> names,
                                      StrokeConvention convention = StrokeConvention::Surname,
                                      diag::Diagnostics* diags = nullptr);

/// Sorts by pinyin with ICU's zh collation, surnames read as surnames (单 Shàn, 曾 Zēng …).
std::vector<std::string> sortByPinyin(std::vector<std::string> names);

/// The orders the two sorts put `names` in, as indices into `names`: element k is
/// the index of the k-th name. Equal names keep their input order.
std::vector<std::size_t> strokeOrder(const std::vector<std::string>& names,
                                     StrokeConvention convention = StrokeConvention::Surname,
                                     diag::Diagnostics* diags = nullptr);
std::vector<std::size_t> pinyinOrder(const std::vector<std::string>& names);

/// 王峰 → 王　峰 (U+3000); other lengths unchanged. A name with · is left as is.
std::string padName(std::string_view name);

/// Pads labels to the widest with U+3000 spread between characters:
/// {组长, 副组长, 成员} → {组　长, 副组长, 成　员}.
std::vector<std::string> equalizeLabels(const std::vector<std::string>& labels);

}  // namespace bangfu::text
