#include "serve/build_job.hpp"

#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "bangfu/batch/build.hpp"
#include "bangfu/serve/workbench.hpp"
#include "bangfu/worker/bounded.hpp"
#include "bangfu/worker/codec.hpp"
#include "bangfu/worker/render_worker.hpp"
#include "serve/state.hpp"

namespace bangfu::serve {

namespace detail {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

std::string event(const std::string& name, const Object::Ptr& data) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(data, out);
  return sseEvent(name, out.str());
}

Array::Ptr list(const std::vector<std::string>& v) {
  Array::Ptr a = new Array;
  for (const auto& x : v) a->add(x);
  return a;
}

}  // namespace

std::string sseEvent(const std::string& name, const std::string& json) {
  return "event: " + name + "\ndata: " + json + "\n\n";
}

std::string buildEvents(const std::string& dir, bool english, plugin::PluginHost& host,
                        const std::function<void(const std::string&)>& post) {
  batch::BuildOptions options;
  options.english = english;
  options.onOutput = [&post](std::size_t done, std::size_t total, const std::string& rel,
                             const std::string& st) {
    Object::Ptr o = new Object;
    o->set("done", static_cast<int>(done));
    o->set("total", static_cast<int>(total));
    o->set("output", rel);
    o->set("state", st);
    post(event("progress", o));
  };
  try {
    const batch::BuildReport report = batch::build(dir, host, options);
    Object::Ptr o = new Object;
    o->set("rebuilt", list(report.rebuilt));
    o->set("unchanged", list(report.unchanged));
    o->set("skipped", static_cast<int>(report.skipped));
    o->set("removed", list(report.removed));
    o->set("failed", list(report.failed));
    o->set("total", static_cast<int>(report.total));
    o->set("upToDate", report.upToDate);
    o->set("seconds", report.seconds);
    o->set("diagnostics", diagnosticsJson(report.diags, english));
    return event("summary", o);
  } catch (const diag::InputError& e) {
    diag::Diagnostics d;
    d.add(e.diagnostic());
    Object::Ptr o = new Object;
    o->set("diagnostics", diagnosticsJson(d, english));
    return event("failed", o);
  }
}

std::string encodeBuildInput(const std::string& dir, bool english) {
  worker::Encoder e;
  e.text(dir);
  e.flag(english);
  return e.bytes();
}

}  // namespace detail

int runBuildWorker(const std::vector<std::string>& args) {
  return worker::serveBounded(args, [](const std::string& input, const worker::MessageSink& post) {
    worker::Decoder d(input);
    const std::string dir = d.text();
    const bool english = d.flag();
    plugin::PluginHost host;
    host.discover();
    return detail::buildEvents(dir, english, host, post);
  });
}

}  // namespace bangfu::serve
