#include "worker/wire.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace bangfu::worker::wire {

// The writers and readers below must carry every field of the document model.
// A new field changes these sizes: serialise it in writeAppendix/readAppendix, then
// update the number here.
static_assert(sizeof(doc::Run) == 40, "doc::Run changed: update worker/wire.cpp");
static_assert(sizeof(doc::Paragraph) == 32, "doc::Paragraph changed: update worker/wire.cpp");
static_assert(sizeof(doc::Cell) == 96, "doc::Cell changed: update worker/wire.cpp");
static_assert(sizeof(doc::Row) == 32, "doc::Row changed: update worker/wire.cpp");
static_assert(sizeof(doc::Column) == 48, "doc::Column changed: update worker/wire.cpp");
static_assert(sizeof(doc::Table) == 88, "doc::Table changed: update worker/wire.cpp");
static_assert(sizeof(doc::NameList) == 32, "doc::NameList changed: update worker/wire.cpp");
static_assert(sizeof(doc::Notes) == 56, "doc::Notes changed: update worker/wire.cpp");
static_assert(sizeof(doc::Appendix) == 160, "doc::Appendix changed: update worker/wire.cpp");
static_assert(std::variant_size_v<doc::Block> == 4, "doc::Block changed: update worker/wire.cpp");
static_assert(sizeof(doc::Notice) == 160, "doc::Notice changed: update worker/wire.cpp");
static_assert(sizeof(doc::NoticeHead) == 88, "doc::NoticeHead changed: update worker/wire.cpp");
static_assert(sizeof(doc::SignatureBlock) == 64, "doc::SignatureBlock changed: update worker/wire.cpp");
static_assert(sizeof(doc::Imprint) == 96, "doc::Imprint changed: update worker/wire.cpp");
static_assert(sizeof(doc::NoticeText) == 272, "doc::NoticeText changed: update worker/wire.cpp");
static_assert(std::variant_size_v<doc::NoticeBlock> == 5, "doc::NoticeBlock changed: update worker/wire.cpp");
static_assert(sizeof(diag::Diagnostic) == 272, "diag::Diagnostic changed: update worker/wire.cpp");

void Writer::u32(std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out_ += static_cast<char>((v >> (8 * i)) & 0xFF);
}

void Writer::f64(double v) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  u32(static_cast<std::uint32_t>(bits));
  u32(static_cast<std::uint32_t>(bits >> 32));
}

void Writer::str(std::string_view s) {
  u32(static_cast<std::uint32_t>(s.size()));
  out_.append(s);
}

void Reader::need(std::size_t n) const {
  if (n > in_.size() - pos_) throw WireError("render worker: message ends early");
}

std::uint8_t Reader::u8() {
  need(1);
  return static_cast<std::uint8_t>(in_[pos_++]);
}

std::uint32_t Reader::u32() {
  need(4);
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i)
    v |= static_cast<std::uint32_t>(static_cast<unsigned char>(in_[pos_++])) << (8 * i);
  return v;
}

double Reader::f64() {
  const std::uint64_t lo = u32();
  const std::uint64_t hi = u32();
  const std::uint64_t bits = lo | (hi << 32);
  double v = 0;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

std::string Reader::str() {
  const std::uint32_t n = u32();
  need(n);
  std::string s(in_.substr(pos_, n));
  pos_ += n;
  return s;
}

std::uint32_t Reader::count() {
  const std::uint32_t n = u32();
  need(n);
  return n;
}

std::uint8_t Reader::enumValue(std::uint8_t last) {
  const std::uint8_t v = u8();
  if (v > last) throw WireError("render worker: value out of range");
  return v;
}

namespace {

void writeRuns(Writer& w, const std::vector<doc::Run>& runs) {
  w.u32(static_cast<std::uint32_t>(runs.size()));
  for (const auto& r : runs) {
    w.str(r.text);
    w.u8(static_cast<std::uint8_t>(r.face));
    w.u8(r.bold ? 1 : 0);
  }
}

std::vector<doc::Run> readRuns(Reader& r) {
  std::vector<doc::Run> runs(r.count());
  for (auto& run : runs) {
    run.text = r.str();
    run.face = static_cast<doc::Face>(r.enumValue(static_cast<std::uint8_t>(doc::Face::Title)));
    run.bold = r.u8() != 0;
  }
  return runs;
}

void writeParagraph(Writer& w, const doc::Paragraph& p) {
  writeRuns(w, p.runs);
  w.u8(static_cast<std::uint8_t>(p.role));
  w.u8(static_cast<std::uint8_t>(p.align));
}

doc::Paragraph readParagraph(Reader& r) {
  doc::Paragraph p;
  p.runs = readRuns(r);
  p.role =
      static_cast<doc::ParagraphRole>(r.enumValue(static_cast<std::uint8_t>(doc::ParagraphRole::Heading2)));
  p.align = static_cast<doc::Align>(r.enumValue(static_cast<std::uint8_t>(doc::Align::Distribute)));
  return p;
}

void writeCell(Writer& w, const doc::Cell& c) {
  w.u32(static_cast<std::uint32_t>(c.lines.size()));
  for (const auto& p : c.lines) writeParagraph(w, p);
  w.i32(c.rowSpan);
  w.i32(c.colSpan);
  w.u8(static_cast<std::uint8_t>(c.align));
  w.u8(c.number ? 1 : 0);
  if (c.number) w.f64(*c.number);
  w.str(c.numberFormat);
  w.u8(c.columnTotal ? 1 : 0);
}

doc::Cell readCell(Reader& r) {
  doc::Cell c;
  c.lines.resize(r.count());
  for (auto& p : c.lines) p = readParagraph(r);
  c.rowSpan = r.i32();
  c.colSpan = r.i32();
  c.align = static_cast<doc::Align>(r.enumValue(static_cast<std::uint8_t>(doc::Align::Distribute)));
  if (r.u8() != 0) c.number = r.f64();
  c.numberFormat = r.str();
  c.columnTotal = r.u8() != 0;
  return c;
}

void writeTable(Writer& w, const doc::Table& t) {
  w.str(t.name);
  w.u32(static_cast<std::uint32_t>(t.columns.size()));
  for (const auto& c : t.columns) {
    w.str(c.key);
    w.f64(c.weight);
    w.u8(static_cast<std::uint8_t>(c.align));
    w.u8(c.numeric ? 1 : 0);
  }
  w.u32(static_cast<std::uint32_t>(t.rows.size()));
  for (const auto& row : t.rows) {
    w.u32(static_cast<std::uint32_t>(row.cells.size()));
    for (const auto& c : row.cells) writeCell(w, c);
    w.u8(static_cast<std::uint8_t>(row.kind));
  }
  w.i32(t.fontHalfPoints);
}

doc::Table readTable(Reader& r) {
  doc::Table t;
  t.name = r.str();
  t.columns.resize(r.count());
  for (auto& c : t.columns) {
    c.key = r.str();
    c.weight = r.f64();
    c.align = static_cast<doc::Align>(r.enumValue(static_cast<std::uint8_t>(doc::Align::Distribute)));
    c.numeric = r.u8() != 0;
  }
  t.rows.resize(r.count());
  for (auto& row : t.rows) {
    row.cells.resize(r.count());
    for (auto& c : row.cells) c = readCell(r);
    row.kind = static_cast<doc::RowKind>(r.enumValue(static_cast<std::uint8_t>(doc::RowKind::Total)));
  }
  t.fontHalfPoints = r.i32();
  return t;
}

void writeStrings(Writer& w, const std::vector<std::string>& list) {
  w.u32(static_cast<std::uint32_t>(list.size()));
  for (const auto& s : list) w.str(s);
}

std::vector<std::string> readStrings(Reader& r) {
  std::vector<std::string> list(r.count());
  for (auto& s : list) s = r.str();
  return list;
}

}  // namespace

void writeAppendix(Writer& w, const doc::Appendix& a) {
  w.str(a.id);
  w.str(a.label);
  w.str(a.title);
  w.u8(static_cast<std::uint8_t>(a.orientation));
  w.str(a.fileStem);
  w.u32(static_cast<std::uint32_t>(a.blocks.size()));
  for (const auto& b : a.blocks) {
    w.u8(static_cast<std::uint8_t>(b.index()));
    if (const auto* p = std::get_if<doc::Paragraph>(&b)) {
      writeParagraph(w, *p);
    } else if (const auto* t = std::get_if<doc::Table>(&b)) {
      writeTable(w, *t);
    } else if (const auto* n = std::get_if<doc::NameList>(&b)) {
      w.u32(static_cast<std::uint32_t>(n->entries.size()));
      for (const auto& e : n->entries) {
        w.str(e.role);
        writeStrings(w, e.names);
      }
      w.i32(n->namesPerLine);
    } else if (const auto* notes = std::get_if<doc::Notes>(&b)) {
      w.str(notes->heading);
      writeStrings(w, notes->items);
    }
  }
}

doc::Appendix readAppendix(Reader& r) {
  doc::Appendix a;
  a.id = r.str();
  a.label = r.str();
  a.title = r.str();
  a.orientation =
      static_cast<doc::Orientation>(r.enumValue(static_cast<std::uint8_t>(doc::Orientation::Landscape)));
  a.fileStem = r.str();
  const std::uint32_t n = r.count();
  a.blocks.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    switch (r.enumValue(3)) {
      case 0:
        a.blocks.emplace_back(readParagraph(r));
        break;
      case 1:
        a.blocks.emplace_back(readTable(r));
        break;
      case 2: {
        doc::NameList list;
        list.entries.resize(r.count());
        for (auto& e : list.entries) {
          e.role = r.str();
          e.names = readStrings(r);
        }
        list.namesPerLine = r.i32();
        a.blocks.emplace_back(std::move(list));
        break;
      }
      default: {
        doc::Notes notes;
        notes.heading = r.str();
        notes.items = readStrings(r);
        a.blocks.emplace_back(std::move(notes));
      }
    }
  }
  return a;
}

void writeNotice(Writer& w, const doc::Notice& n) {
  w.str(n.docNumber);
  w.str(n.date);
  w.str(n.title);
  w.str(n.issuer);
  w.u8(n.fictional ? 1 : 0);
  w.u32(static_cast<std::uint32_t>(n.appendices.size()));
  for (const auto& a : n.appendices) writeAppendix(w, a);
}

doc::Notice readNotice(Reader& r) {
  doc::Notice n;
  n.docNumber = r.str();
  n.date = r.str();
  n.title = r.str();
  n.issuer = r.str();
  n.fictional = r.u8() != 0;
  const std::uint32_t count = r.count();
  n.appendices.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) n.appendices.push_back(readAppendix(r));
  return n;
}

void writeNoticeText(Writer& w, const doc::NoticeText& t) {
  writeStrings(w, t.head.issuerLines);
  w.u8(t.head.withWenjian ? 1 : 0);
  w.str(t.head.docNumber);
  writeStrings(w, t.head.signers);
  w.str(t.title);
  w.str(t.recipients);
  w.u32(static_cast<std::uint32_t>(t.blocks.size()));
  for (const auto& b : t.blocks) {
    w.u8(static_cast<std::uint8_t>(b.index()));
    if (const auto* p = std::get_if<doc::Paragraph>(&b)) {
      writeParagraph(w, *p);
    } else if (const auto* a = std::get_if<doc::AttachmentNote>(&b)) {
      writeStrings(w, a->titles);
    } else if (const auto* s = std::get_if<doc::SignatureBlock>(&b)) {
      writeStrings(w, s->issuers);
      w.str(s->date);
      w.u8(s->sealed ? 1 : 0);
    } else if (const auto* n = std::get_if<doc::Annotation>(&b)) {
      w.str(n->text);
    } else if (const auto* i = std::get_if<doc::IssuedTitle>(&b)) {
      w.str(i->title);
    }
  }
  w.str(t.imprint.copyTo);
  w.str(t.imprint.printer);
  w.str(t.imprint.printDate);
}

doc::NoticeText readNoticeText(Reader& r) {
  doc::NoticeText t;
  t.head.issuerLines = readStrings(r);
  t.head.withWenjian = r.u8() != 0;
  t.head.docNumber = r.str();
  t.head.signers = readStrings(r);
  t.title = r.str();
  t.recipients = r.str();
  const std::uint32_t n = r.count();
  t.blocks.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    switch (r.enumValue(4)) {
      case 0:
        t.blocks.emplace_back(readParagraph(r));
        break;
      case 1:
        t.blocks.emplace_back(doc::AttachmentNote{readStrings(r)});
        break;
      case 2: {
        doc::SignatureBlock s;
        s.issuers = readStrings(r);
        s.date = r.str();
        s.sealed = r.u8() != 0;
        t.blocks.emplace_back(std::move(s));
        break;
      }
      case 3:
        t.blocks.emplace_back(doc::Annotation{r.str()});
        break;
      default:
        t.blocks.emplace_back(doc::IssuedTitle{r.str()});
    }
  }
  t.imprint.copyTo = r.str();
  t.imprint.printer = r.str();
  t.imprint.printDate = r.str();
  return t;
}

void writeDiagnostics(Writer& w, const diag::Diagnostics& d) {
  w.u32(static_cast<std::uint32_t>(d.items().size()));
  for (const auto& x : d.items()) {
    w.u8(static_cast<std::uint8_t>(x.severity));
    w.str(x.code);
    w.str(x.where.file);
    w.str(x.where.sheet);
    w.i32(x.where.row);
    w.i32(x.where.column);
    w.str(x.where.field);
    w.str(x.message);
    w.str(x.messageEn);
    w.str(x.suggestion);
    w.str(x.suggestionEn);
  }
}

diag::Diagnostics readDiagnostics(Reader& r) {
  diag::Diagnostics d;
  const std::uint32_t n = r.count();
  for (std::uint32_t i = 0; i < n; ++i) {
    diag::Diagnostic x;
    x.severity = static_cast<diag::Severity>(r.enumValue(static_cast<std::uint8_t>(diag::Severity::Note)));
    x.code = r.str();
    x.where.file = r.str();
    x.where.sheet = r.str();
    x.where.row = r.i32();
    x.where.column = r.i32();
    x.where.field = r.str();
    x.message = r.str();
    x.messageEn = r.str();
    x.suggestion = r.str();
    x.suggestionEn = r.str();
    d.add(std::move(x));
  }
  return d;
}

std::string encodeRequest(const Request& q) {
  Writer w;
  w.str(q.modulePath);
  w.str(q.pluginId);
  w.str(q.schemeFile);
  w.str(q.schemeJson);
  w.u32(static_cast<std::uint32_t>(q.appendices.size()));
  for (const auto& a : q.appendices) {
    w.str(a.id);
    w.str(a.label);
    w.str(a.title);
  }
  return w.bytes();
}

Request decodeRequest(std::string_view bytes) {
  Reader r(bytes);
  Request q;
  q.modulePath = r.str();
  q.pluginId = r.str();
  q.schemeFile = r.str();
  q.schemeJson = r.str();
  q.appendices.resize(r.count());
  for (auto& a : q.appendices) {
    a.id = r.str();
    a.label = r.str();
    a.title = r.str();
  }
  return q;
}

namespace {

bool writeAll(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    // send() with MSG_NOSIGNAL: a worker that died must not kill bangfu with SIGPIPE.
    const ssize_t k = ::send(fd, p, n, MSG_NOSIGNAL);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return false;
    p += k;
    n -= static_cast<std::size_t>(k);
  }
  return true;
}

/// Reads exactly n bytes; 0 at a clean end of stream before any byte, -1 on a short read.
int readAll(int fd, char* p, std::size_t n) {
  std::size_t got = 0;
  while (got < n) {
    const ssize_t k = ::read(fd, p + got, n - got);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return got == 0 ? 0 : -1;
    got += static_cast<std::size_t>(k);
  }
  return 1;
}

}  // namespace

bool writeFrame(int fd, std::string_view bytes) {
  if (bytes.size() > kMaxFrameBytes) throw WireError("render worker: message too large");
  Writer head;
  head.u32(static_cast<std::uint32_t>(bytes.size()));
  return writeAll(fd, head.bytes().data(), 4) && writeAll(fd, bytes.data(), bytes.size());
}

bool readFrame(int fd, std::string& bytes) {
  char head[4];
  const int h = readAll(fd, head, sizeof head);
  if (h == 0) return false;
  if (h < 0) throw WireError("render worker: message ends early");
  const std::uint32_t n = Reader(std::string_view(head, sizeof head)).u32();
  if (n > kMaxFrameBytes) throw WireError("render worker: message too large");
  bytes.assign(n, '\0');
  if (n > 0 && readAll(fd, bytes.data(), n) != 1) throw WireError("render worker: message ends early");
  return true;
}

}  // namespace bangfu::worker::wire
