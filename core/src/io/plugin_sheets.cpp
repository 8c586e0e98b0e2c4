// The plugin sheets of the input workbook as text (docs/workbook.md "Plugin
// sheets"): their rows from a scheme's options, and the hidden definition sheet.
#include "io/plugin_sheets.hpp"

#include <map>
#include <stdexcept>

namespace bangfu::io::plugin_sheets {

namespace {

using plugin::InputChoice;
using plugin::InputSheetSpec;

constexpr const char* kSeparator = "、";
constexpr const char* kSettingsKind = "设置";
constexpr const char* kRecordsKind = "记录";
// Excel's limits: a sheet name has at most 31 characters and none of []:*?/\;
// a list validation's values, joined by commas, at most 255 characters.
constexpr std::size_t kMaxSheetName = 31;
constexpr std::size_t kMaxListChars = 255;

// The definition sheet's columns.
constexpr const char* kDefSheet = "表";
constexpr const char* kDefKind = "类型";
constexpr const char* kDefHeader = "表头";
constexpr const char* kDefKey = "键";
constexpr const char* kDefField = "字段";
constexpr const char* kDefLabels = "可选值";
constexpr const char* kDefValues = "取值";

/// Code points of valid UTF-8: the bytes that do not continue a sequence.
std::size_t codePoints(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string join(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : kSeparator) + i;
  return s;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  const std::string sep = kSeparator;
  std::size_t pos = 0;
  while (true) {
    const std::size_t next = text.find(sep, pos);
    out.push_back(text.substr(pos, next == std::string::npos ? std::string::npos : next - pos));
    if (next == std::string::npos) break;
    pos = next + sep.size();
  }
  return out;
}

[[noreturn]] void bad(const InputSheetSpec& spec, const std::string& what) {
  throw std::invalid_argument("plugin sheet '" + spec.name + "': " + what);
}

void checkChoices(const InputSheetSpec& spec, const std::vector<InputChoice>& choices,
                  const std::string& where) {
  std::size_t chars = 0;
  std::set<std::string> seen;
  for (const auto& c : choices) {
    for (const std::string* s : {&c.value, &c.label}) {
      if (s->find(kSeparator) != std::string::npos || s->find(',') != std::string::npos || trimCell(*s) != *s)
        bad(spec, where + ": the choice '" + *s + "' has 、, a comma or edge spaces");
    }
    if (c.value.empty()) bad(spec, where + ": a choice without a value");
    if (!seen.insert(c.shown()).second || (c.shown() != c.value && !seen.insert(c.value).second))
      bad(spec, where + ": the choice '" + c.shown() + "' repeats");
    chars += codePoints(c.shown()) + 1;
  }
  if (chars > kMaxListChars + 1) bad(spec, where + ": the drop-down list is longer than 255 characters");
}

bool validField(const std::string& f) {
  if (f.empty()) return false;
  for (char c : f)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

/// A value a cell gives back unchanged: not empty, no edge spaces, one of the choices.
bool cellSafe(const std::string& value, const std::vector<InputChoice>& choices) {
  if (value.empty() || trimCell(value) != value) return false;
  if (choices.empty()) return true;
  for (const auto& c : choices)
    if (c.value == value) return true;
  return false;
}

}  // namespace

std::string trimCell(const std::string& s) {
  std::string t = s;
  const char* ws = " \t\r\n";
  t.erase(0, t.find_first_not_of(ws));
  t.erase(t.find_last_not_of(ws) + 1);
  while (t.rfind("\u3000", 0) == 0) t.erase(0, 3);
  while (t.size() >= 3 && t.compare(t.size() - 3, 3, "\u3000") == 0) t.erase(t.size() - 3);
  return t;
}

void checkSpecs(const std::vector<InputSheetSpec>& specs, const std::vector<std::string>& taken) {
  std::set<std::string> names(taken.begin(), taken.end());
  names.insert(kDefinitionSheet);
  std::set<std::string> keys;
  for (const auto& spec : specs) {
    if (spec.name.empty() || codePoints(spec.name) > kMaxSheetName ||
        spec.name.find_first_of("[]:*?/\\'") != std::string::npos)
      bad(spec, "the name must have 1 to 31 characters and none of []:*?/\\'");
    if (!names.insert(spec.name).second) bad(spec, "the name is taken by another sheet");
    if (spec.kind == InputSheetSpec::Kind::Settings) {
      if (spec.settings.empty()) bad(spec, "a settings sheet without settings");
      std::set<std::string> labels;
      for (const auto& s : spec.settings) {
        if (s.label.empty() || s.key.empty()) bad(spec, "a setting without a label or key");
        if (!labels.insert(s.label).second) bad(spec, "the label '" + s.label + "' repeats");
        if (!keys.insert(s.key).second) bad(spec, "the option '" + s.key + "' is held by two rows");
        checkChoices(spec, s.choices, s.label);
        if (!s.choices.empty() && !cellSafe(s.fallback, s.choices))
          bad(spec, s.label + ": the default '" + s.fallback + "' is not one of the choices");
      }
    } else {
      if (spec.prefix.empty() || spec.columns.empty())
        bad(spec, "a records sheet without a prefix or columns");
      if (!keys.insert(spec.prefix + ".").second) bad(spec, "the prefix '" + spec.prefix + "' repeats");
      std::set<std::string> headers, fields;
      for (const auto& c : spec.columns) {
        if (c.header.empty() || !headers.insert(c.header).second) bad(spec, "an empty or repeated header");
        if (!validField(c.field) || !fields.insert(c.field).second)
          bad(spec, c.header + ": the field '" + c.field + "' is not [a-z0-9-] or repeats");
        checkChoices(spec, c.choices, c.header);
      }
      for (const auto& row : spec.defaults) {
        if (row.size() != spec.columns.size()) bad(spec, "a default record without one value per column");
        for (std::size_t k = 0; k < row.size(); ++k)
          if (!row[k].empty() && !cellSafe(row[k], spec.columns[k].choices))
            bad(spec, spec.columns[k].header + ": the default '" + row[k] + "' is not one of the choices");
      }
    }
  }
}

const InputChoice* findChoice(const std::vector<InputChoice>& choices, const std::string& text) {
  for (const auto& c : choices)
    if (c.shown() == text) return &c;
  for (const auto& c : choices)
    if (c.value == text) return &c;
  return nullptr;
}

std::string shown(const std::vector<InputChoice>& choices, const std::string& value) {
  for (const auto& c : choices)
    if (c.value == value) return c.shown();
  return value;
}

std::vector<std::string> labels(const std::vector<InputChoice>& choices) {
  std::vector<std::string> out;
  out.reserve(choices.size());
  for (const auto& c : choices) out.push_back(c.shown());
  return out;
}

SheetRows rowsOf(const InputSheetSpec& spec, const model::Scheme* from) {
  SheetRows out;
  if (spec.kind == InputSheetSpec::Kind::Settings) {
    for (const auto& s : spec.settings) {
      std::string value;
      if (!from) {
        value = shown(s.choices, s.fallback);
      } else if (auto it = from->options.find(s.key);
                 it != from->options.end() && cellSafe(it->second, s.choices)) {
        value = shown(s.choices, it->second);
        out.owned.insert(s.key);
      }
      out.rows.push_back({s.label, value, shown(s.choices, s.fallback), s.help});
    }
    return out;
  }
  if (!from) {
    for (const auto& d : spec.defaults) {
      std::vector<std::string> row;
      for (std::size_t k = 0; k < spec.columns.size(); ++k)
        row.push_back(shown(spec.columns[k].choices, d[k]));
      out.rows.push_back(std::move(row));
    }
    return out;
  }
  // Records 1, 2, … while they last: a gap ends the sheet, and what follows stays
  // on 选项 (reading renumbers rows from 1, so a gap could not come back).
  for (int n = 1;; ++n) {
    std::vector<std::string> row(spec.columns.size());
    bool any = false;
    for (std::size_t k = 0; k < spec.columns.size(); ++k) {
      const std::string key = plugin::recordKey(spec.prefix, n, spec.columns[k].field);
      auto it = from->options.find(key);
      if (it == from->options.end() || !cellSafe(it->second, spec.columns[k].choices)) continue;
      row[k] = shown(spec.columns[k].choices, it->second);
      out.owned.insert(key);
      any = true;
    }
    if (!any) break;
    out.rows.push_back(std::move(row));
  }
  return out;
}

std::vector<std::string> definitionHeader() {
  return {kDefSheet, kDefKind, kDefHeader, kDefKey, kDefField, kDefLabels, kDefValues};
}

std::vector<std::vector<std::string>> definitionRows(const std::vector<InputSheetSpec>& specs) {
  std::vector<std::vector<std::string>> rows;
  auto values = [](const std::vector<InputChoice>& choices) {
    std::vector<std::string> v;
    v.reserve(choices.size());
    for (const auto& c : choices) v.push_back(c.value);
    return join(v);
  };
  for (const auto& spec : specs) {
    if (spec.kind == InputSheetSpec::Kind::Settings) {
      for (const auto& s : spec.settings)
        rows.push_back(
            {spec.name, kSettingsKind, s.label, s.key, "", join(labels(s.choices)), values(s.choices)});
    } else {
      for (const auto& c : spec.columns)
        rows.push_back({spec.name, kRecordsKind, c.header, spec.prefix, c.field, join(labels(c.choices)),
                        values(c.choices)});
    }
  }
  return rows;
}

std::vector<InputSheetSpec> readDefinitions(const Sheet& sheet, diag::Diagnostics& diags) {
  const auto header = definitionHeader();
  std::vector<int> col(header.size(), 0);
  for (int c = 1; c <= sheet.columnCount(); ++c)
    for (std::size_t k = 0; k < header.size(); ++k)
      if (trimCell(sheet.at(1, c).text) == header[k]) col[k] = c;
  auto cell = [&](int r, std::size_t k) { return col[k] ? sheet.at(r, col[k]).text : std::string(); };
  std::vector<InputSheetSpec> specs;
  std::map<std::string, std::size_t> index;
  for (int r = 2; r <= sheet.rowCount(); ++r) {
    const std::string name = cell(r, 0), kind = cell(r, 1), head = cell(r, 2), key = cell(r, 3),
                      field = cell(r, 4);
    if (name.empty() && kind.empty() && head.empty() && key.empty()) continue;
    const bool settings = kind == kSettingsKind;
    const diag::Location where{sheet.file, sheet.name, r, 1, ""};
    if (name.empty() || head.empty() || key.empty() || (!settings && kind != kRecordsKind) ||
        (!settings && !validField(field))) {
      diags.warning("workbook.bad-definition", where, "插件表定义的这一行无法识别，已忽略",
                    "this row of the plugin sheet definitions is not understood; ignored",
                    "用 bangfu init --from 本工作簿 重新生成工作簿",
                    "write the workbook anew with bangfu init --from THIS-WORKBOOK");
      continue;
    }
    auto [it, fresh] = index.emplace(name, specs.size());
    if (fresh) {
      InputSheetSpec spec;
      spec.name = name;
      spec.kind = settings ? InputSheetSpec::Kind::Settings : InputSheetSpec::Kind::Records;
      spec.prefix = settings ? "" : key;
      specs.push_back(std::move(spec));
    }
    InputSheetSpec& spec = specs[it->second];
    if ((spec.kind == InputSheetSpec::Kind::Settings) != settings || (!settings && spec.prefix != key)) {
      diags.warning("workbook.bad-definition", where, "插件表“" + name + "”的定义前后不一致，这一行已忽略",
                    "the definition of the plugin sheet '" + name + "' is inconsistent; row ignored");
      continue;
    }
    std::vector<InputChoice> choices;
    const auto shownList = split(cell(r, 5)), valueList = split(cell(r, 6));
    if (shownList.size() == valueList.size()) {
      for (std::size_t i = 0; i < valueList.size(); ++i)
        choices.push_back({valueList[i], shownList[i] == valueList[i] ? "" : shownList[i]});
    }
    if (settings) {
      spec.settings.push_back({key, head, "", "", std::move(choices)});
    } else {
      spec.columns.push_back({field, head, "", std::move(choices), 0});
    }
  }
  return specs;
}

}  // namespace bangfu::io::plugin_sheets
