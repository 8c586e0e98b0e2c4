#pragma once
// The bytes that cross between bangfu and its render worker (private to
// core/worker): length-prefixed fields, little-endian, every read bounds-checked.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/doc/document.hpp"
#include "bangfu/doc/notice_text.hpp"
#include "bangfu/model/scheme.hpp"

namespace bangfu::worker::wire {

/// A message that does not decode: the worker broke the protocol.
struct WireError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Writer {
 public:
  void u8(std::uint8_t v) { out_ += static_cast<char>(v); }
  void u32(std::uint32_t v);
  void i32(std::int32_t v) { u32(static_cast<std::uint32_t>(v)); }
  void f64(double v);
  void str(std::string_view s);
  [[nodiscard]] const std::string& bytes() const { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::uint8_t u8();
  std::uint32_t u32();
  std::int32_t i32() { return static_cast<std::int32_t>(u32()); }
  double f64();
  std::string str();
  /// An element count, refused when it could not fit in the bytes left (each
  /// element takes at least one byte), so a bad count cannot allocate much.
  std::uint32_t count();
  /// An enum's value, refused above `last`.
  std::uint8_t enumValue(std::uint8_t last);
  [[nodiscard]] bool done() const { return pos_ == in_.size(); }
  /// Bytes read so far.
  [[nodiscard]] std::size_t position() const { return pos_; }

 private:
  void need(std::size_t n) const;
  std::string_view in_;
  std::size_t pos_ = 0;
};

void writeAppendix(Writer& w, const doc::Appendix& a);
doc::Appendix readAppendix(Reader& r);
/// The whole rendered notice: its fields and every appendix.
void writeNotice(Writer& w, const doc::Notice& n);
doc::Notice readNotice(Reader& r);
/// The notice itself, 版头 to 版记 (bangfu/doc/notice_text.hpp).
void writeNoticeText(Writer& w, const doc::NoticeText& t);
doc::NoticeText readNoticeText(Reader& r);
void writeDiagnostics(Writer& w, const diag::Diagnostics& d);
diag::Diagnostics readDiagnostics(Reader& r);

/// The render request: which module, which plugin id, the scheme (as its
/// canonical JSON) and the appendices to render.
struct Request {
  std::string modulePath;
  std::string pluginId;
  std::string schemeFile;
  std::string schemeJson;
  std::vector<model::AppendixRef> appendices;
};
std::string encodeRequest(const Request& q);
Request decodeRequest(std::string_view bytes);

/// A frame larger than this is a broken worker, not a large table (a province's
/// appendices are a few MB).
inline constexpr std::uint32_t kMaxFrameBytes = 1u << 30;

/// Frames on a stream: a 4-byte length, then the bytes. Return false at a clean
/// end of stream before a frame; throw WireError on a short or oversized frame.
bool writeFrame(int fd, std::string_view bytes);
bool readFrame(int fd, std::string& bytes);

}  // namespace bangfu::worker::wire
