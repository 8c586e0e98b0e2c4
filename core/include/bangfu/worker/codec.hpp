#pragma once
/// The bytes of a bounded job's input and answer (bangfu/worker/bounded.hpp): the
/// job's owner writes fields in an order of its choosing and reads them back in
/// the same order. The encoding itself (length-prefixed, little-endian, every read
/// bounds-checked) stays private to core/worker; this is its public face, so a
/// caller such as `bangfu serve` reaches it through a public header only.
#include <cstdint>
#include <string>
#include <string_view>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/doc/document.hpp"
#include "bangfu/doc/notice_text.hpp"

namespace bangfu::worker {

class Encoder {
 public:
  void flag(bool value);
  void number(std::uint64_t value);
  void text(std::string_view value);
  void diagnostics(const diag::Diagnostics& value);
  void notice(const doc::Notice& value);
  void noticeText(const doc::NoticeText& value);
  [[nodiscard]] const std::string& bytes() const { return out_; }

 private:
  std::string out_;
};

/// Reads what an Encoder wrote. Bytes that do not decode (a broken worker) throw
/// std::runtime_error.
class Decoder {
 public:
  explicit Decoder(std::string bytes) : in_(std::move(bytes)) {}
  bool flag();
  std::uint64_t number();
  std::string text();
  diag::Diagnostics diagnostics();
  doc::Notice notice();
  doc::NoticeText noticeText();
  /// True when every byte was read.
  [[nodiscard]] bool done() const { return pos_ == in_.size(); }

 private:
  std::string in_;
  std::size_t pos_ = 0;
};

}  // namespace bangfu::worker
