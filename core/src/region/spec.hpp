#pragma once
// A region file as read and checked (docs/region-files.md): what parse.cpp
// builds and region_plugin.cpp runs. Nothing here touches files.
#include <optional>
#include <string>
#include <vector>

#include "bangfu/plugin/input_sheet.hpp"
#include "bangfu/plugin/plugin.hpp"
#include "bangfu/region/region.hpp"
#include "expr.hpp"

namespace bangfu::region {

/// Which entities become rows (or are checked by a rule), and how they are ordered.
struct RowsSpec {
  Collection from = Collection::Pairings;
  std::string kind;             ///< pairings: the pairing kind
  std::string level;            ///< areas: the level
  std::string flag;             ///< areas, units: a flag the entity carries
  std::string role;             ///< people: a role the person has
  std::optional<Expr> groupBy;  ///< one row per distinct value, in order of first appearance
  enum class Order { Entered, Stroke, Pinyin, Text, Number, Area };
  Order order = Order::Entered;
  std::optional<Expr> sortBy;  ///< the key of `order` (not Entered)
};

/// A text printed as is, or the value of a declared setting (with its default).
struct TextSource {
  std::string text;
  std::string setting;  ///< key of a declared setting, or empty
};

struct ColumnSpec {
  TextSource header;
  Expr value;
  double width = 1;
  doc::Align align = doc::Align::Center;  ///< of the body cells
  std::optional<doc::Align> columnAlign;  ///< of the column (default 居中)
  bool numeric = false;
  bool merge = false;        ///< equal consecutive values become one merged cell
  std::string mergeSetting;  ///< …only when this yes/no setting is "true"
  std::string boldFlag;      ///< units with this flag print in 黑体 (memberList, member)
  std::string boldSetting;   ///< …only when this yes/no setting is "true"
};

struct TotalSpec {
  std::string label = "合计";
  std::size_t labelColumn = 0;
  struct Sum {
    std::size_t column = 0;
    std::string stated;  ///< scheme.stated key of the published figure, or empty
  };
  std::vector<Sum> sums;
};

struct TableSpec {
  RowsSpec rows;
  std::vector<ColumnSpec> columns;
  std::optional<TotalSpec> total;
};

struct BlockSpec {
  enum class Kind { Table, Notes, Committees, Paragraph };
  Kind kind = Kind::Table;
  TableSpec table;
  TextSource text;          ///< Paragraph
  TextSource officeLayout;  ///< Committees: "sentence" or "list"
};

/// One document per entity (`bangfu build`): the appendix over a slice holding
/// only the rows of its first table whose `per` value is that entity.
struct EntitiesSpec {
  Expr per;            ///< on the table's rows: the entity a row belongs to (a county)
  std::string kind;    ///< county, street, unit …
  std::string folder;  ///< the output folder of these documents
  std::string title;   ///< the printed title; {label} is the entity's label
};

struct AppendixDef {
  plugin::AppendixSpec spec;
  std::vector<BlockSpec> blocks;
  std::optional<EntitiesSpec> entities;
};

/// A message with {value} placeholders, each a value evaluated on the entity.
struct MessageTemplate {
  std::string text;
  std::vector<std::pair<std::string, Expr>> parts;  ///< placeholder source → value
};

struct RuleSpec {
  enum class Kind { Has, In, Equals, CountIsStated };
  Kind kind = Kind::Has;
  std::string code;
  diag::Severity severity = diag::Severity::Error;
  RowsSpec each;
  Expr subject;                    ///< Has, In: the value; Equals: the left side
  std::vector<std::string> among;  ///< In
  Expr equals;                     ///< Equals: the right side
  std::string stated;              ///< CountIsStated: the stated figure's key
  std::string at;                  ///< the field named in the place (teams[2].statedInstructors)
  MessageTemplate zh, en;
  std::string fix;
  std::string jsonPath;  ///< where the rule is in the region file
};

struct RegionSpec {
  RegionInfo info;
  std::string file;
  std::vector<plugin::InputSetting> settings;
  std::string sheetName = "附件设置";
  std::string sheetHelp;
  std::vector<AppendixDef> appendices;
  std::vector<RuleSpec> rules;

  [[nodiscard]] const plugin::InputSetting* setting(const std::string& key) const;
  [[nodiscard]] std::string resolve(const TextSource& t, const model::Scheme& s) const;
};

/// The plugin that runs a checked spec.
std::unique_ptr<plugin::JurisdictionPlugin> makeRegionPlugin(RegionSpec spec);

}  // namespace bangfu::region
