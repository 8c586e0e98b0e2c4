#pragma once
/// Region files (docs/region-files.md): a jurisdiction's appendices and rules
/// described in `ID.region.json` instead of C++. A region file is read as
/// untrusted input (every problem located by its JSON path, with the nearest
/// real name as the fix), then runs as an ordinary JurisdictionPlugin: the host
/// finds it on the plugin search path next to the .so modules, and `plugins`,
/// `check`, `render`, `build`, `init` and `diff` treat it as a compiled one.
///
/// The language is small on purpose: rows from one model collection with a
/// filter, grouping, a sort; columns from field paths and a fixed set of
/// formatters; 合计, 说明 and committee name lists; rules of four shapes. It
/// cannot read or write files and has no loops or user functions.
#include <memory>
#include <string>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/plugin/plugin.hpp"

namespace bangfu::region {

/// The file name a region file must have: ID.region.json.
inline constexpr const char* kRegionSuffix = ".region.json";
/// The format version this bangfu reads ("bangfuRegion": 1).
inline constexpr int kRegionFormatVersion = 1;

struct RegionInfo {
  std::string id;
  std::string region;
  std::string version;
};

/// A region file read and checked. Null plugin when `diags` has errors.
struct LoadedRegion {
  RegionInfo info;
  std::unique_ptr<plugin::JurisdictionPlugin> plugin;
};

/// Reads and checks `path`; every problem goes to `diags` (file + JSON path).
/// Never throws for bad content; an unreadable file is diagnosed too.
LoadedRegion loadRegionFile(const std::string& path, diag::Diagnostics& diags);

/// The same from text (tests, `bangfu serve` uploads): `file` names it in diagnostics.
LoadedRegion parseRegion(const std::string& text, const std::string& file, diag::Diagnostics& diags);

/// The commented scaffold `bangfu new-region ID --region NAME` writes: a region
/// file and an example scheme that renders with it.
std::string scaffoldRegionFile(const std::string& id, const std::string& region);
std::string scaffoldExampleScheme(const std::string& id, const std::string& region);

}  // namespace bangfu::region
