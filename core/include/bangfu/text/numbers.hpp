#pragma once
/// Chinese numerals, dates, 发文字号 and punctuation (GB/T 9704 7.2.5, 7.3.5; GB/T 15834/15835).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bangfu::text {

/// 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 101 → 一百零一.
std::string chineseNumber(int n);
/// 一、 for headings; （一） with parenthesised = true.
std::string chineseOrdinal(int n, bool parenthesised = false);

/// 2019年5月30日 from year, month, day (no zero padding).
std::string formatDate(int year, int month, int day);
/// Parses 2019年5月30日 (also 2019-05-30, 2019.5.30). Empty when not a date.
std::optional<std::string> normalizeDate(std::string_view text, std::vector<std::string>* repairs = nullptr);
/// True for the canonical 2019年5月30日 form.
bool isCanonicalDate(std::string_view text);

/// 丽委办发[2019]023号, 【】, （）, 第 … → 丽委办发〔2019〕23号. Each repair is described
/// in `repairs`. Empty when no year and number can be found.
std::optional<std::string> normalizeDocNumber(std::string_view text,
                                              std::vector<std::string>* repairs = nullptr);
bool isCanonicalDocNumber(std::string_view text);

/// Half-width , ; : ( ) next to Han → full-width; spaces between Han and digits or
/// Latin removed; full-width digits → half-width. Each change described in `changes`.
std::string normalizePunctuation(std::string_view text, std::vector<std::string>* changes = nullptr);

}  // namespace bangfu::text
