#pragma once
/// Helpers shared by the readers of core/io (private to the area).
#include <cstddef>
#include <string>
#include <string_view>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/io/sheet.hpp"

namespace bangfu::io::detail {

/// Throws diag::InputError carrying one located error diagnostic (the fix in
/// Chinese and in English, shown by the locale).
[[noreturn]] void fail(std::string code, diag::Location where, std::string zh, std::string en,
                       std::string suggestion = {}, std::string suggestionEn = {});

/// Offset of the first byte that is not well-formed UTF-8 (RFC 3629: no overlong
/// forms, no surrogates, nothing above U+10FFFF), or npos when all of `s` is valid.
std::size_t firstInvalidUtf8(std::string_view s);

/// Offset of the first control character in UTF-8 `s`, or npos: C0 (U+0000–U+001F),
/// DEL (U+007F) and C1 (U+0080–U+009F). Tab, line feed and carriage return are
/// allowed when `allowLineBreaks` (cell text and string values may hold them; keys,
/// ids and sheet names may not). Every reader cleans its text with this one rule.
std::size_t firstControlCharacter(std::string_view s, bool allowLineBreaks = true);

/// The io.control-char error for the control character at `offset` of `text`,
/// read at `where`: names the character (U+0000) and says how to remove it.
diag::Diagnostic controlCharacterError(diag::Location where, std::string_view text, std::size_t offset);

/// Throws the io.control-char error of the first cell (or sheet name) of `sheet`
/// holding a control character, located file:sheet!B12 (file:line:field for CSV).
void rejectControlCharacters(const Sheet& sheet);

/// How readCsvBytes checks that its input is UTF-8 without control characters:
/// Auto on a second thread, while the records are parsed, for inputs of 256 KiB or
/// more; Serial and Parallel force one way (the tests compare the two).
enum class CsvChecks { Auto, Serial, Parallel };
Sheet readCsvBytes(const std::string& bytes, const std::string& name, const ReadLimits& limits,
                   CsvChecks how);

/// 1-based line and column (in code points of valid UTF-8; other bytes count one
/// each) of byte `offset` of `text`.
void lineColumn(std::string_view text, std::size_t offset, int& line, int& column);

/// Reads a whole file for a reader: throws InputError (code io.unreadable) naming
/// the file when it cannot be opened, and io.too-large above `maxBytes`.
std::string readInput(const std::string& path, std::size_t maxBytes);

/// Test seam at the places inside the readers' try blocks where a library may
/// throw (sites "csv.parse", "json.parse", "json.read", "xlsx.zip", "xlsx.inflate").
/// A reader turns only the exceptions it expects there into a located InputError;
/// a test's hook throws anything else (std::logic_error) to show that it escapes,
/// where a fuzzer sees it (tests/core/io/reader_errors_test.cpp). No hook: nothing.
using FaultHook = void (*)(const char* site);
void setFaultHookForTesting(FaultHook hook);
void faultPoint(const char* site);

}  // namespace bangfu::io::detail
