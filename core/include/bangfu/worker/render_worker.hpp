#pragma once
/// Running a plugin module's render in a worker process (docs/security.md
/// "Plugins"): a plugin that crashes, aborts or is killed while rendering is
/// reported as that plugin's failure, naming the appendix and the signal, and
/// bangfu itself goes on (a batch build with its other schemes). The worker is
/// bangfu's own binary started afresh (posix_spawn, never a bare fork of a
/// threaded process); it checks the module's metadata, loads it, renders and sends
/// the doc model back. One worker per rendering thread is kept for the next render.
#include <string>
#include <vector>

#include "bangfu/doc/document.hpp"
#include "bangfu/model/scheme.hpp"
#include "bangfu/plugin/plugin.hpp"

namespace bangfu::worker {

/// The hidden subcommand that runs the worker loop (`bangfu __render-worker`).
inline constexpr const char* kWorkerCommand = "__render-worker";
/// The worker talks on this descriptor; its stdout goes to stderr so that a
/// plugin's prints cannot break the protocol.
inline constexpr int kWorkerFd = 3;

/// The executable to start as the worker (the CLI names its own binary at
/// start-up). While none is set, renders run in-process (tests, library use).
void setWorkerExecutable(std::string path);
[[nodiscard]] bool isolationEnabled();
/// The executable set by setWorkerExecutable; empty while none is.
[[nodiscard]] std::string workerExecutable();

/// As plugin::renderNotice, with `plugin`'s render run in a worker when the
/// plugin came from a module file (`modulePath`) and isolation is enabled. A
/// crash or a broken worker becomes PluginError(RenderFailed) naming the plugin,
/// the appendix and the signal.
doc::Notice renderNoticeIsolated(const model::Scheme& scheme, const plugin::JurisdictionPlugin& plugin,
                                 const std::string& pluginId, const std::string& modulePath,
                                 const std::vector<model::AppendixRef>& appendices);

/// The worker's loop on kWorkerFd: one render per request until the stream ends.
/// Returns the process exit status.
int runRenderWorker();

}  // namespace bangfu::worker
