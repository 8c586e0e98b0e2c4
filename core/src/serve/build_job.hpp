#pragma once
// The project build the page starts (private to serve): batch::build with its
// progress as server-sent events. The server runs it in a worker process with the
// build's budget (bangfu/worker/bounded.hpp), streaming the worker's events on to
// the page; without a worker executable (unit tests, library use) in-process.
#include <functional>
#include <string>

#include "bangfu/plugin/host.hpp"

namespace bangfu::serve::detail {

/// One server-sent event: `event: NAME`, `data: JSON`, a blank line.
std::string sseEvent(const std::string& name, const std::string& json);

/// Builds the project in `dir` (the caller holds its ProjectLock): each
/// output's `progress` event goes to `post` as it is done; returns the last
/// event, `summary` (the report) or `failed` (an unreadable project file).
/// Throws for internal failures (std::exception). `host` is discovered already.
std::string buildEvents(const std::string& dir, bool english, plugin::PluginHost& host,
                        const std::function<void(const std::string&)>& post);

std::string encodeBuildInput(const std::string& dir, bool english);

}  // namespace bangfu::serve::detail
