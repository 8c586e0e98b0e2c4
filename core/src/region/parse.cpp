// Reading a region file (docs/region-files.md). The file is untrusted input:
// every key is known or reported with the nearest known one, every value has
// its type, and every problem names its JSON path. Reading never throws for bad
// content; a file with errors yields no plugin.
#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "bangfu/plugin/sdk.hpp"
#include "bangfu/region/region.hpp"
#include "spec.hpp"

namespace bangfu::region {

namespace {

using Poco::Dynamic::Var;
using ObjPtr = Poco::JSON::Object::Ptr;
using ArrPtr = Poco::JSON::Array::Ptr;

constexpr std::size_t kMaxRegionBytes = 4u << 20;  // a region file is a page of JSON, not data
constexpr std::size_t kMaxItems = 500;             // appendices, columns, rules, settings each

bool isObject(const Var& v) { return !v.isEmpty() && v.type() == typeid(ObjPtr); }
bool isArray(const Var& v) { return !v.isEmpty() && v.type() == typeid(ArrPtr); }

class Reader {
 public:
  Reader(std::string file, diag::Diagnostics& diags) : file_(std::move(file)), diags_(diags) {}

  void error(const std::string& path, const std::string& zh, const std::string& en, std::string fix = {},
             std::string fixEn = {}) {
    diags_.error("region.invalid", {file_, "", 0, 0, path}, zh, en, std::move(fix), std::move(fixEn));
  }

  /// Reports keys of `o` outside `known`, each with the nearest known key.
  void keys(const ObjPtr& o, const std::string& path, const std::vector<std::string>& known) {
    for (const auto& [k, v] : *o) {
      if (std::find(known.begin(), known.end(), k) != known.end()) continue;
      const std::string near = diag::nearest(k, known);
      std::string all;
      for (const auto& n : known) all += (all.empty() ? "" : ", ") + n;
      diags_.error("region.unknown-key", {file_, "", 0, 0, join(path, k)},
                   "未知的键“" + k + "”（可用：" + all + "）", "unknown key '" + k + "' (known: " + all + ")",
                   near.empty() ? "" : "改为“" + near + "”",
                   near.empty() ? "" : "change it to \"" + near + "\"");
    }
  }

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

  std::string str(const ObjPtr& o, const std::string& path, const std::string& key, bool required,
                  std::string fallback = {}) {
    if (!o->has(key)) {
      if (required) error(join(path, key), "缺少“" + key + "”", "'" + key + "' is missing");
      return fallback;
    }
    const Var v = o->get(key);
    if (!v.isString()) {
      error(join(path, key), "“" + key + "”应是文字（加引号）", "'" + key + "' must be a string");
      return fallback;
    }
    std::string s = v.extract<std::string>();
    for (unsigned char c : s)
      if (c < 0x20 && c != '\n' && c != '\t') {
        diags_.error("input.control-char", {file_, "", 0, 0, join(path, key)}, "“" + key + "”含有控制字符",
                     "'" + key + "' contains a control character", "删除不可见的控制字符",
                     "delete the invisible control character");
        return fallback;
      }
    return s;
  }

  double num(const ObjPtr& o, const std::string& path, const std::string& key, double fallback, double lo,
             double hi) {
    if (!o->has(key)) return fallback;
    const Var v = o->get(key);
    if (!v.isNumeric()) {
      error(join(path, key), "“" + key + "”应是数字", "'" + key + "' must be a number");
      return fallback;
    }
    const double d = v.convert<double>();
    if (!(d >= lo && d <= hi)) {
      error(join(path, key), "“" + key + "”应在 " + fmt(lo) + " 到 " + fmt(hi) + " 之间",
            "'" + key + "' must be between " + fmt(lo) + " and " + fmt(hi));
      return fallback;
    }
    return d;
  }

  bool boolean(const ObjPtr& o, const std::string& path, const std::string& key, bool fallback) {
    if (!o->has(key)) return fallback;
    const Var v = o->get(key);
    if (v.type() != typeid(bool)) {
      error(join(path, key), "“" + key + "”应是 true 或 false", "'" + key + "' must be true or false");
      return fallback;
    }
    return v.extract<bool>();
  }

  ObjPtr object(const Var& v, const std::string& path) {
    if (isObject(v)) return v.extract<ObjPtr>();
    error(path, "这里应是一个对象 {…}", "an object {…} is expected here");
    return nullptr;
  }

  ArrPtr array(const ObjPtr& o, const std::string& path, const std::string& key, bool required) {
    if (!o->has(key)) {
      if (required) error(join(path, key), "缺少“" + key + "”", "'" + key + "' is missing");
      return nullptr;
    }
    const Var v = o->get(key);
    if (!isArray(v)) {
      error(join(path, key), "“" + key + "”应是列表 […]", "'" + key + "' must be a list […]");
      return nullptr;
    }
    ArrPtr a = v.extract<ArrPtr>();
    if (a->size() > kMaxItems) {
      error(join(path, key), "“" + key + "”的项数超过 " + std::to_string(kMaxItems),
            "'" + key + "' has more than " + std::to_string(kMaxItems) + " items");
      return nullptr;
    }
    return a;
  }

  /// One value of the value language, checked against the row type.
  std::optional<Expr> expr(const ObjPtr& o, const std::string& path, const std::string& key, Type item,
                           bool required) {
    const std::string source = str(o, path, key, required);
    if (source.empty()) return std::nullopt;
    return exprText(source, join(path, key), item);
  }

  std::optional<Expr> exprText(const std::string& source, const std::string& path, Type item) {
    Expr e;
    if (auto err = parseExpr(source, item, e)) {
      diags_.error("region.bad-value", {file_, "", 0, 0, path}, "值“" + source + "”有误：" + err->zh,
                   "value '" + source + "' is wrong: " + err->en, err->suggestion);
      return std::nullopt;
    }
    return e;
  }

  static std::string fmt(double d) {
    std::ostringstream s;
    s << d;
    return s.str();
  }

  RegionSpec read(const Var& root);

 private:
  TextSource textSource(const ObjPtr& o, const std::string& path, const std::string& key, bool required);
  RowsSpec rows(const ObjPtr& o, const std::string& path, bool allowGroup);
  std::optional<TableSpec> table(const ObjPtr& o, const std::string& path);
  std::optional<BlockSpec> block(const Var& v, const std::string& path);
  std::optional<RuleSpec> rule(const Var& v, const std::string& path);
  MessageTemplate message(const std::string& text, const std::string& path, Type item);
  void settings(const ObjPtr& root);
  void checkSettingRef(const std::string& key, const std::string& path, bool yesNo);

  std::string file_;
  diag::Diagnostics& diags_;
  RegionSpec spec_;
};

doc::Align alignNamed(const std::string& s) {
  if (s == "left") return doc::Align::Left;
  if (s == "right") return doc::Align::Right;
  if (s == "justify") return doc::Align::Justify;
  if (s == "distribute") return doc::Align::Distribute;
  return doc::Align::Center;
}
const std::vector<std::string> kAligns{"center", "left", "right", "justify", "distribute"};

TextSource Reader::textSource(const ObjPtr& o, const std::string& path, const std::string& key,
                              bool required) {
  TextSource t;
  if (!o->has(key)) {
    if (required) error(join(path, key), "缺少“" + key + "”", "'" + key + "' is missing");
    return t;
  }
  const Var v = o->get(key);
  if (v.isString()) {
    t.text = str(o, path, key, true);
    return t;
  }
  if (ObjPtr s = isObject(v) ? v.extract<ObjPtr>() : nullptr) {
    keys(s, join(path, key), {"setting"});
    t.setting = str(s, join(path, key), "setting", true);
    checkSettingRef(t.setting, join(join(path, key), "setting"), false);
    return t;
  }
  error(join(path, key), "“" + key + "”应是文字，或 {\"setting\": 设置项}",
        "'" + key + "' must be text or {\"setting\": key}");
  return t;
}

void Reader::checkSettingRef(const std::string& key, const std::string& path, bool yesNo) {
  if (key.empty()) return;
  const plugin::InputSetting* s = spec_.setting(key);
  if (!s) {
    std::vector<std::string> known;
    for (const auto& k : spec_.settings) known.push_back(k.key);
    const std::string near = diag::nearest(key, known);
    error(path, "没有声明设置项“" + key + "”（在 settings 中声明）",
          "setting '" + key + "' is not declared in settings", near.empty() ? "" : "改为“" + near + "”");
    return;
  }
  if (yesNo && s->fallback != "true" && s->fallback != "false")
    error(path, "设置项“" + key + "”应是是/否设置（默认值 true 或 false）",
          "setting '" + key + "' must be a yes/no setting (default true or false)");
}

RowsSpec Reader::rows(const ObjPtr& o, const std::string& path, bool allowGroup) {
  RowsSpec r;
  std::vector<std::string> known{"from", "kind", "level", "flag", "role", "sort", "sortBy"};
  if (allowGroup) known.push_back("groupBy");
  keys(o, path, known);
  const std::string from = str(o, path, "from", true);
  if (auto c = collectionNamed(from)) {
    r.from = *c;
  } else if (!from.empty()) {
    const std::string near = diag::nearest(from, collectionNames());
    error(join(path, "from"), "没有集合“" + from + "”（可用：pairings、areas、teams、people、units）",
          "no collection '" + from + "' (known: pairings, areas, teams, people, units)",
          near.empty() ? "" : "改为“" + near + "”");
  }
  const Type item = itemType(r.from);
  r.kind = str(o, path, "kind", false);
  r.level = str(o, path, "level", false);
  r.flag = str(o, path, "flag", false);
  r.role = str(o, path, "role", false);
  auto only = [&](const std::string& key, const std::string& value, std::initializer_list<Collection> ok) {
    if (value.empty()) return;
    for (Collection c : ok)
      if (c == r.from) return;
    error(join(path, key), "“" + key + "”不适用于“" + from + "”",
          "'" + key + "' does not apply to '" + from + "'");
  };
  only("kind", r.kind, {Collection::Pairings});
  only("level", r.level, {Collection::Areas});
  only("flag", r.flag, {Collection::Areas, Collection::Units});
  only("role", r.role, {Collection::People});
  static const std::vector<std::string> levels{"province", "city", "county", "town", "village"};
  if (!r.level.empty() && std::find(levels.begin(), levels.end(), r.level) == levels.end())
    error(join(path, "level"), "没有级别“" + r.level + "”", "no level '" + r.level + "'",
          diag::nearest(r.level, levels).empty() ? "" : "改为“" + diag::nearest(r.level, levels) + "”");
  if (allowGroup) r.groupBy = expr(o, path, "groupBy", item, false);
  const std::string sort = str(o, path, "sort", false, "entered");
  static const std::vector<std::string> orders{"entered", "stroke", "pinyin", "text", "number", "area"};
  const auto at = std::find(orders.begin(), orders.end(), sort);
  if (at == orders.end()) {
    const std::string near = diag::nearest(sort, orders);
    error(join(path, "sort"),
          "没有排序方式“" + sort + "”（可用：entered、stroke、pinyin、text、number、area）",
          "no sort order '" + sort + "'", near.empty() ? "" : "改为“" + near + "”");
  } else {
    r.order = static_cast<RowsSpec::Order>(at - orders.begin());
  }
  r.sortBy = expr(o, path, "sortBy", item, r.order != RowsSpec::Order::Entered);
  return r;
}

std::optional<TableSpec> Reader::table(const ObjPtr& o, const std::string& path) {
  TableSpec t;
  keys(o, path, {"rows", "columns", "total"});
  if (!o->has("rows")) {
    error(join(path, "rows"), "缺少“rows”", "'rows' is missing");
    return std::nullopt;
  }
  ObjPtr rows = object(o->get("rows"), join(path, "rows"));
  if (!rows) return std::nullopt;
  t.rows = this->rows(rows, join(path, "rows"), true);
  const Type item = itemType(t.rows.from);
  ArrPtr cols = array(o, path, "columns", true);
  if (!cols) return std::nullopt;
  if (cols->size() == 0)
    error(join(path, "columns"), "表格至少要有一列", "a table needs at least one column");
  for (std::size_t i = 0; i < cols->size(); ++i) {
    const std::string cp = join(path, "columns") + "[" + std::to_string(i) + "]";
    ObjPtr c = object(cols->get(static_cast<unsigned>(i)), cp);
    if (!c) continue;
    keys(c, cp,
         {"header", "value", "width", "align", "columnAlign", "numeric", "merge", "mergeSetting", "bold",
          "boldSetting"});
    ColumnSpec col;
    col.header = textSource(c, cp, "header", true);
    if (auto e = expr(c, cp, "value", item, true)) col.value = *e;
    col.width = num(c, cp, "width", 1.0, 0.05, 100);
    for (const char* key : {"align", "columnAlign"}) {
      const std::string a = str(c, cp, key, false);
      if (a.empty()) continue;
      if (std::find(kAligns.begin(), kAligns.end(), a) == kAligns.end()) {
        const std::string near = diag::nearest(a, kAligns);
        error(join(cp, key), "没有对齐方式“" + a + "”（可用：center、left、right、justify、distribute）",
              "no alignment '" + a + "'", near.empty() ? "" : "改为“" + near + "”");
      } else if (std::string(key) == "align") {
        col.align = alignNamed(a);
      } else {
        col.columnAlign = alignNamed(a);
      }
    }
    col.numeric = boolean(c, cp, "numeric", false);
    col.merge = boolean(c, cp, "merge", false);
    col.mergeSetting = str(c, cp, "mergeSetting", false);
    checkSettingRef(col.mergeSetting, join(cp, "mergeSetting"), true);
    col.boldFlag = str(c, cp, "bold", false);
    col.boldSetting = str(c, cp, "boldSetting", false);
    checkSettingRef(col.boldSetting, join(cp, "boldSetting"), true);
    t.columns.push_back(std::move(col));
  }
  if (o->has("total")) {
    const std::string tp = join(path, "total");
    if (ObjPtr to = object(o->get("total"), tp)) {
      keys(to, tp, {"label", "labelColumn", "sums"});
      TotalSpec total;
      total.label = str(to, tp, "label", false, "合计");
      const double maxCol = t.columns.empty() ? 0 : static_cast<double>(t.columns.size() - 1);
      total.labelColumn = static_cast<std::size_t>(num(to, tp, "labelColumn", 0, 0, maxCol));
      if (ArrPtr sums = array(to, tp, "sums", true)) {
        for (std::size_t i = 0; i < sums->size(); ++i) {
          const std::string sp = join(tp, "sums") + "[" + std::to_string(i) + "]";
          ObjPtr so = object(sums->get(static_cast<unsigned>(i)), sp);
          if (!so) continue;
          keys(so, sp, {"column", "stated"});
          TotalSpec::Sum sum;
          sum.column = static_cast<std::size_t>(num(so, sp, "column", 0, 0, maxCol));
          if (!so->has("column"))
            error(join(sp, "column"), "缺少“column”（从 0 数起的列号）", "'column' is missing");
          sum.stated = str(so, sp, "stated", false);
          total.sums.push_back(sum);
        }
      }
      t.total = std::move(total);
    }
  }
  return t;
}

std::optional<BlockSpec> Reader::block(const Var& v, const std::string& path) {
  ObjPtr o = object(v, path);
  if (!o) return std::nullopt;
  keys(o, path, {"table", "notes", "committees", "paragraph"});
  if (o->size() != 1) {
    error(path, "每一块只写一种：table、notes、committees 或 paragraph",
          "each block is exactly one of table, notes, committees, paragraph");
    return std::nullopt;
  }
  BlockSpec b;
  if (o->has("table")) {
    ObjPtr t = object(o->get("table"), join(path, "table"));
    if (!t) return std::nullopt;
    auto table = this->table(t, join(path, "table"));
    if (!table) return std::nullopt;
    b.kind = BlockSpec::Kind::Table;
    b.table = std::move(*table);
  } else if (o->has("notes")) {
    b.kind = BlockSpec::Kind::Notes;
    if (ObjPtr n = object(o->get("notes"), join(path, "notes"))) keys(n, join(path, "notes"), {});
  } else if (o->has("committees")) {
    b.kind = BlockSpec::Kind::Committees;
    if (ObjPtr c = object(o->get("committees"), join(path, "committees"))) {
      keys(c, join(path, "committees"), {"office"});
      b.officeLayout = textSource(c, join(path, "committees"), "office", false);
      if (b.officeLayout.setting.empty() && b.officeLayout.text.empty()) b.officeLayout.text = "sentence";
      if (b.officeLayout.setting.empty() && b.officeLayout.text != "sentence" &&
          b.officeLayout.text != "list")
        error(join(join(path, "committees"), "office"), "office 应是 sentence（一句话）或 list（名单）",
              "office must be sentence or list");
    }
  } else {
    b.kind = BlockSpec::Kind::Paragraph;
    b.text = textSource(o, path, "paragraph", true);
  }
  return b;
}

MessageTemplate Reader::message(const std::string& text, const std::string& path, Type item) {
  MessageTemplate m;
  m.text = text;
  for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) {
      error(path, "消息中的 { 没有配对的 }", "a { in the message has no closing }");
      break;
    }
    const std::string source = text.substr(open + 1, close - open - 1);
    if (auto e = exprText(source, path, item)) m.parts.emplace_back(source, *e);
  }
  return m;
}

std::optional<RuleSpec> Reader::rule(const Var& v, const std::string& path) {
  ObjPtr o = object(v, path);
  if (!o) return std::nullopt;
  keys(o, path,
       {"code", "severity", "each", "has", "value", "in", "equals", "count", "stated", "at", "message",
        "messageEn", "fix"});
  RuleSpec r;
  r.jsonPath = path;
  r.code = str(o, path, "code", true);
  if (!r.code.empty() && !std::regex_match(r.code, std::regex("[a-z][a-z0-9_-]*\\.[a-z0-9.-]+")))
    error(join(path, "code"), "规则代码应形如 地区id.规则名（小写字母、数字、- 和 .）",
          "a rule code looks like region.rule-name (lower case letters, digits, - and .)",
          "例如 " + spec_.info.id + ".village-without-unit",
          "e.g. " + spec_.info.id + ".village-without-unit");
  const std::string severity = str(o, path, "severity", false, "error");
  if (severity == "warning")
    r.severity = diag::Severity::Warning;
  else if (severity != "error")
    error(join(path, "severity"), "severity 应是 error 或 warning", "severity must be error or warning");
  Type item = Type::Any;
  if (o->has("count")) {
    r.kind = RuleSpec::Kind::CountIsStated;
    if (ObjPtr c = object(o->get("count"), join(path, "count"))) r.each = rows(c, join(path, "count"), false);
    r.stated = str(o, path, "stated", true);
  } else {
    if (!o->has("each")) {
      error(path, "规则需要“each”（检查哪些对象）或“count”",
            "a rule needs 'each' (what to check) or 'count'");
      return std::nullopt;
    }
    ObjPtr each = object(o->get("each"), join(path, "each"));
    if (!each) return std::nullopt;
    r.each = rows(each, join(path, "each"), false);
    item = itemType(r.each.from);
    const int shapes = (o->has("has") ? 1 : 0) + (o->has("in") ? 1 : 0) + (o->has("equals") ? 1 : 0);
    if (shapes != 1) {
      error(path, "规则写且只写一种检查：has、in（配 value）或 equals（配 value）",
            "a rule has exactly one check: has, in (with value) or equals (with value)");
      return std::nullopt;
    }
    if (o->has("has")) {
      r.kind = RuleSpec::Kind::Has;
      if (auto e = expr(o, path, "has", item, true)) r.subject = *e;
    } else {
      if (auto e = expr(o, path, "value", item, true)) r.subject = *e;
      if (o->has("in")) {
        r.kind = RuleSpec::Kind::In;
        if (ArrPtr among = array(o, path, "in", true)) {
          for (std::size_t i = 0; i < among->size(); ++i) {
            const Var a = among->get(static_cast<unsigned>(i));
            if (a.isString())
              r.among.push_back(a.extract<std::string>());
            else
              error(join(path, "in") + "[" + std::to_string(i) + "]", "应是文字", "must be a string");
          }
        }
      } else {
        r.kind = RuleSpec::Kind::Equals;
        if (auto e = expr(o, path, "equals", item, true)) r.equals = *e;
      }
    }
  }
  r.at = str(o, path, "at", false);
  r.zh = message(str(o, path, "message", true), join(path, "message"), item);
  r.en = message(str(o, path, "messageEn", true), join(path, "messageEn"), item);
  r.fix = str(o, path, "fix", false);
  return r;
}

void Reader::settings(const ObjPtr& root) {
  ArrPtr list = array(root, "", "settings", false);
  if (!list) return;
  std::set<std::string> keysSeen, labelsSeen;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string p = "settings[" + std::to_string(i) + "]";
    ObjPtr o = object(list->get(static_cast<unsigned>(i)), p);
    if (!o) continue;
    keys(o, p, {"key", "label", "help", "default", "choices"});
    plugin::InputSetting s;
    s.key = str(o, p, "key", true);
    s.label = str(o, p, "label", true);
    s.help = str(o, p, "help", false);
    s.fallback = str(o, p, "default", true);
    if (!s.key.empty() && !std::regex_match(s.key, std::regex("[a-z0-9][a-z0-9.-]*")))
      error(join(p, "key"), "设置项的键只用小写字母、数字、. 和 -",
            "a setting key uses lower case letters, digits, . and -", "例如 villages.header.street",
            "e.g. villages.header.street");
    if (!keysSeen.insert(s.key).second)
      error(join(p, "key"), "设置项“" + s.key + "”重复", "setting '" + s.key + "' twice");
    if (!labelsSeen.insert(s.label).second)
      error(join(p, "label"), "设置项名称“" + s.label + "”重复", "setting label '" + s.label + "' twice");
    if (ArrPtr choices = array(o, p, "choices", false)) {
      for (std::size_t j = 0; j < choices->size(); ++j) {
        const std::string cp = join(p, "choices") + "[" + std::to_string(j) + "]";
        ObjPtr c = object(choices->get(static_cast<unsigned>(j)), cp);
        if (!c) continue;
        keys(c, cp, {"value", "label"});
        s.choices.push_back({str(c, cp, "value", true), str(c, cp, "label", false)});
      }
      bool defaultIsChoice = false;
      for (const auto& c : s.choices) defaultIsChoice = defaultIsChoice || c.value == s.fallback;
      if (!s.choices.empty() && !defaultIsChoice)
        error(join(p, "default"), "默认值“" + s.fallback + "”不在 choices 中",
              "the default is not one of the choices");
    }
    spec_.settings.push_back(std::move(s));
  }
}

RegionSpec Reader::read(const Var& rootVar) {
  spec_.file = file_;
  ObjPtr root = object(rootVar, "");
  if (!root) return spec_;
  keys(root, "",
       {"bangfuRegion", "id", "region", "version", "settings", "sheet", "appendices", "rules", "comment"});
  const double format = num(root, "", "bangfuRegion", 0, 0, 1e6);
  if (format != kRegionFormatVersion)
    error(
        "bangfuRegion",
        "“bangfuRegion”应为 " + std::to_string(kRegionFormatVersion) + "（本版 bangfu 读的格式）",
        "'bangfuRegion' must be " + std::to_string(kRegionFormatVersion) + " (the format this bangfu reads)",
        "\"bangfuRegion\": 1");
  spec_.info.id = str(root, "", "id", true);
  if (!spec_.info.id.empty() && !std::regex_match(spec_.info.id, std::regex("[a-z][a-z0-9_]{1,31}")))
    error("id", "地区 id 只用小写字母、数字和 _，以字母开头", "the id uses lower case letters, digits and _",
          "例如 quzhou", "e.g. quzhou");
  const std::string expected = spec_.info.id + kRegionSuffix;
  if (!spec_.info.id.empty() && std::filesystem::path(file_).filename().string() != expected &&
      std::filesystem::path(file_).filename().string().size() > std::string(kRegionSuffix).size() &&
      std::filesystem::path(file_).extension() == ".json")
    diags_.warning("region.file-name", {file_, "", 0, 0, "id"}, "文件名应为“" + expected + "”",
                   "the file should be named '" + expected + "'", "改名为 " + expected,
                   "rename it to " + expected);
  spec_.info.region = str(root, "", "region", true);
  spec_.info.version = str(root, "", "version", false, "1.0.0");
  settings(root);
  if (root->has("sheet")) {
    if (ObjPtr sheet = object(root->get("sheet"), "sheet")) {
      keys(sheet, "sheet", {"name", "help"});
      spec_.sheetName = str(sheet, "sheet", "name", false, spec_.sheetName);
      spec_.sheetHelp = str(sheet, "sheet", "help", false);
    }
  }
  std::set<std::string> ids;
  if (ArrPtr apps = array(root, "", "appendices", true)) {
    if (apps->size() == 0) error("appendices", "至少要有一个附件", "at least one appendix is needed");
    for (std::size_t i = 0; i < apps->size(); ++i) {
      const std::string p = "appendices[" + std::to_string(i) + "]";
      ObjPtr o = object(apps->get(static_cast<unsigned>(i)), p);
      if (!o) continue;
      keys(o, p, {"id", "label", "title", "orientation", "blocks", "entities"});
      AppendixDef a;
      a.spec.id = str(o, p, "id", true);
      if (!ids.insert(a.spec.id).second)
        error(join(p, "id"), "附件 id“" + a.spec.id + "”重复", "appendix id '" + a.spec.id + "' twice");
      a.spec.label = str(o, p, "label", false);
      a.spec.title = str(o, p, "title", true);
      const std::string orientation = str(o, p, "orientation", false, "portrait");
      if (orientation == "landscape")
        a.spec.orientation = doc::Orientation::Landscape;
      else if (orientation != "portrait")
        error(join(p, "orientation"), "orientation 应是 portrait（竖排）或 landscape（横排）",
              "orientation must be portrait or landscape");
      if (ArrPtr blocks = array(o, p, "blocks", true)) {
        for (std::size_t b = 0; b < blocks->size(); ++b)
          if (auto block = this->block(blocks->get(static_cast<unsigned>(b)),
                                       join(p, "blocks") + "[" + std::to_string(b) + "]"))
            a.blocks.push_back(std::move(*block));
      }
      if (o->has("entities")) {
        const std::string ep = join(p, "entities");
        const TableSpec* table = nullptr;
        for (const auto& b : a.blocks)
          if (!table && b.kind == BlockSpec::Kind::Table) table = &b.table;
        ObjPtr e = object(o->get("entities"), ep);
        if (e && !table)
          error(ep, "每实体文档需要该附件有一个表格", "per-entity documents need a table in the appendix");
        if (e && table) {
          keys(e, ep, {"per", "kind", "folder", "title"});
          EntitiesSpec es;
          if (auto per = expr(e, ep, "per", itemType(table->rows.from), true)) es.per = *per;
          es.kind = str(e, ep, "kind", true);
          es.folder = str(e, ep, "folder", true);
          es.title = str(e, ep, "title", false, "{label}" + a.spec.title);
          if (es.folder.find('/') != std::string::npos || es.folder.find("..") != std::string::npos)
            error(join(ep, "folder"), "folder 是一层文件夹名，不含 / 或 ..",
                  "folder is one folder name, without / or ..");
          a.entities = std::move(es);
        }
      }
      spec_.appendices.push_back(std::move(a));
    }
  }
  if (ArrPtr rules = array(root, "", "rules", false)) {
    for (std::size_t i = 0; i < rules->size(); ++i)
      if (auto r = rule(rules->get(static_cast<unsigned>(i)), "rules[" + std::to_string(i) + "]"))
        spec_.rules.push_back(std::move(*r));
  }
  return spec_;
}

}  // namespace

const plugin::InputSetting* RegionSpec::setting(const std::string& key) const {
  for (const auto& s : settings)
    if (s.key == key) return &s;
  return nullptr;
}

std::string RegionSpec::resolve(const TextSource& t, const model::Scheme& s) const {
  if (t.setting.empty()) return t.text;
  const plugin::InputSetting* def = setting(t.setting);
  return def ? plugin::settingValue(s, *def) : s.option(t.setting);
}

LoadedRegion parseRegion(const std::string& text, const std::string& file, diag::Diagnostics& diags) {
  LoadedRegion out;
  Var root;
  try {
    Poco::JSON::Parser parser;
    root = parser.parse(text);
  } catch (const Poco::Exception& e) {
    diags.error("region.syntax", {file, "", 0, 0, ""}, "区域文件的 JSON 语法错误（“" + e.message() + "”）",
                "JSON syntax error in the region file: " + e.message(), "检查逗号、引号和括号是否配对",
                "check that commas, quotes and brackets match");
    return out;
  }
  diag::Diagnostics local;
  RegionSpec spec = Reader(file, local).read(root);
  diags.append(local);
  out.info = spec.info;
  if (!local.hasErrors()) out.plugin = makeRegionPlugin(std::move(spec));
  return out;
}

LoadedRegion loadRegionFile(const std::string& path, diag::Diagnostics& diags) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    diags.error("io.unreadable", {path, "", 0, 0, ""}, "无法打开区域文件", "cannot open the region file",
                "检查路径和读取权限", "check the path and the read permission");
    return {};
  }
  if (size > kMaxRegionBytes) {
    diags.error("region.too-large", {path, "", 0, 0, ""}, "区域文件超过 4 MiB，不像是区域描述",
                "the region file is over 4 MiB; it does not look like a region description");
    return {};
  }
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    diags.error("io.unreadable", {path, "", 0, 0, ""}, "无法读取区域文件", "cannot read the region file");
    return {};
  }
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  return parseRegion(text, path, diags);
}

}  // namespace bangfu::region
