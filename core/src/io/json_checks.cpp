#include "io/json_checks.hpp"

#include <set>
#include <vector>

#include "bangfu/io/text_checks.hpp"
#include "bangfu/text/utf8.hpp"
#include "io/io_detail.hpp"

namespace bangfu::io::detail {

namespace {

/// RFC 8259 §7 strings, decoded to UTF-8 (\uXXXX surrogate pairs joined; a lone
/// surrogate becomes U+FFFD, as Poco decodes it).
class JsonWalker {
 public:
  JsonWalker(std::string_view text, const std::string& file, diag::Diagnostics& diags)
      : t_(text), file_(file), diags_(diags) {}

  void run() {
    ws();
    value("", 0);
  }

 private:
  static constexpr int kMaxDepth = 128;  // Poco's default depth limit

  diag::Location at(std::size_t offset, const std::string& path) const {
    int line = 0, column = 0;
    lineColumn(t_, offset, line, column);
    return {file_, "", line, column, path};
  }

  void ws() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r')) ++i_;
  }

  bool hex4(unsigned& cp) {
    if (i_ + 4 > t_.size()) return false;
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = t_[i_++];
      cp <<= 4;
      if (c >= '0' && c <= '9')
        cp |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        cp |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        cp |= static_cast<unsigned>(c - 'A' + 10);
      else
        return false;
    }
    return true;
  }

  /// Decodes the string at i_ (on its opening quote) into `out`.
  bool string(std::string& out) {
    if (i_ >= t_.size() || t_[i_] != '"') return false;
    ++i_;
    constexpr unsigned kReplacement = 0xFFFD;
    while (i_ < t_.size()) {
      const char c = t_[i_];
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c != '\\') {
        out += c;
        ++i_;
        continue;
      }
      if (++i_ >= t_.size()) return false;
      const char e = t_[i_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF && t_.substr(i_, 2) == "\\u") {
            const std::size_t save = i_;
            i_ += 2;
            unsigned lo = 0;
            if (hex4(lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else {
              i_ = save;
              cp = kReplacement;
            }
          } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = kReplacement;
          }
          text::appendUtf8(out, cp);
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }

  void checkControl(const std::string& decoded, std::size_t offset, const std::string& path, bool isKey) {
    const std::size_t bad = firstControlCharacter(decoded, !isKey);
    if (bad == std::string::npos) return;
    diags_.add(controlCharacterError(at(offset, path), decoded, bad));
  }

  bool scalar() {
    // Numbers, true, false, null: anything up to the next delimiter (the parser
    // has already checked their form).
    const std::size_t start = i_;
    while (i_ < t_.size() && std::string_view(",]} \t\r\n").find(t_[i_]) == std::string_view::npos) ++i_;
    return i_ > start;
  }

  bool value(const std::string& path, int depth) {
    if (i_ >= t_.size() || depth > kMaxDepth) return false;
    const char c = t_[i_];
    if (c == '"') {
      const std::size_t start = i_;
      std::string s;
      if (!string(s)) return false;
      checkControl(s, start, path, false);
      return true;
    }
    if (c == '[') return array(path, depth);
    if (c == '{') return object(path, depth);
    return scalar();
  }

  bool array(const std::string& path, int depth) {
    ++i_;
    ws();
    if (i_ < t_.size() && t_[i_] == ']') {
      ++i_;
      return true;
    }
    for (std::size_t n = 0;; ++n) {
      if (!value(path + "[" + std::to_string(n) + "]", depth + 1)) return false;
      ws();
      if (i_ < t_.size() && t_[i_] == ',') {
        ++i_;
        ws();
        continue;
      }
      if (i_ < t_.size() && t_[i_] == ']') {
        ++i_;
        return true;
      }
      return false;
    }
  }

  bool object(const std::string& path, int depth) {
    ++i_;
    ws();
    if (i_ < t_.size() && t_[i_] == '}') {
      ++i_;
      return true;
    }
    std::set<std::string> keys;
    while (true) {
      const std::size_t keyAt = i_;
      std::string key;
      if (!string(key)) return false;
      const std::string field = path.empty() ? key : path + "." + key;
      checkControl(key, keyAt, field, true);
      if (!keys.insert(key).second) {
        diags_.error(
            "json.duplicate-key", at(keyAt, field),
            "键 \"" + key + "\" 在同一对象中出现两次，后一个会覆盖前一个",
            "the key \"" + key + "\" appears twice in one object; the later value would silently win",
            "删除其中一个 \"" + key + "\"，只保留正确的值",
            "delete one of the \"" + key + "\" and keep the right value");
      }
      ws();
      if (i_ >= t_.size() || t_[i_] != ':') return false;
      ++i_;
      ws();
      if (!value(field, depth + 1)) return false;
      ws();
      if (i_ < t_.size() && t_[i_] == ',') {
        ++i_;
        ws();
        continue;
      }
      if (i_ < t_.size() && t_[i_] == '}') {
        ++i_;
        return true;
      }
      return false;
    }
  }

  std::string_view t_;
  const std::string& file_;
  diag::Diagnostics& diags_;
  std::size_t i_ = 0;
};

}  // namespace

void checkJsonText(std::string_view text, const std::string& file, diag::Diagnostics& diags) {
  JsonWalker(text, file, diags).run();
}

}  // namespace bangfu::io::detail

namespace bangfu::io {

void checkJsonText(std::string_view text, const std::string& file, diag::Diagnostics& diags) {
  detail::checkJsonText(text, file, diags);
}

void rejectControlCharacters(const Sheet& sheet) { detail::rejectControlCharacters(sheet); }

}  // namespace bangfu::io
