// PRC stroke order (按姓氏笔画) and pinyin order with surname readings (spec §2).
#include "bangfu/text/names.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <numeric>
#include <set>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "text/stroke_data.hpp"
#include "text/utf8.hpp"

namespace bangfu::text {

namespace {

using detail::decode;
using detail::decodeInto;
using detail::encode;

/// 复姓 of the 百家姓 and the ones still common today. Under 姓氏笔画 they sort as
/// their first character (spec §2 rule 1).
constexpr std::array<std::u32string_view, 64> kCompoundSurnames = {
    U"万俟", U"司马", U"上官", U"欧阳", U"夏侯", U"诸葛", U"闻人", U"东方", U"赫连", U"皇甫", U"尉迟",
    U"公羊", U"澹台", U"公冶", U"宗政", U"濮阳", U"淳于", U"单于", U"太叔", U"申屠", U"公孙", U"仲孙",
    U"轩辕", U"令狐", U"钟离", U"宇文", U"长孙", U"慕容", U"鲜于", U"闾丘", U"司徒", U"司空", U"亓官",
    U"司寇", U"子车", U"颛孙", U"端木", U"巫马", U"公西", U"漆雕", U"乐正", U"壤驷", U"公良", U"拓跋",
    U"夹谷", U"宰父", U"谷梁", U"段干", U"百里", U"东郭", U"南门", U"呼延", U"羊舌", U"微生", U"梁丘",
    U"左丘", U"东门", U"西门", U"南宫", U"第五", U"独孤", U"仉督", U"归海", U"西陵"};

/// A name split into what sorts: the name proper (spaces and 间隔号 dropped) and
/// the annotations in （） or (), which are not part of the key but break exact ties.
struct NameParts {
  std::u32string name;
  std::u32string note;
};

bool isSkipped(char32_t c) {
  return c == U' ' || c == U'\t' || c == detail::kIdeographicSpace || c == U'\u00A0' || c == U'·' ||
         c == U'\u2022' || c == U'\u30FB' || c == U'\u2027' || c == U'\uFF65';
}

/// Splits `raw` into `parts`, replacing their contents.
void splitName(const std::u32string& raw, NameParts& parts) {
  parts.name.clear();
  parts.note.clear();
  int depth = 0;
  for (char32_t c : raw) {
    if (c == U'（' || c == U'(') {
      ++depth;
    } else if ((c == U'）' || c == U')') && depth > 0) {
      --depth;
    } else if (depth > 0) {
      parts.note.push_back(c);
    } else if (!isSkipped(c)) {
      parts.name.push_back(c);
    }
  }
}

NameParts splitName(const std::u32string& raw) {
  NameParts parts;
  splitName(raw, parts);
  return parts;
}

/// Length of the surname at the start of `name`: 2 for a 复姓 followed by a given
/// name, else 1 (0 for an empty name).
std::size_t surnameLength(const std::u32string& name) {
  if (name.size() >= 3) {
    for (auto s : kCompoundSurnames) {
      if (name.compare(0, 2, s) == 0) return 2;
    }
  }
  return name.empty() ? 0 : 1;
}

// --------------------------------------------------------------- stroke keys

/// A stroke key is a string of 32-bit units, one per character slot:
///   kEmptySlot                 姓氏笔画's empty slot (spec §2 rule 4) and the end of a part
///   rank (1 …)                 a character in the stroke table: its place in the PRC order
///   kNoCount | code point      a Han character the table has no count for
///   kNotHan | code point       anything else
/// so unit-by-unit comparison is the rule's order, and shorter (a prefix) sorts first.
using StrokeKey = std::u32string;
constexpr char32_t kEmptySlot = 0;
constexpr char32_t kNoCount = 0x40000000;
constexpr char32_t kNotHan = 0x80000000;
/// Under 姓氏笔画 a given name is set in two slots (王　宁 / 王小洪): one-character
/// given names get an empty slot in front (spec §2: 田富 before 田大利).
constexpr std::size_t kGivenNameSlots = 2;

class StrokeKeyBuilder {
 public:
  explicit StrokeKeyBuilder(diag::Diagnostics* diags) : diags_(diags) {}

  /// The key unit of `c`. A list repeats few characters many times, so each unit
  /// is kept in a direct-mapped cache in front of the stroke table's binary search.
  char32_t unit(char32_t c, const std::u32string& rawName) {
    CachedUnit& slot = cache_[c % cache_.size()];
    if (slot.c != c) slot = {c, lookUp(c, rawName)};
    return slot.unit;
  }

  void appendChars(StrokeKey& key, const std::u32string& chars, std::size_t from, std::size_t to,
                   const std::u32string& rawName) {
    for (std::size_t i = from; i < to && i < chars.size(); ++i) key.push_back(unit(chars[i], rawName));
  }

  StrokeKey key(const std::string& raw, StrokeConvention convention) {
    decodeInto(raw, cps_);
    splitName(cps_, parts_);
    const std::u32string& cps = cps_;
    const NameParts& parts = parts_;
    const auto& name = parts.name;
    StrokeKey key;
    key.reserve(name.size() + parts.note.size() + 4);
    if (convention == StrokeConvention::FullName) {
      appendChars(key, name, 0, name.size(), cps);
    } else {
      const std::size_t surname = surnameLength(name);
      appendChars(key, name, 0, std::min<std::size_t>(surname, 1), cps);
      const std::size_t given = name.size() - surname;
      for (std::size_t i = given; i < kGivenNameSlots; ++i) key.push_back(kEmptySlot);
      appendChars(key, name, surname, name.size(), cps);
      // A 复姓's second character only breaks ties (欧阳 sorts as 欧).
      key.push_back(kEmptySlot);
      appendChars(key, name, 1, surname, cps);
    }
    key.push_back(kEmptySlot);
    appendChars(key, parts.note, 0, parts.note.size(), cps);
    return key;
  }

 private:
  char32_t lookUp(char32_t c, const std::u32string& rawName) {
    if (!detail::isHan(c)) return kNotHan | c;
    const auto info = detail::strokeInfo(c);
    if (!info) {
      report(c, rawName, false);
      return kNoCount | c;
    }
    if (!info->sequenceKnown) report(c, rawName, true);
    return info->rank;
  }

  void report(char32_t c, const std::u32string& rawName, bool countKnown) {
    if (diags_ == nullptr || !reported_.insert(c).second) return;
    char cp[16];
    std::snprintf(cp, sizeof cp, "U+%04X", static_cast<unsigned>(c));
    const std::string ch = encode(std::u32string(1, c));
    const std::string name = encode(rawName);
    const diag::Location where;  // the caller knows where the names came from; the message names the name
    if (countKnown) {
      diags_->warning("text.stroke-unknown", where,
                      "“" + ch + "”（" + cp + "）没有笔顺数据，排在同笔画数的字之后（“" + name + "”）",
                      "'" + ch + "' (" + cp +
                          ") has no stroke-order data; it sorts after the known characters "
                          "of the same stroke count ('" +
                          name + "')",
                      "核对该姓名在名单中的位置", "check where this name stands in the list");
    } else {
      diags_->warning("text.stroke-unknown", where,
                      "“" + ch + "”（" + cp + "）不在笔画表中，排在所有已知字之后（“" + name + "”）",
                      "'" + ch + "' (" + cp +
                          ") is not in the stroke table; it sorts after every known "
                          "character ('" +
                          name + "')",
                      "核对该姓名在名单中的位置", "check where this name stands in the list");
    }
  }

  struct CachedUnit {
    char32_t c = kNoCharacter;
    char32_t unit = 0;
  };
  /// No code point: marks an empty cache slot.
  static constexpr char32_t kNoCharacter = 0xFFFFFFFF;
  static constexpr std::size_t kCacheSlots = 4096;

  diag::Diagnostics* diags_;
  std::set<char32_t> reported_;
  std::array<CachedUnit, kCacheSlots> cache_{};
  std::u32string cps_;  ///< key()'s buffers, reused from name to name
  NameParts parts_;
};

/// The order of `names` by precomputed keys (any string type with compare()): the
/// index of the first name, then the next. Equal keys keep a deterministic order by
/// the raw text, then by place. The first units of a key, packed into one integer,
/// decide most comparisons without touching the key's memory.
/// The first units of a pinyin key (ICU sort key bytes), big-endian in one integer.
std::uint64_t sortPrefix(const std::string& key) {
  std::uint64_t prefix = 0;
  for (std::size_t u = 0; u < 8; ++u)
    prefix = (prefix << 8) | (u < key.size() ? static_cast<unsigned char>(key[u]) : 0U);
  return prefix;
}

/// The first three units of a stroke key, 21 bits each. A unit below 2^21 - 1 keeps
/// its value (every rank: the table has 98060 characters); a larger one saturates
/// and ends the prefix. So a prefix orders two keys only where the keys order the
/// same way, and equal prefixes leave the decision to the whole key.
std::uint64_t sortPrefix(const StrokeKey& key) {
  constexpr int kUnitBits = 21;
  constexpr std::uint64_t kSaturated = (std::uint64_t{1} << kUnitBits) - 1;
  std::uint64_t prefix = 0;
  bool ended = false;
  for (std::size_t u = 0; u < 3; ++u) {
    std::uint64_t v = 0;
    if (!ended && u < key.size()) {
      v = std::min<std::uint64_t>(key[u], kSaturated);
      ended = v == kSaturated;
    }
    prefix = (prefix << kUnitBits) | v;
  }
  return prefix;
}

/// The order of `names` by precomputed keys (any string type with compare()): the
/// index of the first name, then the next. Equal keys keep a deterministic order by
/// the raw text, then by place. The keys' first units, packed into one integer
/// (sortPrefix), decide most comparisons without touching the keys' memory.
template <typename Key>
std::vector<std::size_t> orderByKeys(const std::vector<std::string>& names, const std::vector<Key>& keys) {
  struct Item {
    std::uint64_t prefix;
    std::size_t index;
  };
  std::vector<Item> items(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) items[i] = {sortPrefix(keys[i]), i};
  std::sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    const int c = keys[a.index].compare(keys[b.index]);
    if (c != 0) return c < 0;
    const int r = names[a.index].compare(names[b.index]);
    if (r != 0) return r < 0;
    return a.index < b.index;
  });
  std::vector<std::size_t> order;
  order.reserve(items.size());
  for (const auto& item : items) order.push_back(item.index);
  return order;
}

std::vector<std::string> inOrder(std::vector<std::string> names, const std::vector<std::size_t>& order) {
  std::vector<std::string> out;
  out.reserve(names.size());
  for (const std::size_t i : order) out.push_back(std::move(names[i]));
  return out;
}

// --------------------------------------------------------------- pinyin

/// Surnames whose surname reading differs from the reading ICU's zh (pinyin)
/// collation gives the character. Each maps to characters that ICU reads with
/// the surname's reading, so the ICU key puts the name where the surname belongs.
struct SurnameReading {
  std::u32string_view surname;
  std::u32string_view stand_in;  ///< same length, read as the surname is
  const char* pinyin;            ///< for the docs and tests
};

constexpr std::array<SurnameReading, 31> kSurnameReadings = {{
    {U"尉迟", U"玉迟", "Yùchí"},  {U"万俟", U"莫其", "Mòqí"},   {U"长孙", U"掌孙", "Zhǎngsūn"},
    {U"单于", U"缠于", "Chányú"}, {U"澹台", U"谈台", "Tántái"}, {U"单", U"善", "Shàn"},
    {U"曾", U"增", "Zēng"},       {U"解", U"谢", "Xiè"},        {U"仇", U"求", "Qiú"},
    {U"区", U"欧", "Ōu"},         {U"查", U"渣", "Zhā"},        {U"朴", U"瓢", "Piáo"},
    {U"盖", U"舸", "Gě"},         {U"覃", U"秦", "Qín"},        {U"乐", U"岳", "Yuè"},
    {U"缪", U"妙", "Miào"},       {U"翟", U"宅", "Zhái"},       {U"召", U"邵", "Shào"},
    {U"秘", U"必", "Bì"},         {U"任", U"人", "Rén"},        {U"种", U"虫", "Chóng"},
    {U"华", U"化", "Huà"},        {U"重", U"虫", "Chóng"},      {U"员", U"运", "Yùn"},
    {U"句", U"勾", "Gōu"},        {U"繁", U"婆", "Pó"},         {U"折", U"舌", "Shé"},
    {U"黑", U"贺", "Hè"},         {U"能", U"耐", "Nài"},        {U"谌", U"陈", "Chén"},
    {U"隗", U"伟", "Wěi"},
}};

std::unique_ptr<icu::Collator> pinyinCollator() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("zh"), status));
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU zh collator: ") + u_errorName(status));
  return c;
}

std::string icuKey(const icu::Collator& collator, const std::u32string& text) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(text.data()),
                                                             static_cast<int32_t>(text.size()));
  std::string key(64, '\0');
  for (;;) {
    const int32_t n =
        collator.getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
    if (n <= static_cast<int32_t>(key.size())) {
      key.resize(static_cast<std::size_t>(n));
      return key;
    }
    key.resize(static_cast<std::size_t>(n));
  }
}

}  // namespace

std::vector<std::size_t> strokeOrder(const std::vector<std::string>& names, StrokeConvention convention,
                                     diag::Diagnostics* diags) {
  StrokeKeyBuilder builder(diags);
  std::vector<StrokeKey> keys;
  keys.reserve(names.size());
  for (const auto& n : names) keys.push_back(builder.key(n, convention));
  return orderByKeys(names, keys);
}

std::vector<std::string> sortByStroke(std::vector<std::string> names, StrokeConvention convention,
                                      diag::Diagnostics* diags) {
  const std::vector<std::size_t> order = strokeOrder(names, convention, diags);
  return inOrder(std::move(names), order);
}

std::vector<std::size_t> pinyinOrder(const std::vector<std::string>& names) {
  const auto collator = pinyinCollator();
  std::vector<std::string> keys;
  keys.reserve(names.size());
  for (const auto& raw : names) {
    NameParts parts = splitName(decode(raw));
    std::u32string& name = parts.name;
    for (const auto& r : kSurnameReadings) {
      if (name.size() > r.surname.size() && name.compare(0, r.surname.size(), r.surname) == 0) {
        name.replace(0, r.surname.size(), r.stand_in);
        break;
      }
    }
    // The stand-in reads like the surname, so it ties with a real character of that
    // reading; the raw name breaks the tie (sortByKeys).
    // ICU sort keys end in a 0 byte and contain no other, so the concatenation is
    // ordered by the name first and the note second.
    std::string key = icuKey(*collator, name);
    key += icuKey(*collator, parts.note);
    keys.push_back(std::move(key));
  }
  return orderByKeys(names, keys);
}

std::vector<std::string> sortByPinyin(std::vector<std::string> names) {
  const std::vector<std::size_t> order = pinyinOrder(names);
  return inOrder(std::move(names), order);
}

}  // namespace bangfu::text
