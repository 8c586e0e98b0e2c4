// The cells of a large sheet, as libxlsxwriter 1.1.4 writes them
// (xlsx_streamed_sheet.hpp). Each function names the worksheet.c code it
// mirrors; keep them in step when the library is upgraded (tests/core/xlsx
// compares the two byte for byte).
#include "xlsx/xlsx_streamed_sheet.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "bangfu/text/xml_escape.hpp"

namespace bangfu::xlsx::detail {

namespace {

/// Rows handed to the deflater at a time: the DOCX's chunk size (large enough
/// that each chunk's own dictionary and sync flush cost nothing, small enough to
/// keep both cores busy on a 20000-row table).
constexpr std::size_t kChunkBytes = std::size_t{128} * 1024;
/// libxlsxwriter's entry stamp, 1980-01-01 00:00 (the DOS epoch).
constexpr long long kDosEpoch = 315532800;
/// worksheet.c LXW_STR_MAX: the characters Excel keeps in a cell.
constexpr std::size_t kMaxStringChars = 32767;
/// Row heights whose text is kept (StreamedSheet::appendHeight); later ones are printed each time.
constexpr std::size_t kHeightsKept = 64;

/// lxw_sprintf_dbl without the dtoa library: "%.16G". Integers below 10^15, the
/// counts and sums of a table, are written without printf (the same digits).
void appendDouble(std::string& out, double v) {
  constexpr double kExactIntegers = 1e15;
  if (v == std::floor(v) && std::fabs(v) < kExactIntegers && !(v == 0 && std::signbit(v))) {
    std::array<char, 24> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), static_cast<long long>(v));
    out.append(buf.data(), r.ptr);
    return;
  }
  std::array<char, 32> buf{};
  const int n = std::snprintf(buf.data(), buf.size(), "%.16G", v);
  out.append(buf.data(), static_cast<std::size_t>(std::max(n, 0)));
}

// Eight bytes at a time: a cell's text is nearly all hanzi, whose bytes are
// neither markup nor controls, so a word is looked at byte by byte only when one
// of its bytes may be (Anderson's "Bit Twiddling Hacks", "Determine if a word has
// a zero byte" and "… a byte less than n": exact for whether any byte is).
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
constexpr std::uint64_t hasZeroByte(std::uint64_t w) { return (w - kOnes) & ~w & kHighs; }
constexpr std::uint64_t hasByteBelow(std::uint64_t w, unsigned char n) {
  return (w - kOnes * n) & ~w & kHighs;
}

/// Whether a byte of `w` is & < or > ('<' and '>' differ in bit 1 only).
constexpr bool mayHoldMarkup(std::uint64_t w) {
  return (hasZeroByte(w ^ (kOnes * '&')) | hasZeroByte((w | (kOnes * 2)) ^ (kOnes * '>'))) != 0;
}
static_assert(mayHoldMarkup(0x4141413C41414141ULL) && mayHoldMarkup(0x3E41414141414141ULL) &&
              mayHoldMarkup(0x4141414141414126ULL) && !mayHoldMarkup(0x3F3D3B2527E38081ULL));

/// lxw_escape_data: & < > in an element's text (quotes are not escaped).
void appendEscapedData(std::string& out, std::string_view s) {
  const std::size_t n = s.size();
  std::size_t from = 0;
  std::size_t i = 0;
  while (i < n) {
    std::uint64_t word = 0;
    if (i + sizeof word <= n && (std::memcpy(&word, s.data() + i, sizeof word), !mayHoldMarkup(word))) {
      i += sizeof word;
      continue;
    }
    for (const std::size_t end = std::min(n, i + sizeof word); i < end; ++i) {
      const char c = s[i];
      if (c != '&' && c != '<' && c != '>') continue;
      out.append(s.data() + from, i - from);
      out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : "&gt;";
      from = i + 1;
    }
  }
  out.append(s.data() + from, n - from);
}

/// lxw_escape_control_characters: C0 controls but tab and newline as _xHHHH_.
/// (lxw_has_control_characters tests the terminating NUL too, so 1.1.4 always
/// escapes: this does as well.)
void assignEscapedControls(std::string& out, std::string_view s) {
  const auto isControl = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x01 && u <= 0x1F && u != 0x09 && u != 0x0A;
  };
  // A cell's line breaks are bytes below 0x20 too: a word holding one is looked
  // at byte by byte, and the scan goes on.
  const auto anyControl = [&] {
    std::size_t i = 0;
    for (std::uint64_t word = 0; i + sizeof word <= s.size(); i += sizeof word) {
      std::memcpy(&word, s.data() + i, sizeof word);
      if (hasByteBelow(word, 0x20) != 0 && std::any_of(s.data() + i, s.data() + i + sizeof word, isControl))
        return true;
    }
    return std::any_of(s.data() + i, s.data() + s.size(), isControl);
  };
  if (!anyControl()) {
    out.assign(s);
    return;
  }
  out.clear();
  for (const char c : s) {
    if (isControl(c)) {
      std::array<char, 8> buf{};
      std::snprintf(buf.data(), buf.size(), "_x%04X_", static_cast<unsigned char>(c));
      out += buf.data();
    } else {
      out += c;
    }
  }
}

/// lxw_rowcol_to_cell without its snprintf: column letters (A … Z, AA …), then the
/// 1-based row.
void appendCellName(std::string& out, lxw_row_t row, lxw_col_t col) {
  std::array<char, 4> letters{};
  std::size_t n = 0;
  for (unsigned c = static_cast<unsigned>(col) + 1; c > 0; c = (c - 1) / 26)
    letters[n++] = static_cast<char>('A' + (c - 1) % 26);
  while (n > 0) out += letters[--n];
  std::array<char, 12> digits{};
  const auto r =
      std::to_chars(digits.data(), digits.data() + digits.size(), static_cast<unsigned long>(row) + 1);
  out.append(digits.data(), r.ptr);
}

/// lxw_utf8_strlen.
std::size_t utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

/// The xml:space attribute lxw_styles_write_string_fragment and
/// _write_inline_string_cell add when the (escaped) text starts or ends blank.
bool preserveSpace(std::string_view escaped) {
  return !escaped.empty() && (isSpace(escaped.front()) || isSpace(escaped.back()));
}

// styles.c _write_font(format, is_dxf = false, is_rich_string = true).
void appendRichFont(std::string& out, const lxw_format* f) {
  if (f->font_condense != 0 || f->font_extend != 0 || f->underline != 0 || f->font_script != 0 ||
      f->hyperlink != 0) {
    // The writer's fonts set none of these (xlsx_styles.cpp); mirroring them is
    // left until one does.
    throw std::logic_error("StreamedSheet: rich string font with an attribute not mirrored");
  }
  out += "<rPr>";
  if (f->bold != 0) out += "<b/>";
  if (f->italic != 0) out += "<i/>";
  if (f->font_strikeout != 0) out += "<strike/>";
  if (f->font_outline != 0) out += "<outline/>";
  if (f->font_shadow != 0) out += "<shadow/>";
  if (f->font_size > 0.0) {
    out += "<sz val=\"";
    appendDouble(out, f->font_size);
    out += "\"/>";
  }
  std::array<char, 16> buf{};
  if (f->theme != 0) {
    out += "<color theme=\"" + std::to_string(f->theme) + "\"/>";
  } else if (f->color_indexed != 0) {
    out += "<color indexed=\"" + std::to_string(f->color_indexed) + "\"/>";
  } else if (f->font_color != LXW_COLOR_UNSET) {
    std::snprintf(buf.data(), buf.size(), "FF%06X", static_cast<unsigned>(f->font_color) & LXW_COLOR_MASK);
    out += "<color rgb=\"";
    out += buf.data();
    out += "\"/>";
  } else {
    out += "<color theme=\"" + std::to_string(LXW_DEFAULT_FONT_THEME) + "\"/>";
  }
  const char* name = *f->font_name != '\0' ? f->font_name : LXW_DEFAULT_FONT_NAME;
  // _escape_attributes, as text::appendXmlEscaped for a font name (no controls).
  out += "<rFont val=\"";
  text::appendXmlEscaped(out, name);
  out += "\"/><family val=\"" + std::to_string(f->font_family) + "\"/>";
  if (std::strcmp(name, LXW_DEFAULT_FONT_NAME) == 0) {
    out += "<scheme val=\"";
    text::appendXmlEscaped(out, *f->font_scheme != '\0' ? f->font_scheme : "minor");
    out += "\"/>";
  }
  out += "</rPr>";
}

std::string cellRange(lxw_row_t r0, lxw_col_t c0, lxw_row_t r1, lxw_col_t c1) {
  std::array<char, LXW_MAX_CELL_RANGE_LENGTH> buf{};
  lxw_rowcol_to_range(buf.data(), r0, c0, r1, c1);
  return buf.data();
}

}  // namespace

StreamedSheet::StreamedSheet() : deflater_(kDosEpoch) { deflater_.beginPiece(); }

StreamedSheet::~StreamedSheet() {
  if (defaultFormat_ != nullptr) lxw_format_free(defaultFormat_);
}

// _check_dimensions with ignore_row and ignore_col false, in optimize mode.
lxw_error StreamedSheet::checkDimensions(lxw_row_t row, lxw_col_t col) {
  if (row >= LXW_ROW_MAX || col >= LXW_COL_MAX) return LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
  if (row < row_) return LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
  rowMin_ = std::min(rowMin_, row);
  rowMax_ = std::max(rowMax_, row);
  colMin_ = std::min(colMin_, col);
  colMax_ = std::max(colMax_, col);
  return LXW_NO_ERROR;
}

// _get_row in optimize mode: a later row flushes the one held.
void StreamedSheet::advanceTo(lxw_row_t row) {
  if (row <= row_) return;
  flushRow();
  row_ = row;
}

// _insert_cell in optimize mode: the slot the cell takes (its text's buffer kept
// from the rows before, so a row costs no allocation once the columns are seen).
StreamedSheet::Cell& StreamedSheet::insert(lxw_row_t row, lxw_col_t col, Kind kind, double number,
                                           lxw_format* format) {
  advanceTo(row);
  dataChanged_ = true;
  if (cells_.size() <= col) cells_.resize(static_cast<std::size_t>(col) + 1);
  Cell& cell = cells_[col];
  cell.kind = kind;
  cell.number = number;
  cell.format = format;
  return cell;
}

lxw_error StreamedSheet::writeString(lxw_row_t row, lxw_col_t col, const char* text, lxw_format* format) {
  if (text == nullptr || *text == '\0')
    return format != nullptr ? writeBlank(row, col, format) : LXW_NO_ERROR;
  const lxw_error err = checkDimensions(row, col);
  if (err != LXW_NO_ERROR) return err;
  const std::string_view s(text);
  // Code points never exceed bytes, so only long texts are counted.
  if (s.size() > kMaxStringChars && utf8Length(s) > kMaxStringChars)
    return LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED;
  assignEscapedControls(insert(row, col, Kind::InlineString, 0, format).text, s);
  return LXW_NO_ERROR;
}

lxw_error StreamedSheet::writeNumber(lxw_row_t row, lxw_col_t col, double number, lxw_format* format) {
  const lxw_error err = checkDimensions(row, col);
  if (err != LXW_NO_ERROR) return err;
  insert(row, col, Kind::Number, number, format);
  return LXW_NO_ERROR;
}

lxw_error StreamedSheet::writeFormulaNum(lxw_row_t row, lxw_col_t col, const char* formula,
                                         lxw_format* format, double result) {
  if (formula == nullptr) return LXW_ERROR_NULL_PARAMETER_IGNORED;
  const lxw_error err = checkDimensions(row, col);
  if (err != LXW_NO_ERROR) return err;
  insert(row, col, Kind::Formula, result, format).text.assign(formula[0] == '=' ? formula + 1 : formula);
  return LXW_NO_ERROR;
}

lxw_error StreamedSheet::writeBlank(lxw_row_t row, lxw_col_t col, lxw_format* format) {
  if (format == nullptr) return LXW_NO_ERROR;
  const lxw_error err = checkDimensions(row, col);
  if (err != LXW_NO_ERROR) return err;
  insert(row, col, Kind::Blank, 0, format);
  return LXW_NO_ERROR;
}

// worksheet_write_rich_string with lxw_styles_write_rich_font and
// lxw_styles_write_string_fragment, in optimize mode.
lxw_error StreamedSheet::writeRichString(lxw_row_t row, lxw_col_t col, lxw_rich_string_tuple* fragments[],
                                         lxw_format* format) {
  const lxw_error err = checkDimensions(row, col);
  if (err != LXW_NO_ERROR) return err;
  std::size_t count = 0;
  bool valid = true;
  for (; fragments[count] != nullptr; ++count) {
    if (fragments[count]->string == nullptr || *fragments[count]->string == '\0') valid = false;
  }
  if (!valid || count < 2) return LXW_ERROR_PARAMETER_VALIDATION;
  std::string rich;
  for (std::size_t i = 0; i < count; ++i) {
    rich += "<r>";
    if (fragments[i]->format != nullptr) {
      appendRichFont(rich, fragments[i]->format);
    } else if (i > 0) {
      if (defaultFormat_ == nullptr) defaultFormat_ = lxw_format_new();
      appendRichFont(rich, defaultFormat_);
    }
    std::string escaped;
    appendEscapedData(escaped, fragments[i]->string);
    rich += preserveSpace(fragments[i]->string) ? "<t xml:space=\"preserve\">" : "<t>";
    rich += escaped;
    rich += "</t></r>";
  }
  if (utf8Length(rich) > kMaxStringChars) return LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED;
  assignEscapedControls(insert(row, col, Kind::RichString, 0, format).text, rich);
  return LXW_NO_ERROR;
}

// worksheet_merge_range.
lxw_error StreamedSheet::mergeRange(lxw_row_t firstRow, lxw_col_t firstCol, lxw_row_t lastRow,
                                    lxw_col_t lastCol, const char* text, lxw_format* format) {
  if (firstRow == lastRow && firstCol == lastCol) return LXW_ERROR_PARAMETER_VALIDATION;
  if (firstRow > lastRow) std::swap(firstRow, lastRow);
  if (firstCol > lastCol) std::swap(firstCol, lastCol);
  const lxw_error err = checkDimensions(lastRow, lastCol);
  if (err != LXW_NO_ERROR) return err;
  // _worksheet_write_merge_cell, written when the sheet is assembled.
  merges_ += "<mergeCell ref=\"" + cellRange(firstRow, firstCol, lastRow, lastCol) + "\"/>";
  ++mergeCount_;
  // As the library: the first cell, then formatted blanks; cells in rows already
  // flushed are refused there too, silently.
  (void)writeString(firstRow, firstCol, text, format);
  for (lxw_row_t r = firstRow; r <= lastRow; ++r) {
    for (lxw_col_t c = firstCol; c <= lastCol; ++c) {
      if (r != firstRow || c != firstCol) (void)writeBlank(r, c, format);
    }
  }
  return LXW_NO_ERROR;
}

// worksheet_set_row_opt(row, height, NULL format, NULL options).
lxw_error StreamedSheet::setRow(lxw_row_t row, double height) {
  const lxw_col_t minCol = colMin_ != LXW_COL_MAX ? colMin_ : 0;
  const lxw_error err = checkDimensions(row, minCol);
  if (err != LXW_NO_ERROR) return err;
  bool hidden = false;
  if (height == 0) {
    hidden = true;
    height = LXW_DEF_ROW_HEIGHT;
  }
  advanceTo(row);
  height_ = height;
  hidden_ = hidden;
  rowChanged_ = true;
  if (height != LXW_DEF_ROW_HEIGHT) heightChanged_ = true;
  return LXW_NO_ERROR;
}

// lxw_worksheet_write_single_row and _write_row (no spans in optimize mode).
void StreamedSheet::flushRow() {
  if (!rowChanged_ && !dataChanged_) return;
  const double height = heightChanged_ ? height_ : LXW_DEF_ROW_HEIGHT;
  xml_ += "<row r=\"";
  appendDouble(xml_, static_cast<double>(row_) + 1);
  xml_ += '"';
  if (height != LXW_DEF_ROW_HEIGHT) {
    xml_ += " ht=\"";
    appendHeight(height);
    xml_ += '"';
  }
  if (hidden_) xml_ += " hidden=\"1\"";
  if (height != LXW_DEF_ROW_HEIGHT) xml_ += " customHeight=\"1\"";
  if (!dataChanged_) {
    xml_ += "/>";
  } else {
    xml_ += '>';
    const std::size_t last = std::min<std::size_t>(colMax_, cells_.empty() ? 0 : cells_.size() - 1);
    for (std::size_t c = colMin_; c <= last && !cells_.empty(); ++c) {
      Cell& cell = cells_[c];
      if (cell.kind == Kind::None) continue;
      writeCell(row_, static_cast<lxw_col_t>(c), cell);
      cell.kind = Kind::None;
    }
    xml_ += "</row>";
  }
  height_ = LXW_DEF_ROW_HEIGHT;
  hidden_ = false;
  dataChanged_ = false;
  rowChanged_ = false;
  if (xml_.size() >= kChunkBytes) emit();
}

void StreamedSheet::appendHeight(double height) {
  // A table's rows take a few heights (one per line count): each printed once.
  for (const auto& [pt, text] : heightTexts_) {
    if (pt == height) {
      xml_ += text;
      return;
    }
  }
  const std::size_t at = xml_.size();
  appendDouble(xml_, height);
  if (heightTexts_.size() < kHeightsKept) heightTexts_.emplace_back(height, xml_.substr(at));
}

void StreamedSheet::appendRef(lxw_row_t row, lxw_col_t col) { appendCellName(xml_, row, col); }

void StreamedSheet::appendStyle(const Cell& cell) {
  // _write_cell: the cell's format; no row or column formats are set here.
  const std::int32_t style = cell.format != nullptr ? lxw_format_get_xf_index(cell.format) : 0;
  if (style == 0) return;
  xml_ += " s=\"";
  appendDouble(xml_, style);
  xml_ += '"';
}

// _write_cell and the unrolled _write_number_cell, _write_inline_string_cell,
// _write_inline_rich_string_cell, _write_formula_num_cell.
void StreamedSheet::writeCell(lxw_row_t row, lxw_col_t col, const Cell& cell) {
  xml_ += "<c r=\"";
  appendRef(row, col);
  xml_ += '"';
  appendStyle(cell);
  switch (cell.kind) {
    case Kind::Number:
      xml_ += "><v>";
      appendDouble(xml_, cell.number);
      xml_ += "</v></c>";
      break;
    case Kind::InlineString:
      // Escaping changes no blank at either end (an entity starts with & and ends
      // with ;), so the unescaped text says whether to preserve spaces.
      xml_ += preserveSpace(cell.text) ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                                       : " t=\"inlineStr\"><is><t>";
      appendEscapedData(xml_, cell.text);
      xml_ += "</t></is></c>";
      break;
    case Kind::RichString:
      xml_ += " t=\"inlineStr\"><is>";
      xml_ += cell.text;
      xml_ += "</is></c>";
      break;
    case Kind::Formula:
      xml_ += "><f>";
      appendEscapedData(xml_, cell.text);
      xml_ += "</f><v>";
      appendDouble(xml_, cell.number);
      xml_ += "</v></c>";
      break;
    case Kind::Blank:
      xml_ += "/>";
      break;
    case Kind::None:
      break;
  }
}

void StreamedSheet::emit() {
  if (xml_.empty()) return;
  deflater_.writeAsync(std::move(xml_));
  xml_.clear();
  xml_.reserve(kChunkBytes + kChunkBytes / 4);
}

StreamedSheetData StreamedSheet::finish() {
  if (finished_) throw std::logic_error("StreamedSheet: finished twice");
  finished_ = true;
  flushRow();
  emit();
  StreamedSheetData data;
  data.rows = deflater_.endPiece();
  // _worksheet_write_optimized_sheet_data: no rows set, no <row> elements.
  data.hasRows = rowMin_ != LXW_ROW_MAX;
  // _worksheet_write_dimension.
  if (rowMin_ == LXW_ROW_MAX && colMin_ == LXW_COL_MAX) {
    data.dimensionRef = cellRange(0, 0, 0, 0);
  } else if (rowMin_ == LXW_ROW_MAX) {
    data.dimensionRef = cellRange(0, colMin_, 0, colMax_);
  } else {
    data.dimensionRef = cellRange(rowMin_, colMin_, rowMax_, colMax_);
  }
  // _worksheet_write_merge_cells.
  if (mergeCount_ > 0)
    data.mergeCells =
        "<mergeCells count=\"" + std::to_string(mergeCount_) + "\">" + merges_ + "</mergeCells>";
  return data;
}

}  // namespace bangfu::xlsx::detail
