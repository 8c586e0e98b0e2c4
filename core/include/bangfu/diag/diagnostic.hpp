#pragma once
/// Located diagnostics: every problem found in the input, with its place and a fix.
/// Validators collect into Diagnostics (one run reports every problem); only input
/// that cannot be read at all raises bangfu::InputError.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace bangfu::diag {

/// Note: a known difference the office has accepted (an acknowledged figure);
/// printed once as such, neither a warning nor an error.
enum class Severity : std::uint8_t { Warning, Error, Note };

/// Where a problem is. Rendered as `file:sheet!B12 [field]` for workbooks,
/// `file:line:column [field]` for text files and `file [field]` for JSON paths.
struct Location {
  std::string file;
  std::string sheet;  ///< worksheet name; empty for CSV/JSON
  int row = 0;        ///< 1-based; 0 = unknown
  int column = 0;     ///< 1-based; 0 = unknown
  std::string field;  ///< model field or JSON path, e.g. "teams[2].members[4]"

  [[nodiscard]] std::string str() const;
};

/// "B12" from (12, 2); empty when row or column is 0.
std::string cellName(int row, int column);

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;  ///< stable, e.g. "ref.unknown-unit"; tests assert this
  Location where;
  std::string message;     ///< Chinese
  std::string messageEn;   ///< English, shown when the locale is not zh
  std::string suggestion;  ///< a likely fix, or empty
  /// The fix in English. When empty, an English message shows the Chinese fix only
  /// if it is one of the plain forms 改为“X” / 是否为“X”？ (translated) or holds no
  /// Chinese outside its quoted values; otherwise no hint, never a mixed line.
  std::string suggestionEn;

  [[nodiscard]] std::string format(bool english = false) const;
  /// The fix as an English line shows it (see suggestionEn); empty for none.
  [[nodiscard]] std::string englishHint() const;
};

class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void error(std::string code, Location where, std::string zh, std::string en, std::string suggestion = {},
             std::string suggestionEn = {});
  void warning(std::string code, Location where, std::string zh, std::string en, std::string suggestion = {},
               std::string suggestionEn = {});
  void append(const Diagnostics& other);

  [[nodiscard]] bool hasErrors() const;
  [[nodiscard]] std::size_t errorCount() const;
  [[nodiscard]] std::size_t warningCount() const;
  [[nodiscard]] std::size_t noteCount() const;
  void note(std::string code, Location where, std::string zh, std::string en, std::string suggestion = {});
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  [[nodiscard]] bool empty() const { return items_.empty(); }
  /// True when some diagnostic carries this code (for tests and callers).
  [[nodiscard]] bool has(const std::string& code) const;

 private:
  std::vector<Diagnostic> items_;
};

/// Input that cannot be read at all (truncated zip, malformed XML, wrong encoding).
/// Carries the same located diagnostic that `check` would print.
class InputError : public std::runtime_error {
 public:
  explicit InputError(Diagnostic d);
  [[nodiscard]] const Diagnostic& diagnostic() const { return diag_; }

 private:
  Diagnostic diag_;
};

/// The nearest candidate by edit distance (in code points), if it is close enough
/// to be a likely typo: distance <= max(1, len/3). Empty otherwise.
std::string nearest(const std::string& wanted, const std::vector<std::string>& candidates);

/// Levenshtein distance in Unicode code points.
std::size_t editDistance(const std::string& a, const std::string& b);

}  // namespace bangfu::diag
