#include "io/io_detail.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace bangfu::io::detail {

namespace {
std::atomic<FaultHook> faultHook{nullptr};
}  // namespace

void setFaultHookForTesting(FaultHook hook) { faultHook.store(hook); }

void faultPoint(const char* site) {
  if (const FaultHook hook = faultHook.load(std::memory_order_relaxed)) hook(site);
}

void fail(std::string code, diag::Location where, std::string zh, std::string en, std::string suggestion,
          std::string suggestionEn) {
  diag::Diagnostic d;
  d.severity = diag::Severity::Error;
  d.code = std::move(code);
  d.where = std::move(where);
  d.message = std::move(zh);
  d.messageEn = std::move(en);
  d.suggestion = std::move(suggestion);
  d.suggestionEn = std::move(suggestionEn);
  throw diag::InputError(std::move(d));
}

std::size_t firstInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII eight bytes at a time (CSV punctuation and digits are most of a table).
    std::uint64_t word = 0;
    if (i + sizeof word <= n &&
        (std::memcpy(&word, p + i, sizeof word), (word & 0x8080808080808080ULL) == 0)) {
      i += sizeof word;
      continue;
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    // The common three-byte form (hanzi and CJK punctuation): after a lead E1–EC or
    // EE–EF any two continuation bytes are valid; E0 and ED take the checks below.
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 3 <= n && (p[i + 1] & 0xC0) == 0x80 &&
        (p[i + 2] & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte (RFC 3629 §4)
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::size_t firstControlCharacter(std::string_view s, bool allowLineBreaks) {
  constexpr unsigned char kDel = 0x7F;
  constexpr unsigned char kC1Lead = 0xC2;  // U+0080–U+009F are C2 80 … C2 9F in UTF-8
  constexpr unsigned char kC1Last = 0x9F;
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  // Per 8 bytes, whether one could start a control character: a byte below 0x20,
  // DEL or C2 (Anderson's "Bit Twiddling Hacks", "Determine if a word has a byte
  // less than n" and "… equal to n": exact for whether any byte is, which is all
  // this asks). Only such words are looked at byte by byte.
  const auto mayHoldOne = [](std::uint64_t w) {
    const std::uint64_t del = w ^ (kOnes * kDel);
    const std::uint64_t c2 = w ^ (kOnes * kC1Lead);
    return (((w - kOnes * 0x20) & ~w) | ((del - kOnes) & ~del) | ((c2 - kOnes) & ~c2)) & kHighs;
  };
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    std::uint64_t word = 0;
    if (i + sizeof word <= n && (std::memcpy(&word, p + i, sizeof word), mayHoldOne(word) == 0)) {
      i += sizeof word;
      continue;
    }
    const std::size_t end = std::min(n, i + sizeof word);
    for (; i < end; ++i) {
      const unsigned char c = p[i];
      if (c < 0x20) {
        if (allowLineBreaks && (c == '\t' || c == '\n' || c == '\r')) continue;
        return i;
      }
      if (c == kDel) return i;
      if (c == kC1Lead && i + 1 < n && p[i + 1] <= kC1Last) return i;
    }
  }
  return std::string_view::npos;
}

diag::Diagnostic controlCharacterError(diag::Location where, std::string_view text, std::size_t offset) {
  unsigned code = offset < text.size() ? static_cast<unsigned char>(text[offset]) : 0;
  if (code == 0xC2 && offset + 1 < text.size()) code = static_cast<unsigned char>(text[offset + 1]);
  char name[8];
  std::snprintf(name, sizeof name, "U+%04X", code);
  // The text before the character, so the clerk can find it in a long cell.
  constexpr std::size_t kContextBytes = 30;
  std::size_t from = offset > kContextBytes ? offset - kContextBytes : 0;
  while (from > 0 && from < text.size() && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;
  std::string before(text.substr(from, offset - from));
  if (firstControlCharacter(before) != std::string_view::npos) before.clear();
  diag::Diagnostic d;
  d.severity = diag::Severity::Error;
  d.code = "io.control-char";
  d.where = std::move(where);
  d.message =
      std::string("文字中有不可见的控制字符 ") + name + (before.empty() ? "" : "（在“" + before + "”之后）");
  d.messageEn = std::string("the text holds the invisible control character ") + name +
                (before.empty() ? "" : " (after \"" + before + "\")");
  d.suggestion = "删除该字符：通常来自复制粘贴，可在记事本中重新输入这段文字";
  d.suggestionEn =
      "delete the character: it usually comes from copying and pasting; retype this text in a plain "
      "text editor";
  return d;
}

void rejectControlCharacters(const Sheet& sheet) {
  if (const std::size_t bad = firstControlCharacter(sheet.name, false); bad != std::string_view::npos)
    throw diag::InputError(controlCharacterError({sheet.file, "", 0, 0, "sheet name"}, sheet.name, bad));
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
      const std::string& text = sheet.rows[r][c].text;
      const std::size_t bad = firstControlCharacter(text);
      if (bad == std::string_view::npos) continue;
      // CSV rows can span lines: name the text line the row starts on.
      const bool csv = sheet.name.empty() && r < sheet.lines.size();
      const int row = csv ? sheet.lines[r] : static_cast<int>(r + 1);
      throw diag::InputError(
          controlCharacterError({sheet.file, sheet.name, row, static_cast<int>(c + 1), ""}, text, bad));
    }
  }
}

void lineColumn(std::string_view text, std::size_t offset, int& line, int& column) {
  if (offset > text.size()) offset = text.size();
  line = 1;
  std::size_t lineStart = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      lineStart = i + 1;
    }
  }
  column = 1;
  for (std::size_t i = lineStart; i < offset; ++i) {
    // Continuation bytes of a UTF-8 sequence do not start a new column.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
}

std::string readInput(const std::string& path, std::size_t maxBytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fail("io.unreadable", {path, "", 0, 0, ""}, "无法打开文件", "cannot open the file", "检查路径和读取权限",
         "check the path and the read permission");
  }
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) fail("io.unreadable", {path, "", 0, 0, ""}, "无法读取文件", "cannot read the file");
  if (static_cast<std::size_t>(size) > maxBytes) {
    fail("io.too-large", {path, "", 0, 0, ""},
         "文件过大（" + std::to_string(size) + " 字节，上限 " + std::to_string(maxBytes) + " 字节）",
         "file too large (" + std::to_string(size) + " bytes, limit " + std::to_string(maxBytes) + ")");
  }
  in.seekg(0);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), size);
  if (!in) fail("io.unreadable", {path, "", 0, 0, ""}, "读取文件失败", "reading the file failed");
  return bytes;
}

}  // namespace bangfu::io::detail
