#pragma once
/// The format-neutral document model (design.md "Document"). Plugins and
/// `bangfu table` build it; the DOCX, XLSX and PDF writers read it. Writers never
/// see the input, and plugins never see XML.
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace bangfu::doc {

/// Faces by role, resolved by the writers to the GB/T 9704 names
/// (仿宋_GB2312, 黑体, 楷体_GB2312, 宋体, 方正小标宋简体) or a reference style's.
enum class Face { Inherit, Fang, Hei, Kai, Song, Title };

enum class Align { Inherit, Left, Center, Right, Justify, Distribute };

enum class Orientation { Portrait, Landscape };

/// A run of text with one face. Lishui marks 指导员派出单位 in 黑体 inside a cell,
/// so a cell or paragraph is a sequence of runs.
struct Run {
  std::string text;
  Face face = Face::Inherit;
  bool bold = false;
};

enum class ParagraphRole {
  Body,      ///< 3号仿宋, first line indented two 字 (GB/T 9704 7.3.3)
  Plain,     ///< 3号仿宋, no indent (intro lines, name lists)
  Heading1,  ///< 一、 黑体
  Heading2,  ///< （一） 楷体
};

struct Paragraph {
  std::vector<Run> runs;
  ParagraphRole role = ParagraphRole::Body;
  Align align = Align::Inherit;

  static Paragraph text(std::string s, ParagraphRole role = ParagraphRole::Body);
  [[nodiscard]] std::string plainText() const;
};

/// A table cell. Cells are listed HTML-style: a row lists only the cells that
/// start in it; a cell with rowSpan/colSpan > 1 covers the slots below/right.
/// A cell may hold several lines (paragraphs); the usual case is one.
struct Cell {
  std::vector<Paragraph> lines;
  int rowSpan = 1;
  int colSpan = 1;
  Align align = Align::Inherit;
  /// Set for numeric cells: the value (XLSX writes a number, DOCX its text).
  std::optional<double> number;
  /// With `number`: the format code it was shown in (ECMA-376 §18.8.31, e.g.
  /// "0.00%"), the XLSX writer's number format, so the sheet shows the text the
  /// cell holds and the value stays a number. Empty: General.
  std::string numberFormat;
  /// The 合计 of this column over the table's body rows. XLSX writes
  /// =SUM(range) with `number` as the cached result.
  bool columnTotal = false;

  static Cell text(std::string s, Align align = Align::Inherit);
  static Cell num(double v);
  static Cell runs(std::vector<Run> runs, Align align = Align::Inherit);
  [[nodiscard]] std::string plainText() const;  ///< lines joined by '\n'
};

enum class RowKind { Header, Body, Total };

struct Row {
  std::vector<Cell> cells;
  RowKind kind = RowKind::Body;
};

struct Column {
  std::string key;    ///< stable id for tests
  double weight = 1;  ///< relative width; writers scale to the 版心
  Align align = Align::Center;
  bool numeric = false;
};

struct Table {
  std::string name;  ///< sheet name in XLSX (checked and shortened by the writer)
  std::vector<Column> columns;
  std::vector<Row> rows;  ///< header rows first (contiguous), then body, then total
  /// Font size in half-points for the table body; 0 = writer default (小四/四号).
  int fontHalfPoints = 0;

  [[nodiscard]] std::size_t headerRowCount() const;
};

/// A leading-group list laid out the official way: role labels equalised
/// (组　　长：) and two-character names padded (王　峰). Names are raw here;
/// the writers call bangfu::text for the layout.
struct NameList {
  struct Entry {
    std::string role;                ///< 组长, 副组长, 成员 …
    std::vector<std::string> names;  ///< raw names, in the order to print
  };
  std::vector<Entry> entries;
  int namesPerLine = 4;
};

/// 说明：1.… 2.…
struct Notes {
  std::string heading = "说明：";
  std::vector<std::string> items;  ///< without the numbers

  /// Item i as printed: 1.… 2.… when there are several, the bare text when there is
  /// one (说明：…, not 说明：1.…; issue 16). Both writers print it so.
  [[nodiscard]] std::string printedItem(std::size_t i) const {
    return items.size() == 1 ? items[i] : std::to_string(i + 1) + "." + items[i];
  }
};

using Block = std::variant<Paragraph, Table, NameList, Notes>;

struct Appendix {
  std::string id;     ///< plugin's appendix id
  std::string label;  ///< 附件1 (may be just 附件)
  std::string title;  ///< may contain '\n' for the caller's line breaks (GB/T 9704 7.3.1)
  Orientation orientation = Orientation::Portrait;
  std::vector<Block> blocks;
  std::string fileStem;  ///< for --split: 附件1-市级领导结对帮扶方案
};

struct Notice {
  std::string docNumber;  ///< for the detached-appendix form (GB/T 9704 7.3.7)
  std::string date;       ///< 成文日期, 2019年5月30日: source of docProps dates
  std::string title;
  std::string issuer;
  std::vector<Appendix> appendices;
  bool fictional = false;
};

}  // namespace bangfu::doc
