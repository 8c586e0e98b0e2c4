#include "serve/check_job.hpp"

#include <Poco/Zip/ZipArchive.h>

#include <fstream>

#include "bangfu/io/scheme_io.hpp"
#include "bangfu/notice/source.hpp"
#include "bangfu/plugin/render.hpp"
#include "bangfu/serve/workbench.hpp"
#include "bangfu/validate/validate.hpp"
#include "bangfu/worker/bounded.hpp"
#include "bangfu/worker/codec.hpp"
#include "bangfu/worker/render_worker.hpp"

namespace bangfu::serve {

namespace detail {

namespace {

/// The inflated size a workbook declares (its central directory), 0 when it is
/// no readable zip: the reader then gives its own located diagnostic.
std::uint64_t declaredInflatedBytes(const std::string& path) {
  try {
    std::ifstream in(path, std::ios::binary);
    const Poco::Zip::ZipArchive archive(in);
    std::uint64_t total = 0;
    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it)
      total += it->second.getUncompressedSize();
    return total;
  } catch (...) {
    return 0;
  }
}

CheckOutcome checkAll(plugin::PluginHost& host, const CheckInput& in) {
  CheckOutcome out;
  auto& diags = out.diags;
  // A workbook that declares more than this inflated is refused before it is read
  // (a header that lies is still stopped by the reader's caps, io::ReadLimits, and
  // by the worker's address-space cap).
  if (in.workbook && declaredInflatedBytes(in.path) > in.maxInflatedBytes) {
    diags.error("serve.too-large", {in.path, "", 0, 0, ""},
                "工作簿解压后超过 " + std::to_string(in.maxInflatedBytes >> 20) + " MB，不像是帮扶方案",
                "the workbook inflates beyond " + std::to_string(in.maxInflatedBytes >> 20) + " MB",
                "删去无关的工作表和图片后另存，或拆分为多个工作簿",
                "delete unrelated sheets and pictures and save again, or split it into several workbooks");
    return out;
  }
  model::Scheme scheme;
  try {
    scheme = io::loadScheme(in.path, diags);
  } catch (const diag::InputError& e) {
    diags.add(e.diagnostic());
    return out;
  }
  out.readable = true;
  if (in.readOnly) return out;
  if (scheme.file.empty()) scheme.file = in.path;
  // The notice text is checked with the scheme (docs/notice.md), as `bangfu check` does.
  if (const auto source = notice::findSource(scheme, diags))
    out.text = notice::buildNotice(scheme, *source, diags);
  if (scheme.plugin.empty()) {
    diags.warning("serve.no-plugin", {in.path, "", 0, 0, "plugin"}, "方案未指定地区插件，只检查了通用规则",
                  "the scheme names no plugin; only the core rules ran",
                  in.workbook ? "在“通知”表的“插件”一行填写地区插件，如 lishui"
                              : "在 JSON 中加上 \"plugin\": \"lishui\"",
                  in.workbook
                      ? "fill in the region plugin in the \"插件\" row of the \"通知\" sheet, e.g. lishui"
                      : "add \"plugin\": \"lishui\" to the JSON");
    validate::validateScheme(scheme, diags);
    if (!out.text || diags.hasErrors()) {
      out.text.reset();
      return out;
    }
    // No plugin renders the appendices: the notice alone, as `bangfu render` writes it.
    out.notice = plugin::noticeWithoutPlugin(scheme, diags);
    return out;
  }
  const plugin::JurisdictionPlugin* p = nullptr;
  try {
    p = &host.get(scheme.plugin);
  } catch (const plugin::PluginError& e) {
    diag::Location where = scheme.pluginWhere;
    if (where.file.empty()) where = {in.path, "", 0, 0, "plugin"};
    diags.error("serve.unknown-plugin", where, std::string("找不到方案指定的插件：") + e.what(), e.english(),
                "检查插件名，或安装该地区插件", "check the plugin name, or install the region plugin");
    return out;
  }
  plugin::validateWith(scheme, *p, diags);
  const auto appendices = plugin::appendicesToRender(scheme, *p, diags);
  if (diags.hasErrors()) {
    out.text.reset();
    return out;
  }
  try {
    // In a render worker where the plugin is a module and this runs in the server
    // itself: a plugin that crashes fails this check, not the server.
    out.notice =
        worker::renderNoticeIsolated(scheme, *p, scheme.plugin, host.info(scheme.plugin).path, appendices);
  } catch (const plugin::PluginError& e) {
    diags.error("serve.render-failed", {in.path, "", 0, 0, ""}, std::string("插件生成失败：") + e.what(),
                e.english());
    out.text.reset();
  }
  return out;
}

/// Problems listed for one upload: more are no help to a clerk, and the answer,
/// the page and the marked workbook stay small whatever the upload holds.
constexpr std::size_t kMaxListedProblems = 1000;

/// The first kMaxListedProblems, then one error that says how many more there are.
void capListed(CheckOutcome& out, const std::string& path) {
  const auto& all = out.diags.items();
  if (all.size() <= kMaxListedProblems) return;
  diag::Diagnostics kept;
  for (std::size_t i = 0; i < kMaxListedProblems; ++i) kept.add(all[i]);
  const std::string more = std::to_string(all.size() - kMaxListedProblems);
  const std::string total = std::to_string(all.size());
  kept.error("serve.too-many-problems", {path, "", 0, 0, ""},
             "另有 " + more + " 个问题未列出（共 " + total + " 个）",
             "another " + more + " problems are not listed (" + total + " in all)",
             "先改正上面列出的问题，再重新检查", "fix the problems listed above, then check again");
  out.diags = std::move(kept);
}

}  // namespace

CheckOutcome runCheck(plugin::PluginHost& host, const CheckInput& in) {
  CheckOutcome out = checkAll(host, in);
  capListed(out, in.path);
  return out;
}

std::string encodeCheckInput(const CheckInput& input) {
  worker::Encoder e;
  e.text(input.path);
  e.flag(input.workbook);
  e.number(input.maxInflatedBytes);
  e.flag(input.readOnly);
  return e.bytes();
}

CheckInput decodeCheckInput(const std::string& bytes) {
  worker::Decoder d(bytes);
  CheckInput input;
  input.path = d.text();
  input.workbook = d.flag();
  input.maxInflatedBytes = static_cast<std::size_t>(d.number());
  input.readOnly = d.flag();
  return input;
}

std::string encodeCheckOutcome(const CheckOutcome& outcome) {
  worker::Encoder e;
  e.diagnostics(outcome.diags);
  e.flag(outcome.notice.has_value());
  if (outcome.notice) e.notice(*outcome.notice);
  e.flag(outcome.text.has_value());
  if (outcome.text) e.noticeText(*outcome.text);
  e.flag(outcome.readable);
  return e.bytes();
}

CheckOutcome decodeCheckOutcome(const std::string& bytes) {
  worker::Decoder d(bytes);
  CheckOutcome outcome;
  outcome.diags = d.diagnostics();
  if (d.flag()) outcome.notice = d.notice();
  if (d.flag()) outcome.text = d.noticeText();
  outcome.readable = d.flag();
  return outcome;
}

}  // namespace detail

int runCheckWorker(const std::vector<std::string>& args) {
  return worker::serveBounded(args, [](const std::string& input, const worker::MessageSink& /*post*/) {
    plugin::PluginHost host;
    host.discover();
    return detail::encodeCheckOutcome(detail::runCheck(host, detail::decodeCheckInput(input)));
  });
}

}  // namespace bangfu::serve
