#include "bangfu/layout/measure.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "layout/char_class.hpp"
#include "layout/face_metrics_data.hpp"

namespace bangfu::layout {
namespace {

const data::FaceData& faceData(doc::Face face) {
  switch (face) {
    case doc::Face::Hei:
      return data::kFaces[1];
    case doc::Face::Kai:
      return data::kFaces[2];
    case doc::Face::Song:
      return data::kFaces[3];
    case doc::Face::Title:
      return data::kFaces[4];
    case doc::Face::Fang:
    case doc::Face::Inherit:
      break;
  }
  return data::kFaces[0];
}

bool bit(const unsigned char* bits, char32_t cp) {
  const char32_t i = cp - data::kIdeographFirst;
  return ((bits[i / 8] >> (i % 8)) & 1U) != 0;
}

constexpr int kEm = 1000;

int fallbackAdvance(char32_t cp) {
  const auto eaw =
      static_cast<UEastAsianWidth>(u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_EAST_ASIAN_WIDTH));
  return (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) ? kEm : kEm / 2;
}

const data::AdvanceRun* findRun(const data::FaceData& f, char32_t cp) {
  if (cp > 0xFFFF) return nullptr;
  const data::AdvanceRun* end = f.advances + f.advanceCount;
  const data::AdvanceRun* it = std::upper_bound(
      f.advances, end, cp, [](char32_t c, const data::AdvanceRun& r) { return c < r.first; });
  if (it == f.advances) return nullptr;
  --it;
  return cp <= it->last ? it : nullptr;
}

}  // namespace

bool isIdeograph(char32_t cp) {
  return (cp >= data::kIdeographFirst && cp <= data::kIdeographLast) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x3FFFF);
}

bool faceHasGlyph(char32_t cp, doc::Face face) {
  const data::FaceData& f = faceData(face);
  if (cp >= data::kIdeographFirst && cp <= data::kIdeographLast) return bit(f.ideographs, cp);
  return findRun(f, cp) != nullptr;
}

int advanceMilliEm(char32_t cp, doc::Face face) {
  const data::FaceData& f = faceData(face);
  if (cp >= data::kIdeographFirst && cp <= data::kIdeographLast) return kEm;  // generator checked: all 1 em
  if (const data::AdvanceRun* r = findRun(f, cp)) return r->milliEm;
  return fallbackAdvance(cp);
}

bool inGb2312Hanzi(char32_t cp) {
  if (cp >= data::kIdeographFirst && cp <= data::kIdeographLast) return bit(data::kGb2312Ideographs, cp);
  return !isIdeograph(cp);
}

double textTwips(std::string_view utf8, doc::Face face, int halfPoints) {
  long long milli = 0;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    milli += advanceMilliEm(c < 0 ? 0xFFFD : static_cast<char32_t>(c), face);
  }
  // one em at w:sz h is h/2 pt = 10·h twips
  return static_cast<double>(milli) * halfPoints * 10 / kEm;
}

const char* fallbackFamily(doc::Face face) {
  return face == doc::Face::Hei ? "Noto Sans CJK SC" : "Noto Serif CJK SC";
}

const char* fallbackAltName(doc::Face face) { return face == doc::Face::Hei ? "黑体" : "宋体"; }

bool needsFallback(char32_t cp, doc::Face face) {
  constexpr char32_t kFirstCjk = 0x2E80;  // CJK Radicals Supplement: Latin and general punctuation are below
  if (cp < kFirstCjk) return false;
  if (cp >= data::kIdeographFirst && cp <= data::kIdeographLast) return !bit(faceData(face).ideographs, cp);
  // Marks and full-width forms (、（）：，): the per-character table, not a search of the runs.
  return cp < 0x10000 ? detail::tableCharInfo(cp, face).hasGlyph == 0 : !faceHasGlyph(cp, face);
}

bool anyNeedsFallback(std::string_view utf8, doc::Face face) {
  const unsigned char* const ideographs = faceData(face).ideographs;
  const auto* bytes = reinterpret_cast<const unsigned char*>(utf8.data());
  const std::size_t n = utf8.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char lead = bytes[i];
    if (lead < 0xE2) {  // below U+2000
      ++i;
      continue;
    }
    // U+3000..U+9FFF (lead E3–E9, two continuation bytes), nearly every character
    // of a Chinese table: the face's bitmap directly.
    if (static_cast<unsigned char>(lead - 0xE3) <= 0xE9 - 0xE3 && i + 2 < n &&
        ((bytes[i + 1] & 0xC0U) | ((bytes[i + 2] & 0xC0U) << 8)) == 0x8080U) {
      const char32_t cp = (static_cast<char32_t>(lead & 0x0F) << 12) |
                          (static_cast<char32_t>(bytes[i + 1] & 0x3F) << 6) |
                          static_cast<char32_t>(bytes[i + 2] & 0x3F);
      i += 3;
      const char32_t k = cp - data::kIdeographFirst;  // wraps below the range
      if (k <= data::kIdeographLast - data::kIdeographFirst) {
        if (((ideographs[k / 8] >> (k % 8)) & 1U) == 0) return true;
        continue;
      }
      if (needsFallback(cp, face)) return true;
      continue;
    }
    auto at = static_cast<int32_t>(i);
    UChar32 c;
    U8_NEXT(utf8.data(), at, static_cast<int32_t>(n), c);
    i = static_cast<std::size_t>(at);
    if (c >= 0 && needsFallback(static_cast<char32_t>(c), face)) return true;
  }
  return false;
}

const char* faceFile(doc::Face face) { return faceData(face).file; }

void decodeUtf8(std::string_view utf8, std::u32string& out) {
  // At most one code point per byte: written through a pointer, then cut to size
  // (a push_back per character was most of the measuring loops' decoding cost).
  out.resize(utf8.size());
  char32_t* to = out.data();
  int32_t i = 0;
  const auto n = static_cast<int32_t>(utf8.size());
  const auto* bytes = reinterpret_cast<const unsigned char*>(utf8.data());
  while (i < n) {
    const unsigned char lead = bytes[i];
    if (lead < 0x80) {  // ASCII
      *to++ = lead;
      ++i;
      continue;
    }
    if (lead >= 0xE1 && lead <= 0xEC && i + 2 < n && (bytes[i + 1] & 0xC0) == 0x80 &&
        (bytes[i + 2] & 0xC0) == 0x80) {
      // Three bytes of U+1000..U+CFFF (every hanzi of a Chinese table): always well formed.
      *to++ = (static_cast<char32_t>(lead & 0x0F) << 12) | (static_cast<char32_t>(bytes[i + 1] & 0x3F) << 6) |
              static_cast<char32_t>(bytes[i + 2] & 0x3F);
      i += 3;
      continue;
    }
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    *to++ = c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
  }
  out.resize(static_cast<std::size_t>(to - out.data()));
}

std::u32string decodeUtf8(std::string_view utf8) {
  std::u32string out;
  decodeUtf8(utf8, out);
  return out;
}

}  // namespace bangfu::layout
