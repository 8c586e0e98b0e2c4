#include "bangfu/worker/codec.hpp"

#include "worker/wire.hpp"

namespace bangfu::worker {

namespace {

/// Appends what `write` puts on a fresh wire::Writer.
template <typename Write>
void append(std::string& out, Write write) {
  wire::Writer w;
  write(w);
  out += w.bytes();
}

/// Reads one field at `pos` and moves `pos` past it.
template <typename Read>
auto take(const std::string& in, std::size_t& pos, Read read) {
  wire::Reader r(std::string_view(in).substr(pos));
  auto value = read(r);
  pos += r.position();
  return value;
}

}  // namespace

void Encoder::flag(bool value) {
  append(out_, [&](wire::Writer& w) { w.u8(value ? 1 : 0); });
}
void Encoder::number(std::uint64_t value) {
  append(out_, [&](wire::Writer& w) {
    w.u32(static_cast<std::uint32_t>(value & 0xffffffffu));
    w.u32(static_cast<std::uint32_t>(value >> 32));
  });
}
void Encoder::text(std::string_view value) {
  append(out_, [&](wire::Writer& w) { w.str(value); });
}
void Encoder::diagnostics(const diag::Diagnostics& value) {
  append(out_, [&](wire::Writer& w) { wire::writeDiagnostics(w, value); });
}
void Encoder::notice(const doc::Notice& value) {
  append(out_, [&](wire::Writer& w) { wire::writeNotice(w, value); });
}
void Encoder::noticeText(const doc::NoticeText& value) {
  append(out_, [&](wire::Writer& w) { wire::writeNoticeText(w, value); });
}

bool Decoder::flag() {
  return take(in_, pos_, [](wire::Reader& r) { return r.enumValue(1) != 0; });
}
std::uint64_t Decoder::number() {
  return take(in_, pos_, [](wire::Reader& r) {
    const std::uint64_t low = r.u32();
    return low | (std::uint64_t{r.u32()} << 32);
  });
}
std::string Decoder::text() {
  return take(in_, pos_, [](wire::Reader& r) { return r.str(); });
}
diag::Diagnostics Decoder::diagnostics() {
  return take(in_, pos_, [](wire::Reader& r) { return wire::readDiagnostics(r); });
}
doc::Notice Decoder::notice() {
  return take(in_, pos_, [](wire::Reader& r) { return wire::readNotice(r); });
}
doc::NoticeText Decoder::noticeText() {
  return take(in_, pos_, [](wire::Reader& r) { return wire::readNoticeText(r); });
}

}  // namespace bangfu::worker
