#include "expr.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "bangfu/plugin/sdk.hpp"

namespace bangfu::region {

namespace {

using model::Scheme;

// ---- entity values -------------------------------------------------------

Value text(std::string s) {
  Value v;
  v.type = Type::Text;
  v.absent = s.empty();
  v.text = std::move(s);
  return v;
}

Value number(double n) {
  Value v;
  v.type = Type::Number;
  v.absent = false;
  v.number = n;
  return v;
}

Value none(Type t) {
  Value v;
  v.type = t;
  return v;
}

/// A reference to an entity by id (area, person, unit, team).
Value ref(Type t, const std::string& id) {
  Value v;
  v.type = t;
  v.text = id;
  v.absent = id.empty();
  return v;
}

Value optionalNumber(const std::optional<int>& n) { return n ? number(*n) : none(Type::Number); }

const char* levelName(model::AreaLevel l) {
  switch (l) {
    case model::AreaLevel::Province:
      return "province";
    case model::AreaLevel::City:
      return "city";
    case model::AreaLevel::County:
      return "county";
    case model::AreaLevel::Town:
      return "town";
    case model::AreaLevel::Village:
      return "village";
  }
  return "";
}

const char* partyKindName(model::Party::Kind k) {
  switch (k) {
    case model::Party::Kind::Person:
      return "person";
    case model::Party::Kind::Unit:
      return "unit";
    case model::Party::Kind::Team:
      return "team";
    case model::Party::Kind::Area:
      return "area";
    case model::Party::Kind::Household:
      return "household";
  }
  return "";
}

/// The entity a party names, as a typed reference (a household is text).
Value partyTarget(const model::Party& p) {
  switch (p.kind) {
    case model::Party::Kind::Person:
      return ref(Type::Person, p.ref);
    case model::Party::Kind::Unit:
      return ref(Type::Unit, p.ref);
    case model::Party::Kind::Team:
      return ref(Type::Team, p.ref);
    case model::Party::Kind::Area:
      return ref(Type::Area, p.ref);
    case model::Party::Kind::Household:
      break;
  }
  return text(p.ref);
}

// The entity a value refers to: the row's own entity when the value is the row
// item (no lookup), else found by id.
const model::Area* areaOf(const Value& o, const Scheme& s) {
  return o.entity ? static_cast<const model::Area*>(o.entity) : s.findArea(o.text);
}
const model::Person* personOf(const Value& o, const Scheme& s) {
  return o.entity ? static_cast<const model::Person*>(o.entity) : s.findPerson(o.text);
}
const model::Team* teamOf(const Value& o, const Scheme& s) {
  return o.entity ? static_cast<const model::Team*>(o.entity) : s.findTeam(o.text);
}
const model::Unit* unitOf(const Value& o, const Scheme& s) {
  return o.entity ? static_cast<const model::Unit*>(o.entity) : s.findUnit(o.text);
}

struct Field {
  Type type;
  std::function<Value(const Value& owner, const Scheme& s)> get;
};

using FieldTable = std::map<std::string, Field>;

const FieldTable& fieldsOf(Type t) {
  static const FieldTable area{
      {"id", {Type::Text, [](const Value& o, const Scheme&) { return text(o.text); }}},
      {"name",
       {Type::Text,
        [](const Value& o, const Scheme& s) {
          const auto* a = areaOf(o, s);
          return text(a ? a->name : o.text);
        }}},
      {"annotation",
       {Type::Text,
        [](const Value& o, const Scheme& s) {
          const auto* a = areaOf(o, s);
          return text(a ? a->annotation : "");
        }}},
      {"level",
       {Type::Text,
        [](const Value& o, const Scheme& s) {
          const auto* a = areaOf(o, s);
          return a ? text(levelName(a->level)) : none(Type::Text);
        }}},
      {"parent",
       {Type::Area,
        [](const Value& o, const Scheme& s) {
          const auto* a = areaOf(o, s);
          return ref(Type::Area, a ? a->parent : "");
        }}},
  };
  static const FieldTable person{
      {"id", {Type::Text, [](const Value& o, const Scheme&) { return text(o.text); }}},
      {"name",
       {Type::Text,
        [](const Value& o, const Scheme& s) {
          const auto* p = personOf(o, s);
          return text(p ? p->name : o.text);
        }}},
      {"post",
       {Type::Text,
        [](const Value& o, const Scheme& s) {
          const auto* p = personOf(o, s);
          return text(p ? p->post : "");
        }}},
      {"annotation",
       {Type::Text,
        [](const Value& o, const Scheme& s) {
          const auto* p = personOf(o, s);
          return text(p ? p->annotation : "");
        }}},
      {"unit",
       {Type::Unit,
        [](const Value& o, const Scheme& s) {
          const auto* p = personOf(o, s);
          return ref(Type::Unit, p ? p->unit : "");
        }}},
  };
  static const FieldTable unit{
      {"id", {Type::Text, [](const Value& o, const Scheme&) { return text(o.text); }}},
      {"name",
       {Type::Text,
        [](const Value& o, const Scheme& s) {
          const auto* u = unitOf(o, s);
          return text(u ? u->name : o.text);
        }}},
      {"kind",
       {Type::Text,
        [](const Value& o, const Scheme& s) {
          const auto* u = unitOf(o, s);
          return text(u ? u->kind : "");
        }}},
  };
  static const FieldTable team{
      {"id", {Type::Text, [](const Value& o, const Scheme&) { return text(o.text); }}},
      {"name",
       {Type::Text,
        [](const Value& o, const Scheme& s) {
          const auto* t = teamOf(o, s);
          return text(t && !t->name.empty() ? t->name : o.text);
        }}},
      {"target",
       {Type::Area,
        [](const Value& o, const Scheme& s) {
          const auto* t = teamOf(o, s);
          return ref(Type::Area, t ? t->target : "");
        }}},
      {"statedGroups",
       {Type::Number,
        [](const Value& o, const Scheme& s) {
          const auto* t = teamOf(o, s);
          return t ? optionalNumber(t->statedGroups) : none(Type::Number);
        }}},
      {"statedInstructors",
       {Type::Number,
        [](const Value& o, const Scheme& s) {
          const auto* t = teamOf(o, s);
          return t ? optionalNumber(t->statedInstructors) : none(Type::Number);
        }}},
      {"statedVillages",
       {Type::Number,
        [](const Value& o, const Scheme& s) {
          const auto* t = teamOf(o, s);
          return t ? optionalNumber(t->statedVillages) : none(Type::Number);
        }}},
      {"computedGroups",
       {Type::Number,
        [](const Value& o, const Scheme& s) {
          const auto* t = teamOf(o, s);
          return t ? number(t->computedGroups()) : none(Type::Number);
        }}},
      {"leader",
       {Type::Member,
        [](const Value& o, const Scheme& s) {
          const auto* t = teamOf(o, s);
          Value v = none(Type::Member);
          if (t && t->leader) {
            v.absent = false;
            v.entity = &*t->leader;
          }
          return v;
        }}},
      {"members",
       {Type::Members,
        [](const Value& o, const Scheme& s) {
          const auto* t = teamOf(o, s);
          Value v = none(Type::Members);
          if (t) {
            v.absent = t->members.empty();
            v.entity = &t->members;
          }
          return v;
        }}},
  };
  static const FieldTable pairing{
      {"kind",
       {Type::Text, [](const Value& o,
                       const Scheme&) { return text(static_cast<const model::Pairing*>(o.entity)->kind); }}},
      {"period",
       {Type::Text,
        [](const Value& o, const Scheme&) {
          return text(static_cast<const model::Pairing*>(o.entity)->period);
        }}},
      {"role",
       {Type::Text, [](const Value& o,
                       const Scheme&) { return text(static_cast<const model::Pairing*>(o.entity)->role); }}},
      {"note",
       {Type::Text, [](const Value& o,
                       const Scheme&) { return text(static_cast<const model::Pairing*>(o.entity)->note); }}},
      {"helper",
       {Type::Party,
        [](const Value& o, const Scheme&) {
          return entityValue(Type::Party, &static_cast<const model::Pairing*>(o.entity)->helper);
        }}},
      {"target",
       {Type::Party,
        [](const Value& o, const Scheme&) {
          return entityValue(Type::Party, &static_cast<const model::Pairing*>(o.entity)->target);
        }}},
  };
  // A party's own fields; anything else is looked up on the entity it names.
  static const FieldTable party{
      {"kind",
       {Type::Text,
        [](const Value& o, const Scheme&) {
          return text(partyKindName(static_cast<const model::Party*>(o.entity)->kind));
        }}},
      {"ref",
       {Type::Text,
        [](const Value& o, const Scheme&) { return text(static_cast<const model::Party*>(o.entity)->ref); }}},
  };
  static const FieldTable empty;
  switch (t) {
    case Type::Area:
      return area;
    case Type::Person:
      return person;
    case Type::Unit:
      return unit;
    case Type::Team:
      return team;
    case Type::Pairing:
      return pairing;
    case Type::Party:
      return party;
    default:
      return empty;
  }
}

/// Fields a party may have through the entity it names (checked when evaluated).
const std::vector<std::string>& partyEntityFields() {
  static const std::vector<std::string> f{"id",     "name", "annotation", "level",
                                          "parent", "post", "unit",       "target"};
  return f;
}

std::vector<std::string> fieldNames(Type t) {
  std::vector<std::string> names;
  for (const auto& [k, v] : fieldsOf(t)) names.push_back(k);
  if (t == Type::Party) names.insert(names.end(), partyEntityFields().begin(), partyEntityFields().end());
  return names;
}

Value field(const Value& owner, const std::string& name, const Scheme& s) {
  if (owner.absent && owner.type != Type::Pairing && owner.type != Type::Party) return none(Type::Any);
  const FieldTable& table = fieldsOf(owner.type);
  if (auto it = table.find(name); it != table.end()) return it->second.get(owner, s);
  if (owner.type == Type::Party) {
    const Value target = partyTarget(*static_cast<const model::Party*>(owner.entity));
    const FieldTable& inner = fieldsOf(target.type);
    if (auto it = inner.find(name); it != inner.end()) return it->second.get(target, s);
  }
  return none(Type::Any);
}

// ---- parsing ---------------------------------------------------------------

struct Function {
  std::size_t minArgs;
  std::size_t maxArgs;
  Type result;
  const char* help;  ///< the signature, for messages
};

const std::map<std::string, Function>& functions() {
  static const std::map<std::string, Function> f{
      {"sequence", {0, 0, Type::Number, "sequence()"}},
      {"count", {0, 0, Type::Number, "count()"}},
      {"label", {1, 1, Type::Text, "label(值)"}},
      {"personLabel", {1, 1, Type::Text, "personLabel(人员)"}},
      {"areaLabel", {1, 2, Type::Text, "areaLabel(地区[, 'annotation'])"}},
      {"areaPath", {1, 1, Type::Text, "areaPath(地区)"}},
      {"unitName", {1, 1, Type::Text, "unitName(单位)"}},
      {"partyLabel", {1, 1, Type::Text, "partyLabel(结对方)"}},
      {"ancestor", {2, 2, Type::Area, "ancestor(地区, 'county')"}},
      {"helpers", {1, 1, Type::List, "helpers('unit-village')"}},
      {"join", {1, 2, Type::Text, "join(值[, '、'])"}},
      {"memberList", {1, 1, Type::Runs, "memberList(members)"}},
      {"member", {1, 1, Type::Runs, "member(leader)"}},
      {"first", {1, 8, Type::Any, "first(值, 值, …)"}},
      {"flaggedGroups", {1, 1, Type::Number, "flaggedGroups('instructor-sender')"}},
  };
  return f;
}

std::vector<std::string> functionNames() {
  std::vector<std::string> n;
  for (const auto& [k, v] : functions()) n.push_back(k);
  return n;
}

struct Parser {
  const std::string& s;
  std::size_t pos = 0;

  void skipSpace() {
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  }
  static bool identStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
  static bool identChar(char c) { return identStart(c) || (c >= '0' && c <= '9') || c == '_' || c == '-'; }

  std::optional<ExprError> fail(const std::string& zh, const std::string& en, std::string fix = {}) const {
    const std::string at = "（第 " + std::to_string(pos + 1) + " 个字符）";
    return ExprError{zh + at, en + " (at character " + std::to_string(pos + 1) + ")", std::move(fix)};
  }

  std::optional<ExprError> parse(Expr& out, int depth) {
    if (depth > 16) return fail("值嵌套过深", "the value is nested too deeply");
    skipSpace();
    if (pos >= s.size()) return fail("缺少值", "a value is missing");
    if (s[pos] == '\'') {
      const std::size_t end = s.find('\'', pos + 1);
      if (end == std::string::npos) return fail("文字缺少结尾的 '", "the quoted text has no closing '");
      out.kind = Expr::Kind::Literal;
      out.text = s.substr(pos + 1, end - pos - 1);
      pos = end + 1;
      return std::nullopt;
    }
    if (!identStart(s[pos]))
      return fail("这里应是字段名、函数或 '文字'", "expected a field, a function or 'text'");
    std::size_t start = pos;
    while (pos < s.size() && identChar(s[pos])) ++pos;
    std::string name = s.substr(start, pos - start);
    skipSpace();
    if (pos < s.size() && s[pos] == '(') {
      ++pos;
      out.kind = Expr::Kind::Call;
      out.text = name;
      skipSpace();
      if (pos < s.size() && s[pos] == ')') {
        ++pos;
        return std::nullopt;
      }
      for (;;) {
        Expr arg;
        if (auto e = parse(arg, depth + 1)) return e;
        out.args.push_back(std::move(arg));
        skipSpace();
        if (pos < s.size() && s[pos] == ',') {
          ++pos;
          continue;
        }
        if (pos < s.size() && s[pos] == ')') {
          ++pos;
          return std::nullopt;
        }
        return fail("函数参数后应是 , 或 )", "expected , or ) after an argument");
      }
    }
    out.kind = Expr::Kind::Path;
    out.path.push_back(name);
    while (pos < s.size() && s[pos] == '.') {
      ++pos;
      start = pos;
      while (pos < s.size() && identChar(s[pos])) ++pos;
      if (start == pos) return fail(". 后应是字段名", "expected a field name after .");
      out.path.push_back(s.substr(start, pos - start));
    }
    return std::nullopt;
  }
};

/// The likely intended name: diag::nearest, or for a short name one within two
/// edits (a swapped pair of letters, nmae → name, is two).
std::string likelyName(const std::string& wanted, const std::vector<std::string>& names) {
  std::string near = diag::nearest(wanted, names);
  if (!near.empty()) return near;
  std::size_t best = 3;
  for (const auto& n : names) {
    const std::size_t d = diag::editDistance(wanted, n);
    if (d < best) {
      best = d;
      near = n;
    }
  }
  return near;
}

std::optional<ExprError> unknownField(const std::string& name, Type owner) {
  const auto names = fieldNames(owner);
  const std::string near = likelyName(name, names);
  std::string all;
  for (const auto& n : names) all += (all.empty() ? "" : "、") + n;
  return ExprError{"没有字段“" + name + "”（可用：" + all + "）",
                   "no field '" + name + "' here (known: " + all + ")",
                   near.empty() ? std::string() : "改为“" + near + "”"};
}

std::optional<ExprError> check(Expr& e, Type item) {
  if (e.kind == Expr::Kind::Literal) {
    e.type = Type::Text;
    return std::nullopt;
  }
  if (e.kind == Expr::Kind::Path) {
    // Bare sequence/count read as the functions.
    if (e.path.size() == 1 && (e.path[0] == "sequence" || e.path[0] == "count")) {
      e.kind = Expr::Kind::Call;
      e.text = e.path[0];
      e.path.clear();
      e.type = Type::Number;
      return std::nullopt;
    }
    Type t = item;
    for (const auto& seg : e.path) {
      if (t == Type::Any) break;  // a party's entity: checked when evaluated
      const FieldTable& table = fieldsOf(t);
      auto it = table.find(seg);
      if (it != table.end()) {
        t = it->second.type;
        continue;
      }
      if (t == Type::Party && std::find(partyEntityFields().begin(), partyEntityFields().end(), seg) !=
                                  partyEntityFields().end()) {
        t = Type::Any;
        continue;
      }
      return unknownField(seg, t);
    }
    e.type = t;
    return std::nullopt;
  }
  auto fn = functions().find(e.text);
  if (fn == functions().end()) {
    const std::string near = likelyName(e.text, functionNames());
    return ExprError{"没有函数“" + e.text + "”", "no function '" + e.text + "'",
                     near.empty() ? std::string("见 docs/region-files.md 的函数表") : "改为“" + near + "”"};
  }
  if (e.args.size() < fn->second.minArgs || e.args.size() > fn->second.maxArgs)
    return ExprError{"函数 " + e.text + " 的参数个数不对，应为 " + fn->second.help,
                     "wrong number of arguments to " + e.text + ": " + fn->second.help, fn->second.help};
  for (auto& a : e.args)
    if (auto err = check(a, item)) return err;
  e.type = fn->second.result;
  if (e.text == "first" && !e.args.empty()) e.type = e.args[0].type;
  return std::nullopt;
}

// ---- evaluation ------------------------------------------------------------

std::string literalArg(const Expr& e) { return e.kind == Expr::Kind::Literal ? e.text : std::string(); }

/// The row item's id, for functions that look the item up (helpers).
std::string itemId(const RowContext& row) {
  const Value v = entityValue(row.itemType, row.item);
  if (row.itemType == Type::Pairing) return static_cast<const model::Pairing*>(row.item)->target.ref;
  return v.text;
}

model::AreaLevel levelNamed(const std::string& n) {
  if (n == "province") return model::AreaLevel::Province;
  if (n == "city") return model::AreaLevel::City;
  if (n == "county") return model::AreaLevel::County;
  if (n == "town") return model::AreaLevel::Town;
  return model::AreaLevel::Village;
}

Value call(const Expr& e, const RowContext& row) {
  const Scheme& s = *row.scheme;
  const std::string& f = e.text;
  if (f == "sequence") return number(static_cast<double>(row.sequence));
  if (f == "count") return number(static_cast<double>(row.group.size()));
  if (f == "join") {
    const std::string sep = e.args.size() > 1 ? literalArg(e.args[1]) : "、";
    const Value first = evaluate(e.args[0], row);
    std::vector<std::string> parts;
    if (first.type == Type::List) {
      parts = first.list;
    } else {
      // Over the row's group: one value per item, in order.
      RowContext one = row;
      for (const void* item : row.group) {
        one.item = item;
        one.group = {item};
        const Value v = evaluate(e.args[0], one);
        if (!v.absent) parts.push_back(printed(v, s));
      }
    }
    return text(plugin::joinList(parts, sep));
  }
  if (f == "first") {
    for (const auto& a : e.args) {
      Value v = evaluate(a, row);
      if (!v.absent) return v;
    }
    return none(e.type);
  }
  if (f == "helpers") {
    Value v;
    v.type = Type::List;
    v.list = plugin::helpersOf(s, literalArg(e.args[0]), itemId(row));
    v.absent = v.list.empty();
    return v;
  }
  if (f == "flaggedGroups") {
    if (row.itemType != Type::Team) return none(Type::Number);
    const auto* team = static_cast<const model::Team*>(row.item);
    const std::string flag = literalArg(e.args[0]);
    int flagged = 0;
    bool any = false;
    auto count = [&](const model::TeamMember& m) {
      for (const auto& u : m.units) {
        const model::Unit* unit = s.findUnit(u);
        if (unit && unit->hasFlag(flag)) {
          any = true;
          flagged += m.multiplicity;
        }
      }
    };
    if (team->leader) count(*team->leader);
    for (const auto& m : team->members) count(m);
    return any ? number(flagged) : none(Type::Number);
  }
  const Value arg = evaluate(e.args[0], row);
  if (f == "memberList") {
    Value v = none(Type::Runs);
    if (arg.type == Type::Members && arg.entity) {
      v.runs = plugin::memberListRuns(s, *static_cast<const std::vector<model::TeamMember>*>(arg.entity),
                                      row.boldFlag);
      v.absent = v.runs.empty();
    }
    return v;
  }
  if (f == "member") {
    Value v = none(Type::Runs);
    if (arg.type == Type::Member && arg.entity) {
      v.runs = plugin::memberRuns(s, *static_cast<const model::TeamMember*>(arg.entity), row.boldFlag);
      v.absent = false;
    }
    return v;
  }
  if (arg.absent && f != "label") return none(e.type);
  const Value target =
      arg.type == Type::Party ? partyTarget(*static_cast<const model::Party*>(arg.entity)) : arg;
  if (f == "label") return text(printed(arg, s));
  if (f == "personLabel") return text(plugin::personLabel(s, target.text));
  if (f == "areaLabel")
    return text(
        plugin::areaLabel(s, target.text, e.args.size() > 1 && literalArg(e.args[1]) == "annotation"));
  if (f == "areaPath") return text(plugin::areaPath(s, target.text));
  if (f == "unitName") return text(plugin::unitName(s, target.text));
  if (f == "partyLabel")
    return text(arg.type == Type::Party ? plugin::partyLabel(s, *static_cast<const model::Party*>(arg.entity))
                                        : printed(arg, s));
  if (f == "ancestor")
    return ref(Type::Area, plugin::ancestorAt(s, target.text, levelNamed(literalArg(e.args[1]))));
  return none(e.type);
}

}  // namespace

std::optional<Collection> collectionNamed(const std::string& name) {
  if (name == "pairings") return Collection::Pairings;
  if (name == "areas") return Collection::Areas;
  if (name == "teams") return Collection::Teams;
  if (name == "people") return Collection::People;
  if (name == "units") return Collection::Units;
  return std::nullopt;
}

const std::vector<std::string>& collectionNames() {
  static const std::vector<std::string> n{"pairings", "areas", "teams", "people", "units"};
  return n;
}

Type itemType(Collection c) {
  switch (c) {
    case Collection::Pairings:
      return Type::Pairing;
    case Collection::Areas:
      return Type::Area;
    case Collection::Teams:
      return Type::Team;
    case Collection::People:
      return Type::Person;
    case Collection::Units:
      return Type::Unit;
  }
  return Type::Any;
}

std::optional<ExprError> parseExpr(const std::string& source, Type item, Expr& out) {
  if (source.size() > 1000)
    return ExprError{"值过长（最多 1000 个字符）", "the value is too long (1000 characters at most)", ""};
  Parser p{source};
  out = Expr{};
  if (auto e = p.parse(out, 0)) return e;
  p.skipSpace();
  if (p.pos != source.size()) return p.fail("值后面有多余的文字", "unexpected text after the value");
  return check(out, item);
}

Value entityValue(Type type, const void* entity) {
  Value v;
  v.type = type;
  v.absent = entity == nullptr;
  v.entity = entity;
  if (!entity) return v;
  switch (type) {
    case Type::Area:
      v.text = static_cast<const model::Area*>(entity)->id;
      break;
    case Type::Person:
      v.text = static_cast<const model::Person*>(entity)->id;
      break;
    case Type::Unit:
      v.text = static_cast<const model::Unit*>(entity)->id;
      break;
    case Type::Team:
      v.text = static_cast<const model::Team*>(entity)->id;
      break;
    case Type::Party:
      v.text = static_cast<const model::Party*>(entity)->ref;
      break;
    default:
      break;
  }
  return v;
}

Value evaluate(const Expr& e, const RowContext& row) {
  switch (e.kind) {
    case Expr::Kind::Literal:
      return text(e.text);
    case Expr::Kind::Call:
      return call(e, row);
    case Expr::Kind::Path:
      break;
  }
  Value v = entityValue(row.itemType, row.item);
  for (const auto& seg : e.path) v = field(v, seg, *row.scheme);
  return v;
}

std::string printed(const Value& v, const model::Scheme& s) {
  if (v.absent) return {};
  switch (v.type) {
    case Type::Number:
      return doc::Cell::num(v.number).plainText();
    case Type::List:
      return plugin::joinList(v.list);
    case Type::Runs: {
      std::string out;
      for (const auto& r : v.runs) out += r.text;
      return out;
    }
    case Type::Area:
      return plugin::areaLabel(s, v.text);
    case Type::Person:
      return plugin::personLabel(s, v.text);
    case Type::Unit:
      return plugin::unitName(s, v.text);
    case Type::Team: {
      const auto* t = s.findTeam(v.text);
      return t && !t->name.empty() ? t->name : v.text;
    }
    case Type::Party:
      return plugin::partyLabel(s, *static_cast<const model::Party*>(v.entity));
    default:
      return v.text;
  }
}

}  // namespace bangfu::region
