#pragma once
/// The help of every command, in Chinese (default) and English (LANG=en_*): the
/// one text that `bangfu --help`, `bangfu CMD --help` and the man page bangfu.1
/// are printed from. The options themselves come from each command's
/// Poco::Util::OptionSet (parseArgs throws HelpRequested with it), so an option a
/// command gains shows up in its help; its description and default live here.
#include <Poco/Util/OptionSet.h>

#include <ostream>
#include <string>
#include <vector>

namespace bangfu::cli {

/// A command as the help sees it: its name, usage line and options.
struct CommandRef {
  std::string name;
  std::string synopsis;
  Poco::Util::OptionSet options;
};

/// `bangfu CMD --help`: what it does, usage, every option with its argument and
/// default, an example.
void printCommandHelp(std::ostream& out, const CommandRef& command, bool english);

/// `bangfu --help`: every command with its one-line summary and usage.
void printOverview(std::ostream& out, const std::vector<CommandRef>& commands, bool english);

/// bangfu.1 in man(7) roff, from the same text as the help.
void printManPage(std::ostream& out, const std::vector<CommandRef>& commands, bool english);

/// The line printed for a written output (render, table, diff, new-plugin):
/// `已写入 PATH` / `wrote PATH`, and `未变 PATH` when the bytes were already there.
std::string writtenLine(const std::string& path, bool changed, bool english);

}  // namespace bangfu::cli
