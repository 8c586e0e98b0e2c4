#include "serve/diff_job.hpp"

#include <filesystem>

#include "bangfu/diff/diff.hpp"
#include "bangfu/io/scheme_io.hpp"
#include "bangfu/output/outputs.hpp"
#include "bangfu/serve/workbench.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "bangfu/worker/bounded.hpp"
#include "bangfu/worker/codec.hpp"
#include "serve/state.hpp"

namespace bangfu::serve {

namespace detail {

namespace fs = std::filesystem;
using Poco::JSON::Object;

namespace {

std::string bodyOf(const DiffInput& in) {
  diag::Diagnostics diags;
  model::Scheme before = io::loadScheme(in.before, diags);
  model::Scheme after = io::loadScheme(in.after, diags);
  // The report's 说明 names the versions: by their time, not by paths on this machine.
  before.file = in.beforeLabel + " 的版本";
  after.file = "当前版本（" + fs::path(in.after).filename().string() + "）";
  const diff::Report report = diff::compare(before, after);
  const doc::Notice notice = diff::reportNotice(report, before, after);
  if (in.format == "docx" || in.format == "xlsx") {
    const std::string path = in.scratchDir + "/diff-" + randomToken(8) + "." + in.format;
    output::Options options;
    diag::Diagnostics writeDiags;
    output::writeAll({{path, in.format == "docx" ? output::Format::Docx : output::Format::Xlsx, &notice}},
                     options, writeDiags);
    std::string bytes = util::readFile(path);
    std::error_code ec;
    fs::remove(path, ec);
    return bytes;
  }
  Object::Ptr o = new Object;
  o->set("scheme", in.scheme);
  o->set("before", in.beforeLabel);
  o->set("changes", static_cast<int>(report.changes.size()));
  o->set("text", diff::formatText(report));
  std::string html;
  for (const auto& a : notice.appendices) html += appendixHtml(a);
  o->set("html", html);
  return json(o).body;
}

}  // namespace

std::string runDiff(const DiffInput& input) {
  worker::Encoder e;
  try {
    const std::string body = bodyOf(input);
    e.flag(true);
    e.text(body);
  } catch (const diag::InputError& err) {
    diag::Diagnostics d;
    d.add(err.diagnostic());
    e.flag(false);
    e.diagnostics(d);
  }
  return e.bytes();
}

std::string encodeDiffInput(const DiffInput& input) {
  worker::Encoder e;
  for (const auto* field :
       {&input.before, &input.beforeLabel, &input.after, &input.scheme, &input.format, &input.scratchDir})
    e.text(*field);
  return e.bytes();
}

DiffInput decodeDiffInput(const std::string& bytes) {
  worker::Decoder d(bytes);
  DiffInput in;
  for (auto* field : {&in.before, &in.beforeLabel, &in.after, &in.scheme, &in.format, &in.scratchDir})
    *field = d.text();
  return in;
}

DiffResult decodeDiffResult(const std::string& bytes) {
  worker::Decoder d(bytes);
  DiffResult r;
  r.ok = d.flag();
  if (r.ok) {
    r.body = d.text();
  } else {
    r.diagnostics = d.diagnostics();
  }
  return r;
}

}  // namespace detail

int runDiffWorker(const std::vector<std::string>& args) {
  return worker::serveBounded(args, [](const std::string& input, const worker::MessageSink& /*post*/) {
    return detail::runDiff(detail::decodeDiffInput(input));
  });
}

}  // namespace bangfu::serve
