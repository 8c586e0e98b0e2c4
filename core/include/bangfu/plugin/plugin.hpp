#pragma once
/// The plugin interface: what a region's plugin can render, its own validation
/// rules, and rendering into the document model. A plugin never writes XML or
/// files, and no Poco, pugixml or libxlsxwriter type crosses this boundary.
/// See docs/plugin-guide.md.
#include <memory>
#include <string>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/doc/document.hpp"
#include "bangfu/model/scheme.hpp"
#include "bangfu/plugin/abi.hpp"
#include "bangfu/plugin/input_sheet.hpp"
#include "bangfu/version.hpp"

namespace bangfu::plugin {

/// One appendix a plugin can render.
struct AppendixSpec {
  std::string id;     ///< stable id used in scheme.notice.appendices[].id
  std::string label;  ///< default label, 附件1
  std::string title;  ///< default title
  doc::Orientation orientation = doc::Orientation::Portrait;
};

/// A per-entity document (one per county, unit or work group): one of the
/// plugin's appendices rendered over a slice of the scheme that holds only what
/// this entity's document depends on. The batch build hashes the slice, so a
/// change elsewhere in the scheme does not regenerate this document.
struct EntityDocument {
  std::string appendixId;  ///< which appendix to render over the slice
  std::string entityKind;  ///< county, unit, team …
  std::string entityId;
  std::string title;     ///< printed title, e.g. 莲都区帮扶团组安排表
  std::string fileStem;  ///< output name without extension, e.g. 团组/莲都区
  model::Scheme slice;
};

class JurisdictionPlugin {
 public:
  virtual ~JurisdictionPlugin();  // out of line in the core library (one vtable owner)

  /// The appendices this plugin renders, in their usual order.
  [[nodiscard]] virtual std::vector<AppendixSpec> appendices() const = 0;

  /// Region rules on top of the core rules (validate::validateScheme has already run).
  virtual void validate(const model::Scheme& scheme, diag::Diagnostics& diags) const;

  /// Builds one appendix. `ref` carries the label and title to print (from the
  /// scheme, else the AppendixSpec defaults). Throws std::exception on failure;
  /// the host names the plugin and the appendix and writes nothing.
  [[nodiscard]] virtual doc::Appendix render(const model::Scheme& scheme,
                                             const model::AppendixRef& ref) const = 0;

  /// The per-entity documents this plugin offers for `scheme` (none by default).
  [[nodiscard]] virtual std::vector<EntityDocument> entityDocuments(const model::Scheme& scheme) const;

  /// The sheets `bangfu init` adds after 选项 for this region (none by default):
  /// friendly views of the options the plugin reads (bangfu/plugin/input_sheet.hpp).
  /// Must not depend on a scheme; the core checks option values against the
  /// choices declared here for JSON schemes too (code option.bad-value).
  [[nodiscard]] virtual std::vector<InputSheetSpec> inputSheets() const;
};

}  // namespace bangfu::plugin

#if defined(BANGFU_PLUGIN_STATIC)
/// Static build (tests): no exported symbols, so several plugins link into one binary.
#define BANGFU_PLUGIN(Class, Id, Version, Region)
#else
#include <Poco/ClassLibrary.h>
/// Declares a plugin module: the metadata record the host reads from the file
/// before loading it, and the Poco manifest that creates the plugin object. Use
/// once per plugin.
#define BANGFU_PLUGIN(Class, Id, Version, Region)                         \
  BANGFU_PLUGIN_METADATA(BANGFU_PLUGIN_ABI_VERSION, Id, Version, Region); \
  POCO_BEGIN_MANIFEST(bangfu::plugin::JurisdictionPlugin)                 \
  POCO_EXPORT_CLASS(Class)                                                \
  POCO_END_MANIFEST
#endif
