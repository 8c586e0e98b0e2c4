// Running a region file: its appendices rendered into doc::, its rules over the
// model. Everything goes through the plugin SDK, so a table described here is
// the same doc model, and so the same bytes, as the compiled plugin's.
#include <algorithm>
#include <cmath>
#include <map>

#include "bangfu/plugin/sdk.hpp"
#include "bangfu/text/names.hpp"
#include "spec.hpp"

namespace bangfu::region {

namespace {

bool hasFlag(const std::vector<std::string>& flags, const std::string& f) {
  return std::find(flags.begin(), flags.end(), f) != flags.end();
}

model::AreaLevel levelNamed(const std::string& n) {
  if (n == "province") return model::AreaLevel::Province;
  if (n == "city") return model::AreaLevel::City;
  if (n == "county") return model::AreaLevel::County;
  if (n == "town") return model::AreaLevel::Town;
  return model::AreaLevel::Village;
}

/// An entity of a collection with its index (for JSON paths) and place.
struct Item {
  const void* entity = nullptr;
  std::size_t index = 0;
  const diag::Location* where = nullptr;
};

std::vector<Item> select(const model::Scheme& s, const RowsSpec& r) {
  std::vector<Item> items;
  switch (r.from) {
    case Collection::Pairings:
      for (std::size_t i = 0; i < s.pairings.size(); ++i)
        if (r.kind.empty() || s.pairings[i].kind == r.kind)
          items.push_back({&s.pairings[i], i, &s.pairings[i].where});
      break;
    case Collection::Areas:
      for (std::size_t i = 0; i < s.areas.size(); ++i) {
        const auto& a = s.areas[i];
        if (!r.level.empty() && a.level != levelNamed(r.level)) continue;
        if (!r.flag.empty() && !hasFlag(a.flags, r.flag)) continue;
        items.push_back({&a, i, &a.where});
      }
      break;
    case Collection::Teams:
      for (std::size_t i = 0; i < s.teams.size(); ++i) items.push_back({&s.teams[i], i, &s.teams[i].where});
      break;
    case Collection::People:
      for (std::size_t i = 0; i < s.people.size(); ++i)
        if (r.role.empty() || hasFlag(s.people[i].roles, r.role))
          items.push_back({&s.people[i], i, &s.people[i].where});
      break;
    case Collection::Units:
      for (std::size_t i = 0; i < s.units.size(); ++i)
        if (r.flag.empty() || s.units[i].hasFlag(r.flag))
          items.push_back({&s.units[i], i, &s.units[i].where});
      break;
  }
  return items;
}

RowContext context(const model::Scheme& s, Type type, const void* item) {
  RowContext row;
  row.scheme = &s;
  row.itemType = type;
  row.item = item;
  row.group = {item};
  return row;
}

/// The rows' order: a stable sort on the key, so equal keys keep entry order.
void sortItems(const model::Scheme& s, const RowsSpec& r, std::vector<Item>& items) {
  if (r.order == RowsSpec::Order::Entered || !r.sortBy) return;
  const Type type = itemType(r.from);
  std::vector<std::pair<std::string, std::size_t>> keyed;
  std::map<std::string, std::size_t> areaRank;
  for (std::size_t i = 0; i < s.areas.size(); ++i) areaRank.emplace(s.areas[i].id, i);
  std::vector<double> numbers(items.size());
  std::vector<std::size_t> ranks(items.size());
  std::vector<std::string> texts(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Value v = evaluate(*r.sortBy, context(s, type, items[i].entity));
    texts[i] = printed(v, s);
    numbers[i] = v.type == Type::Number && !v.absent ? v.number : 0;
    const auto it = areaRank.find(v.text);
    ranks[i] = it == areaRank.end() ? s.areas.size() : it->second;
  }
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (r.order == RowsSpec::Order::Stroke || r.order == RowsSpec::Order::Pinyin) {
    // The text module's collation decides; ties keep entry order.
    std::vector<std::string> distinct = texts;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    distinct =
        r.order == RowsSpec::Order::Stroke ? text::sortByStroke(distinct) : text::sortByPinyin(distinct);
    std::map<std::string, std::size_t> rank;
    for (std::size_t i = 0; i < distinct.size(); ++i) rank.emplace(distinct[i], i);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rank[texts[a]] < rank[texts[b]]; });
  } else if (r.order == RowsSpec::Order::Number) {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return numbers[a] < numbers[b]; });
  } else if (r.order == RowsSpec::Order::Area) {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return ranks[a] < ranks[b]; });
  } else {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return texts[a] < texts[b]; });
  }
  std::vector<Item> sorted;
  sorted.reserve(order.size());
  for (std::size_t i : order) sorted.push_back(items[i]);
  items = std::move(sorted);
}

/// Groups in order of first appearance; an entity value groups by its id.
std::vector<std::vector<const void*>> group(const model::Scheme& s, const RowsSpec& r,
                                            const std::vector<Item>& items) {
  std::vector<std::vector<const void*>> groups;
  if (!r.groupBy) {
    for (const auto& i : items) groups.push_back({i.entity});
    return groups;
  }
  std::vector<std::string> keys;
  const Type type = itemType(r.from);
  for (const auto& i : items) {
    const Value v = evaluate(*r.groupBy, context(s, type, i.entity));
    const std::string key = v.type == Type::Text || v.type == Type::Number ? printed(v, s) : v.text;
    const auto at = std::find(keys.begin(), keys.end(), key);
    if (at == keys.end()) {
      keys.push_back(key);
      groups.push_back({i.entity});
    } else {
      groups[static_cast<std::size_t>(at - keys.begin())].push_back(i.entity);
    }
  }
  return groups;
}

/// Removes from `slice`'s collection the selected items marked in `drop`
/// (items index the original scheme's collection, which `slice` copies).
void keepOnly(model::Scheme& slice, Collection from, const std::vector<Item>& items,
              const std::vector<bool>& drop) {
  std::vector<bool> gone;
  auto filter = [&](auto& list) {
    gone.assign(list.size(), false);
    for (std::size_t i = 0; i < items.size(); ++i)
      if (drop[i]) gone[items[i].index] = true;
    std::size_t k = 0;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (gone[i]) continue;
      if (k != i) list[k] = std::move(list[i]);  // never onto itself: a self-moved string is left empty
      ++k;
    }
    list.resize(k);
  };
  switch (from) {
    case Collection::Pairings:
      filter(slice.pairings);
      break;
    case Collection::Areas:
      filter(slice.areas);
      break;
    case Collection::Teams:
      filter(slice.teams);
      break;
    case Collection::People:
      filter(slice.people);
      break;
    case Collection::Units:
      filter(slice.units);
      break;
  }
}

class RegionPlugin : public plugin::JurisdictionPlugin {
 public:
  explicit RegionPlugin(RegionSpec spec) : spec_(std::move(spec)) {}

  std::vector<plugin::AppendixSpec> appendices() const override {
    std::vector<plugin::AppendixSpec> out;
    for (const auto& a : spec_.appendices) out.push_back(a.spec);
    return out;
  }

  doc::Appendix render(const model::Scheme& s, const model::AppendixRef& ref) const override {
    const AppendixDef* def = nullptr;
    for (const auto& a : spec_.appendices)
      if (a.spec.id == ref.id) def = &a;
    if (!def) throw std::invalid_argument("unknown appendix " + ref.id);
    doc::Appendix a = plugin::appendixFrom(*this, ref);
    for (const auto& b : def->blocks) {
      switch (b.kind) {
        case BlockSpec::Kind::Table:
          a.blocks.emplace_back(table(s, ref, b.table));
          break;
        case BlockSpec::Kind::Notes: {
          auto notes = s.notes.find(ref.id);
          if (notes != s.notes.end() && !notes->second.empty()) {
            doc::Notes n;
            n.items = notes->second;
            a.blocks.emplace_back(std::move(n));
          }
          break;
        }
        case BlockSpec::Kind::Committees: {
          auto blocks = plugin::committeeBlocks(s, spec_.resolve(b.officeLayout, s) == "sentence");
          for (auto& block : blocks) a.blocks.push_back(std::move(block));
          break;
        }
        case BlockSpec::Kind::Paragraph:
          a.blocks.emplace_back(doc::Paragraph::text(spec_.resolve(b.text, s)));
          break;
      }
    }
    return a;
  }

  std::vector<plugin::EntityDocument> entityDocuments(const model::Scheme& s) const override {
    std::vector<plugin::EntityDocument> docs;
    for (const auto& a : spec_.appendices) {
      if (!a.entities) continue;
      const TableSpec* table = nullptr;
      for (const auto& b : a.blocks)
        if (!table && b.kind == BlockSpec::Kind::Table) table = &b.table;
      if (!table) continue;
      const Type type = itemType(table->rows.from);
      const std::vector<Item> items = select(s, table->rows);
      // Entities in the order their first row appears; each row's entity by id.
      std::vector<std::string> ids, labels;
      std::vector<std::string> rowEntity;
      for (const auto& item : items) {
        const Value v = evaluate(a.entities->per, context(s, type, item.entity));
        const std::string id = v.type == Type::Text || v.type == Type::Number ? printed(v, s) : v.text;
        rowEntity.push_back(id);
        if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) {
          ids.push_back(id);
          labels.push_back(printed(v, s));
        }
      }
      for (std::size_t e = 0; e < ids.size(); ++e) {
        std::string title = a.entities->title;
        for (std::size_t p = title.find("{label}"); p != std::string::npos;
             p = title.find("{label}", p + labels[e].size()))
          title.replace(p, 7, labels[e]);
        plugin::EntityDocument d = plugin::entityDocument(s, a.spec.id, a.entities->kind, ids[e], title,
                                                          a.entities->folder, labels[e]);
        // The slice: the scheme as it is, less the other entities' rows of this table.
        model::Scheme slice = s;
        slice.notice = d.slice.notice;
        std::vector<bool> drop(items.size());
        for (std::size_t i = 0; i < items.size(); ++i) drop[i] = rowEntity[i] != ids[e];
        keepOnly(slice, table->rows.from, items, drop);
        d.slice = std::move(slice);
        docs.push_back(std::move(d));
      }
    }
    return docs;
  }

  void validate(const model::Scheme& s, diag::Diagnostics& d) const override {
    for (const auto& r : spec_.rules) check(s, r, d);
    for (const auto& a : spec_.appendices)
      for (const auto& b : a.blocks)
        if (b.kind == BlockSpec::Kind::Table && b.table.total) checkStatedTotals(s, a.spec, b.table, d);
  }

  std::vector<plugin::InputSheetSpec> inputSheets() const override {
    if (spec_.settings.empty()) return {};
    plugin::InputSheetSpec sheet;
    sheet.kind = plugin::InputSheetSpec::Kind::Settings;
    sheet.name = spec_.sheetName;
    sheet.help = spec_.sheetHelp;
    sheet.settings = spec_.settings;
    return {sheet};
  }

 private:
  bool yes(const std::string& settingKey, const model::Scheme& s) const {
    return settingKey.empty() || spec_.resolve({"", settingKey}, s) == "true";
  }

  doc::Table table(const model::Scheme& s, const model::AppendixRef& ref, const TableSpec& t) const {
    std::vector<std::string> headers;
    std::vector<double> widths;
    for (const auto& c : t.columns) {
      headers.push_back(spec_.resolve(c.header, s));
      widths.push_back(c.width);
    }
    doc::Table out = plugin::headedTable(ref.title, headers, widths);
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (t.columns[i].columnAlign) out.columns[i].align = *t.columns[i].columnAlign;
      out.columns[i].numeric = t.columns[i].numeric;
    }
    std::vector<Item> items = select(s, t.rows);
    sortItems(s, t.rows, items);
    const auto groups = group(s, t.rows, items);
    const Type type = itemType(t.rows.from);
    std::vector<double> sums(t.columns.size(), 0);
    std::vector<bool> anyNumber(t.columns.size(), false);
    // Per merged column: the row holding the open cell, its slot in that row, its text.
    struct Open {
      std::size_t row = 0, slot = 0;
      std::string text;
      bool open = false;
    };
    std::vector<Open> open(t.columns.size());
    for (std::size_t g = 0; g < groups.size(); ++g) {
      doc::Row row;
      // Merges nest: once a merged column starts a new cell, the merged columns to
      // its right start new cells too (a town's cell never runs into another county).
      bool leftBroke = false;
      for (std::size_t c = 0; c < t.columns.size(); ++c) {
        const ColumnSpec& col = t.columns[c];
        RowContext ctx = context(s, type, groups[g].front());
        ctx.group = groups[g];
        ctx.sequence = g + 1;
        ctx.boldFlag = yes(col.boldSetting, s) ? col.boldFlag : std::string();
        const Value v = evaluate(col.value, ctx);
        doc::Cell cell;
        if (v.type == Type::Number && !v.absent) {
          cell = doc::Cell::num(v.number);
          sums[c] += v.number;
          anyNumber[c] = true;
        } else if (v.type == Type::Runs && !v.absent) {
          cell = doc::Cell::runs(v.runs, col.align);
        } else if ((v.type == Type::Number || v.type == Type::Runs || v.type == Type::Member) && v.absent) {
          cell = doc::Cell::text("");
        } else {
          cell = doc::Cell::text(printed(v, s), col.align);
        }
        if (col.merge && yes(col.mergeSetting, s)) {
          const std::string shown = cell.plainText();
          if (!leftBroke && open[c].open && open[c].text == shown) {
            ++out.rows[open[c].row].cells[open[c].slot].rowSpan;
            continue;  // covered by the merged cell above
          }
          open[c] = {out.rows.size(), row.cells.size(), shown, true};
          leftBroke = true;
        }
        row.cells.push_back(std::move(cell));
      }
      out.rows.push_back(std::move(row));
    }
    if (t.total) {
      std::vector<plugin::TotalFigure> figures;
      for (const auto& sum : t.total->sums) {
        if (sum.column >= sums.size() || !anyNumber[sum.column])
          continue;  // an empty column totals to an empty cell
        std::optional<double> stated;
        if (!sum.stated.empty())
          if (auto v = s.statedValue(sum.stated)) stated = static_cast<double>(*v);
        figures.push_back({sum.column, sums[sum.column], stated});
      }
      out.rows.push_back(plugin::totalRow(out, t.total->labelColumn, figures, t.total->label));
    }
    return out;
  }

  /// A 合计 whose stated figure differs from the rows' sum prints the stated figure
  /// (totalRow); the office is told here, at the stated figure's place.
  static void checkStatedTotals(const model::Scheme& s, const plugin::AppendixSpec& app, const TableSpec& t,
                                diag::Diagnostics& d) {
    const std::vector<Item> items = select(s, t.rows);
    const auto groups = group(s, t.rows, items);
    const Type type = itemType(t.rows.from);
    for (const auto& sum : t.total->sums) {
      if (sum.stated.empty() || sum.column >= t.columns.size()) continue;
      const auto stated = s.statedValue(sum.stated);
      if (!stated) continue;
      double total = 0;
      for (std::size_t g = 0; g < groups.size(); ++g) {
        RowContext ctx = context(s, type, groups[g].front());
        ctx.group = groups[g];
        ctx.sequence = g + 1;
        const Value v = evaluate(t.columns[sum.column].value, ctx);
        if (v.type == Type::Number && !v.absent) total += v.number;
      }
      if (std::fabs(total - static_cast<double>(*stated)) < 1e-9) continue;
      diag::Location where;
      for (std::size_t i = 0; i < s.stated.size(); ++i)
        if (s.stated[i].key == sum.stated) {
          where = s.stated[i].where;
          if (where.field.empty()) where.field = "stated[" + std::to_string(i) + "]";
        }
      if (where.file.empty()) where.file = s.file;
      // The core's rule already compared this figure (total.groups over teams …): once is enough.
      const bool told = std::any_of(d.items().begin(), d.items().end(), [&](const diag::Diagnostic& x) {
        return x.code == "stated.mismatch" && x.where.field == where.field && x.where.row == where.row;
      });
      if (told) continue;
      const std::string computed = doc::Cell::num(total).plainText();
      const std::string col = spec_header(t.columns[sum.column]);
      d.warning("stated.mismatch", where,
                app.label + " 合计“" + col + "”写为" + std::to_string(*stated) + "，各行之和为" + computed +
                    "；表中印的是所写的数字",
                app.label + " total '" + col + "' is stated as " + std::to_string(*stated) +
                    " but the rows add up to " + computed + "; the table prints the stated figure",
                "核对原文数字与各行数据；若原文如此，保留并在说明中注明",
                "check the published figure against the rows; if the original says so, keep it and say so in "
                "a note");
    }
  }

  static std::string spec_header(const ColumnSpec& c) {
    return c.header.setting.empty() ? c.header.text : c.header.setting;
  }

  static std::string fill(const MessageTemplate& m, const RowContext& row) {
    std::string out = m.text;
    for (const auto& [source, e] : m.parts) {
      const std::string placeholder = "{" + source + "}";
      const std::string value = printed(evaluate(e, row), *row.scheme);
      for (std::size_t p = out.find(placeholder); p != std::string::npos;
           p = out.find(placeholder, p + value.size()))
        out.replace(p, placeholder.size(), value);
    }
    return out;
  }

  static const char* collectionKey(Collection c) {
    switch (c) {
      case Collection::Pairings:
        return "pairings";
      case Collection::Areas:
        return "areas";
      case Collection::Teams:
        return "teams";
      case Collection::People:
        return "people";
      case Collection::Units:
        return "units";
    }
    return "";
  }

  void check(const model::Scheme& s, const RuleSpec& r, diag::Diagnostics& d) const {
    const std::vector<Item> items = select(s, r.each);
    auto report = [&](diag::Location where, const RowContext& row) {
      const std::string zh = fill(r.zh, row), en = fill(r.en, row);
      if (r.severity == diag::Severity::Error)
        d.error(r.code, std::move(where), zh, en, r.fix);
      else
        d.warning(r.code, std::move(where), zh, en, r.fix);
    };
    if (r.kind == RuleSpec::Kind::CountIsStated) {
      const auto stated = s.statedValue(r.stated);
      if (!stated || *stated == static_cast<long long>(items.size())) return;
      diag::Location where;
      for (const auto& f : s.stated)
        if (f.key == r.stated) where = f.where;
      if (where.file.empty()) where.file = s.file;
      if (where.field.empty()) where.field = "stated." + r.stated;
      RowContext row = context(s, Type::Any, nullptr);
      row.sequence = items.size();
      report(where, row);
      return;
    }
    const Type type = itemType(r.each.from);
    for (const auto& item : items) {
      const RowContext row = context(s, type, item.entity);
      const Value v = evaluate(r.subject, row);
      bool bad = false;
      switch (r.kind) {
        case RuleSpec::Kind::Has:
          bad = v.absent;
          break;
        case RuleSpec::Kind::In:
          bad = !v.absent && std::find(r.among.begin(), r.among.end(), printed(v, s)) == r.among.end();
          break;
        case RuleSpec::Kind::Equals: {
          const Value other = evaluate(r.equals, row);
          bad = !v.absent && !other.absent && printed(v, s) != printed(other, s);
          break;
        }
        case RuleSpec::Kind::CountIsStated:
          break;
      }
      if (!bad) continue;
      diag::Location where = *item.where;
      if (where.file.empty()) where.file = s.file;
      if (where.field.empty())
        where.field = std::string(collectionKey(r.each.from)) + "[" + std::to_string(item.index) + "]";
      if (!r.at.empty() && where.sheet.empty())
        where.field += "." + r.at;  // a JSON path; a workbook names its cell
      report(where, row);
    }
  }

  RegionSpec spec_;
};

}  // namespace

std::unique_ptr<plugin::JurisdictionPlugin> makeRegionPlugin(RegionSpec spec) {
  return std::make_unique<RegionPlugin>(std::move(spec));
}

}  // namespace bangfu::region
