#include "xlsx/xlsx_layout.hpp"

#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "bangfu/text/width.hpp"
#include "text/utf8.hpp"

namespace bangfu::xlsx::detail {

namespace {

double mmToInch(double mm) { return mm / kMmPerInch; }

double round2(double v) { return std::round(v * 100) / 100; }

/// Excel's forbidden sheet-name characters and the full-width forms that keep
/// their meaning in a Chinese name.
struct Replacement {
  char32_t from;
  char32_t to;
};
constexpr Replacement kForbidden[] = {
    {U'[', U'\uFF3B'}, {U']', U'\uFF3D'}, {U':', U'\uFF1A'},  {U'*', U'\uFF0A'},
    {U'?', U'\uFF1F'}, {U'/', U'\uFF0F'}, {U'\\', U'\uFF3C'},
};

bool isSpace(char32_t c) { return c == U' ' || c == U'\u3000' || c == U'\u00A0'; }

std::string folded(const std::string& s) {
  std::string out;
  icu::UnicodeString::fromUTF8(s).foldCase().toUTF8String(out);
  return out;
}

void addReason(SheetName& n, const char* zh, const char* en) {
  if (!n.why.empty()) {
    n.why += "；";
    n.whyEn += "; ";
  }
  n.why += zh;
  n.whyEn += en;
}

}  // namespace

Margins pageMargins(bool landscape) {
  Margins m;
  if (landscape) {
    // The portrait 版心 turned a quarter with the paper: 订口 at the bottom, 天头 at the right.
    m.top = mmToInch(kLeftMm);
    m.right = mmToInch(kTopMm);
    m.bottom = mmToInch(kRightMm);
    m.left = mmToInch(kBottomMm);
    m.footer = mmToInch(kRightMm - kPageNumberGapMm - kPageNumberRiseMm);
  } else {
    m.top = mmToInch(kTopMm);
    m.left = mmToInch(kLeftMm);
    m.right = mmToInch(kRightMm);
    m.bottom = mmToInch(kBottomMm);
    m.footer = mmToInch(kBottomMm - kPageNumberGapMm - kPageNumberRiseMm);
  }
  return m;
}

double typeAreaWidthPx(bool landscape) {
  const double mm = landscape ? kTypeAreaHeightMm : kTypeAreaWidthMm;
  return mmToInch(mm) * kPixelsPerInch;
}

std::size_t displayWidth(std::string_view s) {
  std::size_t width = 0;
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++width;
      ++i;
      continue;
    }
    if ((b & 0xF0) == 0xE0 && i + 2 < n && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80) {
      const char32_t c = (static_cast<char32_t>(b & 0x0F) << 12) |
                         (static_cast<char32_t>(static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                         static_cast<char32_t>(static_cast<unsigned char>(s[i + 2]) & 0x3F);
      // UAX #11: U+4E00..9FFF, U+3001..303E and U+FF01..FF60 are all W or F.
      if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3001 && c <= 0x303E) || (c >= 0xFF01 && c <= 0xFF60)) {
        width += 2;
        i += 3;
        continue;
      }
    }
    // Anything else: one code point (or invalid byte) through ICU.
    std::size_t len = 1;
    while (i + len < n && (static_cast<unsigned char>(s[i + len]) & 0xC0) == 0x80 && len < 4) ++len;
    width += text::displayWidth(s.substr(i, len));
    i += len;
  }
  return width;
}

double displayUnitsPx(double du, double fontPt) {
  // One display unit is half an em: fontPt / 2 points = fontPt / 2 · 96 / 72 px.
  return du * fontPt / 2 * kPixelsPerInch / kPointsPerInch;
}

double columnPx(double width) { return width * kDigitWidthPx + kColumnPaddingPx; }

double naturalColumnWidth(std::size_t maxLineDu, double fontPt) {
  const double px = displayUnitsPx(static_cast<double>(maxLineDu + kWidthPaddingUnits), fontPt);
  const double width = std::ceil((px - kColumnPaddingPx) / kDigitWidthPx);
  return std::clamp(width, kMinColumnWidth, kMaxColumnWidth);
}

std::vector<double> fitColumnWidths(const std::vector<double>& natural, double targetPx) {
  std::vector<double> out = natural;
  if (natural.empty()) return out;
  const double n = static_cast<double>(natural.size());
  const double sum = std::accumulate(natural.begin(), natural.end(), 0.0);
  const double totalPx = sum * kDigitWidthPx + n * kColumnPaddingPx;
  if (totalPx < targetPx && sum > 0) {
    const double factor = (targetPx - n * kColumnPaddingPx) / (kDigitWidthPx * sum);
    for (double& w : out) w *= factor;
  } else if (totalPx > targetPx) {
    // Water-filling: find the cap C with Σ min(natural, C) filling the 版心.
    const double budget = (targetPx - n * kColumnPaddingPx) / kDigitWidthPx;
    std::vector<double> sorted = natural;
    std::sort(sorted.begin(), sorted.end());
    double below = 0;  // sum of the columns narrower than the cap
    double cap = kMinWrapWidth;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      const double rest = static_cast<double>(sorted.size() - i);
      const double c = (budget - below) / rest;
      if (c <= sorted[i]) {
        cap = c;
        break;
      }
      below += sorted[i];
    }
    cap = std::max(cap, kMinWrapWidth);
    for (double& w : out) w = std::min(w, cap);
  }
  for (double& w : out) w = round2(w);
  return out;
}

int wrappedLines(std::size_t lineDu, double widthPx, double fontPt) {
  if (lineDu == 0) return 1;
  const double unitPx = displayUnitsPx(1, fontPt);
  const double perLine = std::max(1.0, std::floor((widthPx - kCellInnerPx) / unitPx));
  return static_cast<int>(std::ceil(static_cast<double>(lineDu) / perLine));
}

double rowHeightPt(int lines, double fontPt) {
  const double h = std::max(1, lines) * fontPt * kLineHeightEm + kRowPaddingPt;
  return std::min(round2(h), kMaxRowHeightPt);
}

std::vector<SheetName> makeSheetNames(const std::vector<std::string>& wanted) {
  std::vector<SheetName> out;
  out.reserve(wanted.size());
  std::set<std::string> taken = {folded("History")};
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    SheetName n;
    std::u32string cps = text::detail::decode(wanted[i]);
    std::u32string clean;
    bool dropped = false;
    bool replaced = false;
    for (char32_t c : cps) {
      if (c < 0x20 || c == 0x7F) {
        dropped = true;
        continue;
      }
      const auto* r = std::find_if(std::begin(kForbidden), std::end(kForbidden),
                                   [c](const Replacement& x) { return x.from == c; });
      if (r != std::end(kForbidden)) {
        clean.push_back(r->to);
        replaced = true;
      } else {
        clean.push_back(c);
      }
    }
    if (dropped) addReason(n, "去掉换行或控制字符", "line breaks or control characters removed");
    if (replaced) addReason(n, "[]:*?/\\ 改为全角", "[]:*?/\\ replaced by full-width forms");
    std::size_t b = 0;
    std::size_t e = clean.size();
    while (b < e && (isSpace(clean[b]) || clean[b] == U'\'')) ++b;
    while (e > b && (isSpace(clean[e - 1]) || clean[e - 1] == U'\'')) --e;
    if (b != 0 || e != clean.size()) {
      if (clean.substr(0, b).find(U'\'') != std::u32string::npos ||
          clean.substr(e).find(U'\'') != std::u32string::npos) {
        addReason(n, "去掉首尾的撇号", "leading/trailing apostrophes removed");
      }
      clean = clean.substr(b, e - b);
    }
    if (clean.empty()) {
      clean = text::detail::decode("表" + std::to_string(i + 1));
      addReason(n, "名称为空", "the name was empty");
    }
    if (clean.size() > kMaxSheetNameLength) {
      clean.resize(kMaxSheetNameLength);
      addReason(n, "超过31个字符，已截短", "longer than 31 characters, shortened");
    }
    std::string name = text::detail::encode(clean);
    if (taken.count(folded(name)) != 0) {
      for (int k = 2;; ++k) {
        const std::u32string suffix = text::detail::decode("（" + std::to_string(k) + "）");
        std::u32string base = clean;
        if (base.size() + suffix.size() > kMaxSheetNameLength) {
          base.resize(kMaxSheetNameLength - suffix.size());
        }
        const std::string candidate = text::detail::encode(base + suffix);
        if (taken.count(folded(candidate)) == 0) {
          name = candidate;
          break;
        }
      }
      addReason(n, "与其他工作表重名", "duplicates another sheet's name");
    }
    taken.insert(folded(name));
    n.name = std::move(name);
    out.push_back(std::move(n));
  }
  return out;
}

std::string columnLetters(std::size_t col) {
  std::string s;
  ++col;
  while (col > 0) {
    const std::size_t rem = (col - 1) % 26;
    s.insert(s.begin(), static_cast<char>('A' + rem));
    col = (col - 1) / 26;
  }
  return s;
}

}  // namespace bangfu::xlsx::detail
