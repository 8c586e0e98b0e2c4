// The scheme JSON format (docs/scheme-json.md): reading with Poco::JSON, writing
// with a small emitter of our own, because Poco's Stringifier escapes every
// non-ASCII character as \uXXXX and a clerk must be able to read the file.
#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <set>
#include <variant>

#include "bangfu/io/scheme_io.hpp"
#include "bangfu/model/member_text.hpp"
#include "bangfu/text/width.hpp"
#include "io/io_detail.hpp"
#include "io/json_checks.hpp"
#include "io/json_text.hpp"
#include "io/scheme_names.hpp"

namespace bangfu::io {

using detail::checkJsonText;
using detail::fail;
using Poco::Dynamic::Var;

namespace {

constexpr int kFormatVersion = 1;  // docs/scheme-json.md "bangfu"

bool isObject(const Var& v) { return !v.isEmpty() && v.type() == typeid(Poco::JSON::Object::Ptr); }
bool isArray(const Var& v) { return !v.isEmpty() && v.type() == typeid(Poco::JSON::Array::Ptr); }

std::string typeName(const Var& v) {
  if (v.isEmpty()) return "null";
  if (isObject(v)) return "object";
  if (isArray(v)) return "array";
  if (v.isBoolean()) return "boolean";
  if (v.isNumeric()) return "number";
  if (v.isString()) return "string";
  return "value";
}

/// Reads one scheme document, collecting every form problem with its JSON path.
class SchemeReader {
 public:
  SchemeReader(std::string file, diag::Diagnostics& diags) : file_(std::move(file)), diags_(diags) {}

  model::Scheme read(const Var& root) {
    model::Scheme s;
    s.file = file_;
    if (!isObject(root)) {
      fail("json.type", at(""), "方案文件的顶层必须是 JSON 对象，实际是 " + typeName(root),
           "the top level of a scheme must be a JSON object, not " + typeName(root));
    }
    const auto& obj = root.extract<Poco::JSON::Object::Ptr>();
    known(obj, "",
          {"bangfu", "plugin", "name", "source", "fictional", "notice", "areas", "units", "people", "teams",
           "pairings", "committees", "stated", "notes", "options"});
    if (!obj->has("bangfu")) {
      diags_.error("json.missing-field", at("bangfu"), "缺少格式版本字段 \"bangfu\"",
                   "missing the format version \"bangfu\"", "在开头加上 \"bangfu\": 1",
                   "add \"bangfu\": 1 at the start");
    } else {
      long long version = 0;
      if (integer(obj->get("bangfu"), "bangfu", version) && version != kFormatVersion) {
        diags_.error("json.bad-version", at("bangfu"), "不支持的格式版本 " + std::to_string(version),
                     "unsupported format version " + std::to_string(version), "\"bangfu\": 1");
      }
    }
    str(obj, "", "plugin", s.plugin);
    str(obj, "", "name", s.name);
    str(obj, "", "source", s.source);
    boolean(obj, "", "fictional", s.fictional);
    if (auto n = object(obj, "", "notice")) readNotice(n, "notice", s.notice);
    each(obj, "", "areas", [&](const Var& v, const std::string& p) { s.areas.push_back(readArea(v, p)); });
    each(obj, "", "units", [&](const Var& v, const std::string& p) { s.units.push_back(readUnit(v, p)); });
    each(obj, "", "people",
         [&](const Var& v, const std::string& p) { s.people.push_back(readPerson(v, p)); });
    each(obj, "", "teams", [&](const Var& v, const std::string& p) {
      if (auto t = asObject(v, p)) s.teams.push_back(readTeam(t, p));
    });
    each(obj, "", "pairings", [&](const Var& v, const std::string& p) {
      if (auto t = asObject(v, p)) s.pairings.push_back(readPairing(t, p));
    });
    each(obj, "", "committees", [&](const Var& v, const std::string& p) {
      if (auto t = asObject(v, p)) s.committees.push_back(readCommittee(t, p));
    });
    each(obj, "", "stated", [&](const Var& v, const std::string& p) {
      if (auto t = asObject(v, p)) s.stated.push_back(readStated(t, p));
    });
    if (auto notes = object(obj, "", "notes")) {
      for (const auto& [key, value] : *notes) {
        std::vector<std::string>& list = s.notes[key];
        strings(value, join("notes", key), list);
      }
    }
    if (auto options = object(obj, "", "options")) {
      for (const auto& [key, value] : *options) {
        std::string v;
        if (scalarString(value, join("options", key), v)) s.options[key] = v;
      }
    }
    return s;
  }

 private:
  using ObjPtr = Poco::JSON::Object::Ptr;

  [[nodiscard]] diag::Location at(const std::string& path) const { return {file_, "", 0, 0, path}; }

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
  static std::string index(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
  }

  /// `want` is the Chinese name with the JSON type after it: "整数 (integer)".
  void typeError(const std::string& path, const std::string& want, const Var& got) {
    const auto open = want.find(" (");
    const std::string wantEn =
        open == std::string::npos ? want : want.substr(open + 2, want.size() - open - 3);
    diags_.error("json.type", at(path), "应为" + want + "，实际是 " + typeName(got),
                 "expected " + wantEn + ", found " + typeName(got));
  }

  /// Warns about fields the format does not know, suggesting the nearest known one.
  void known(const ObjPtr& obj, const std::string& path, const std::vector<std::string>& fields) {
    for (const auto& [key, value] : *obj) {
      if (std::find(fields.begin(), fields.end(), key) != fields.end()) continue;
      const std::string near = diag::nearest(key, fields);
      diags_.warning("json.unknown-field", at(join(path, key)), "未知字段 \"" + key + "\"，已忽略",
                     "unknown field \"" + key + "\" ignored", near.empty() ? "" : "是否为 \"" + near + "\"？",
                     near.empty() ? "" : "did you mean \"" + near + "\"?");
    }
  }

  ObjPtr asObject(const Var& v, const std::string& path) {
    if (isObject(v)) return v.extract<ObjPtr>();
    typeError(path, "对象 (object)", v);
    return nullptr;
  }

  ObjPtr object(const ObjPtr& obj, const std::string& path, const std::string& key) {
    if (!obj->has(key)) return nullptr;
    const Var v = obj->get(key);
    if (v.isEmpty()) return nullptr;
    return asObject(v, join(path, key));
  }

  void each(const ObjPtr& obj, const std::string& path, const std::string& key,
            const std::function<void(const Var&, const std::string&)>& f) {
    if (!obj->has(key)) return;
    const Var v = obj->get(key);
    const std::string p = join(path, key);
    if (v.isEmpty()) return;
    if (!isArray(v)) {
      typeError(p, "数组 (array)", v);
      return;
    }
    const auto& arr = v.extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < arr->size(); ++i) f(arr->get(static_cast<unsigned>(i)), index(p, i));
  }

  bool scalarString(const Var& v, const std::string& path, std::string& out) {
    if (v.isEmpty()) return false;
    if (!v.isString()) {
      typeError(path, "字符串 (string)", v);
      return false;
    }
    out = v.extract<std::string>();
    return true;
  }

  void str(const ObjPtr& obj, const std::string& path, const std::string& key, std::string& out) {
    if (obj->has(key)) scalarString(obj->get(key), join(path, key), out);
  }

  void boolean(const ObjPtr& obj, const std::string& path, const std::string& key, bool& out) {
    if (!obj->has(key)) return;
    const Var v = obj->get(key);
    if (v.isEmpty()) return;
    if (!v.isBoolean()) {
      typeError(join(path, key), "true 或 false (true or false)", v);
      return;
    }
    out = v.extract<bool>();
  }

  bool integer(const Var& v, const std::string& path, long long& out) {
    if (v.isInteger() && !v.isBoolean()) {
      try {
        out = v.convert<Poco::Int64>();
        return true;
      } catch (const Poco::Exception&) {
        typeError(path, "整数 (integer)", v);
        return false;
      }
    }
    if (v.isNumeric() && !v.isBoolean()) {
      const double d = v.convert<double>();
      constexpr double kLimit = 9.0e15;  // exactly representable integers only
      if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < kLimit) {
        out = static_cast<long long>(d);
        return true;
      }
    }
    typeError(path, "整数 (integer)", v);
    return false;
  }

  void optionalInt(const ObjPtr& obj, const std::string& path, const std::string& key,
                   std::optional<int>& out) {
    if (!obj->has(key)) return;
    const Var v = obj->get(key);
    if (v.isEmpty()) return;
    long long n = 0;
    if (!integer(v, join(path, key), n)) return;
    if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max()) {
      typeError(join(path, key), "整数 (integer)", v);
      return;
    }
    out = static_cast<int>(n);
  }

  void strings(const Var& v, const std::string& path, std::vector<std::string>& out) {
    if (v.isEmpty()) return;
    if (!isArray(v)) {
      typeError(path, "字符串数组 (array of strings)", v);
      return;
    }
    const auto& arr = v.extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < arr->size(); ++i) {
      std::string s;
      if (scalarString(arr->get(static_cast<unsigned>(i)), index(path, i), s)) out.push_back(std::move(s));
    }
  }

  void strings(const ObjPtr& obj, const std::string& path, const std::string& key,
               std::vector<std::string>& out) {
    if (obj->has(key)) strings(obj->get(key), join(path, key), out);
  }

  void readNotice(const ObjPtr& n, const std::string& path, model::NoticeMeta& out) {
    known(n, path, {"issuers", "docNumber", "title", "date", "recipients", "appendices", "body"});
    strings(n, path, "issuers", out.issuers);
    str(n, path, "docNumber", out.docNumber);
    str(n, path, "title", out.title);
    str(n, path, "date", out.date);
    str(n, path, "recipients", out.recipients);
    each(n, path, "appendices", [&](const Var& v, const std::string& p) {
      auto a = asObject(v, p);
      if (!a) return;
      known(a, p, {"id", "label", "title"});
      model::AppendixRef ref;
      str(a, p, "id", ref.id);
      str(a, p, "label", ref.label);
      str(a, p, "title", ref.title);
      out.appendices.push_back(std::move(ref));
    });
  }

  /// A plain string S stands for {"id": S, "name": S} (docs/scheme-json.md).
  template <class T>
  bool shorthand(const Var& v, const std::string& path, T& out, ObjPtr& obj) {
    out.where = at(path);
    if (v.isString()) {
      out.id = out.name = v.extract<std::string>();
      return true;
    }
    obj = asObject(v, path);
    return obj.isNull();
  }

  /// Fills id and name; a missing one takes the other's value.
  template <class T>
  void idAndName(const ObjPtr& o, const std::string& path, T& out) {
    str(o, path, "id", out.id);
    str(o, path, "name", out.name);
    if (out.id.empty()) out.id = out.name;
    if (out.name.empty() && !o->has("name")) out.name = out.id;
  }

  model::Area readArea(const Var& v, const std::string& path) {
    model::Area a;
    ObjPtr o;
    if (shorthand(v, path, a, o)) return a;
    known(o, path, {"id", "name", "level", "parent", "annotation", "flags"});
    idAndName(o, path, a);
    std::string level;
    str(o, path, "level", level);
    if (!level.empty()) {
      if (auto l = names::areaLevelFromKey(level)) {
        a.level = *l;
      } else {
        diags_.error("json.bad-value", at(join(path, "level")), "未知的区划层级 \"" + level + "\"",
                     "unknown area level \"" + level + "\"",
                     suggest(level, {"province", "city", "county", "town", "village"}),
                     suggest(level, {"province", "city", "county", "town", "village"}, true));
      }
    }
    str(o, path, "parent", a.parent);
    str(o, path, "annotation", a.annotation);
    strings(o, path, "flags", a.flags);
    return a;
  }

  model::Unit readUnit(const Var& v, const std::string& path) {
    model::Unit u;
    ObjPtr o;
    if (shorthand(v, path, u, o)) return u;
    known(o, path, {"id", "name", "kind", "flags"});
    idAndName(o, path, u);
    str(o, path, "kind", u.kind);
    strings(o, path, "flags", u.flags);
    return u;
  }

  model::Person readPerson(const Var& v, const std::string& path) {
    model::Person p;
    ObjPtr o;
    if (shorthand(v, path, p, o)) return p;
    known(o, path, {"id", "name", "unit", "post", "annotation", "roles"});
    idAndName(o, path, p);
    str(o, path, "unit", p.unit);
    str(o, path, "post", p.post);
    str(o, path, "annotation", p.annotation);
    strings(o, path, "roles", p.roles);
    return p;
  }

  std::optional<model::TeamMember> readMember(const Var& v, const std::string& path) {
    if (v.isString()) {
      model::TeamMember m = model::parseMemberText(v.extract<std::string>(), &diags_, at(path));
      m.where = at(path);
      return m;
    }
    auto o = asObject(v, path);
    if (!o) return std::nullopt;
    known(o, path, {"units", "multiplicity"});
    model::TeamMember m;
    m.where = at(path);
    strings(o, path, "units", m.units);
    if (o->has("multiplicity") && !o->get("multiplicity").isEmpty()) {
      long long n = 1;
      if (integer(o->get("multiplicity"), join(path, "multiplicity"), n)) {
        if (n < model::kMinMultiplicity || n > model::kMaxMultiplicity) {
          diags_.error("member.bad-count", at(join(path, "multiplicity")),
                       "组数" + std::to_string(n) + "超出范围（应为 " +
                           std::to_string(model::kMinMultiplicity) + " 到 " +
                           std::to_string(model::kMaxMultiplicity) + "）",
                       "multiplicity " + std::to_string(n) + " is out of range (" +
                           std::to_string(model::kMinMultiplicity) + " to " +
                           std::to_string(model::kMaxMultiplicity) + ")",
                       "填写该单位派出的工作组数", "fill in the number of working groups this unit sends");
        } else {
          m.multiplicity = static_cast<int>(n);
        }
      }
    }
    return m;
  }

  model::Team readTeam(const ObjPtr& o, const std::string& path) {
    model::Team t;
    t.where = at(path);
    known(o, path,
          {"id", "name", "target", "targets", "leader", "members", "people", "statedGroups",
           "statedInstructors", "statedVillages", "partnerAreas"});
    str(o, path, "id", t.id);
    str(o, path, "name", t.name);
    str(o, path, "target", t.target);
    strings(o, path, "targets", t.targets);
    if (o->has("leader") && !o->get("leader").isEmpty())
      t.leader = readMember(o->get("leader"), join(path, "leader"));
    each(o, path, "members", [&](const Var& v, const std::string& p) {
      if (auto m = readMember(v, p)) t.members.push_back(std::move(*m));
    });
    strings(o, path, "people", t.people);
    optionalInt(o, path, "statedGroups", t.statedGroups);
    optionalInt(o, path, "statedInstructors", t.statedInstructors);
    optionalInt(o, path, "statedVillages", t.statedVillages);
    strings(o, path, "partnerAreas", t.partnerAreas);
    return t;
  }

  model::Party readParty(const ObjPtr& owner, const std::string& path, const std::string& key) {
    model::Party party;
    const std::string p = join(path, key);
    if (!owner->has(key)) {
      diags_.error("json.missing-field", at(p), "缺少字段 \"" + key + "\"", "missing field \"" + key + "\"");
      return party;
    }
    auto o = asObject(owner->get(key), p);
    if (!o) return party;
    known(o, p, {"kind", "ref"});
    std::string kind;
    str(o, p, "kind", kind);
    if (auto k = names::partyKindFromKey(kind)) {
      party.kind = *k;
    } else {
      diags_.error("json.bad-value", at(join(p, "kind")), "未知的结对方类型 \"" + kind + "\"",
                   "unknown party kind \"" + kind + "\"",
                   suggest(kind, {"person", "unit", "team", "area", "household"}),
                   suggest(kind, {"person", "unit", "team", "area", "household"}, true));
    }
    str(o, p, "ref", party.ref);
    return party;
  }

  model::Pairing readPairing(const ObjPtr& o, const std::string& path) {
    model::Pairing pr;
    pr.where = at(path);
    known(o, path, {"kind", "helper", "target", "period", "role", "note"});
    str(o, path, "kind", pr.kind);
    if (!o->has("kind")) {
      diags_.error("json.missing-field", at(join(path, "kind")), "缺少结对类型 \"kind\"",
                   "missing pairing kind \"kind\"");
    }
    pr.helper = readParty(o, path, "helper");
    pr.target = readParty(o, path, "target");
    str(o, path, "period", pr.period);
    str(o, path, "role", pr.role);
    str(o, path, "note", pr.note);
    return pr;
  }

  model::Committee readCommittee(const ObjPtr& o, const std::string& path) {
    model::Committee c;
    c.where = at(path);
    known(o, path, {"id", "name", "intro", "roles", "closing"});
    str(o, path, "id", c.id);
    str(o, path, "name", c.name);
    str(o, path, "intro", c.intro);
    each(o, path, "roles", [&](const Var& v, const std::string& p) {
      auto r = asObject(v, p);
      if (!r) return;
      known(r, p, {"title", "people", "strokeOrder"});
      model::CommitteeRole role;
      str(r, p, "title", role.title);
      strings(r, p, "people", role.people);
      boolean(r, p, "strokeOrder", role.strokeOrder);
      c.roles.push_back(std::move(role));
    });
    str(o, path, "closing", c.closing);
    return c;
  }

  model::StatedFigure readStated(const ObjPtr& o, const std::string& path) {
    model::StatedFigure f;
    f.where = at(path);
    known(o, path, {"key", "label", "value", "acknowledged"});
    str(o, path, "key", f.key);
    str(o, path, "label", f.label);
    str(o, path, "acknowledged", f.acknowledged);
    if (!o->has("value") || o->get("value").isEmpty()) {
      diags_.error("json.missing-field", at(join(path, "value")), "缺少数值 \"value\"", "missing \"value\"");
    } else {
      integer(o->get("value"), join(path, "value"), f.value);
    }
    return f;
  }

  /// The fix for a value outside `allowed`: Chinese, or English when `english`.
  static std::string suggest(const std::string& got, const std::vector<std::string>& allowed,
                             bool english = false) {
    const std::string near = diag::nearest(got, allowed);
    if (!near.empty()) return english ? "did you mean \"" + near + "\"?" : "是否为 \"" + near + "\"？";
    std::string all;
    for (const auto& a : allowed) all += (all.empty() ? "" : english ? ", " : "、") + a;
    return (english ? "choices: " : "可选值：") + all;
  }

  std::string file_;
  diag::Diagnostics& diags_;
};

// ---- writing ----------------------------------------------------------------

/// A JSON value built in memory and printed canonically.
struct JValue {
  using Members = std::vector<std::pair<std::string, JValue>>;
  std::variant<std::nullptr_t, bool, long long, std::string, std::vector<JValue>, Members> v;
};

JValue jstr(std::string s) { return {std::move(s)}; }
JValue jint(long long n) { return {n}; }
JValue jbool(bool b) { return {b}; }
JValue jstrings(const std::vector<std::string>& list) {
  std::vector<JValue> a;
  a.reserve(list.size());
  for (const auto& s : list) a.push_back(jstr(s));
  return {std::move(a)};
}

void escape(std::string& out, const std::string& s) { appendJsonString(out, s); }

void inlineJson(std::string& out, const JValue& j) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>)
          out += "null";
        else if constexpr (std::is_same_v<T, bool>)
          out += x ? "true" : "false";
        else if constexpr (std::is_same_v<T, long long>)
          out += std::to_string(x);
        else if constexpr (std::is_same_v<T, std::string>)
          escape(out, x);
        else if constexpr (std::is_same_v<T, std::vector<JValue>>) {
          out += '[';
          for (std::size_t i = 0; i < x.size(); ++i) {
            if (i) out += ", ";
            inlineJson(out, x[i]);
          }
          out += ']';
        } else {
          out += '{';
          for (std::size_t i = 0; i < x.size(); ++i) {
            if (i) out += ", ";
            escape(out, x[i].first);
            out += ": ";
            inlineJson(out, x[i].second);
          }
          out += '}';
        }
      },
      j.v);
}

/// Containers that fit in kInlineWidth display columns after their indent are
/// written on one line; others one item per line, indented by 2 spaces.
constexpr std::size_t kInlineWidth = 100;
constexpr int kIndent = 2;

void prettyJson(std::string& out, const JValue& j, int depth) {
  std::string flat;
  inlineJson(flat, j);
  const bool container = j.v.index() >= 4;
  if (!container ||
      (depth > 0 && text::displayWidth(flat) + static_cast<std::size_t>(depth * kIndent) <= kInlineWidth)) {
    out += flat;
    return;
  }
  const std::string pad(static_cast<std::size_t>((depth + 1) * kIndent), ' ');
  const std::string closePad(static_cast<std::size_t>(depth * kIndent), ' ');
  if (const auto* arr = std::get_if<std::vector<JValue>>(&j.v)) {
    if (arr->empty()) {
      out += "[]";
      return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < arr->size(); ++i) {
      out += pad;
      prettyJson(out, (*arr)[i], depth + 1);
      out += i + 1 < arr->size() ? ",\n" : "\n";
    }
    out += closePad + "]";
  } else {
    const auto& members = std::get<JValue::Members>(j.v);
    if (members.empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    for (std::size_t i = 0; i < members.size(); ++i) {
      out += pad;
      escape(out, members[i].first);
      out += ": ";
      prettyJson(out, members[i].second, depth + 1);
      out += i + 1 < members.size() ? ",\n" : "\n";
    }
    out += closePad + "}";
  }
}

class ObjectBuilder {
 public:
  ObjectBuilder& add(const std::string& key, JValue v) {
    m_.emplace_back(key, std::move(v));
    return *this;
  }
  /// Strings and lists are left out when empty (docs/scheme-json.md: "may be left out").
  ObjectBuilder& opt(const std::string& key, const std::string& s) {
    if (!s.empty()) add(key, jstr(s));
    return *this;
  }
  ObjectBuilder& opt(const std::string& key, const std::vector<std::string>& list) {
    if (!list.empty()) add(key, jstrings(list));
    return *this;
  }
  ObjectBuilder& opt(const std::string& key, const std::optional<int>& n) {
    if (n) add(key, jint(*n));
    return *this;
  }
  JValue done() { return {std::move(m_)}; }

 private:
  JValue::Members m_;
};

JValue memberJson(const model::TeamMember& m) {
  // The shorthand when it reads back to the same member, else the object form.
  const std::string text = model::formatMemberText(m);
  const model::TeamMember back = model::parseMemberText(text);
  if (back.units == m.units && back.multiplicity == m.multiplicity) return jstr(text);
  ObjectBuilder b;
  b.add("units", jstrings(m.units));
  if (m.multiplicity != 1) b.add("multiplicity", jint(m.multiplicity));
  return b.done();
}

JValue partyJson(const model::Party& p) {
  return ObjectBuilder().add("kind", jstr(names::partyKindKey(p.kind))).add("ref", jstr(p.ref)).done();
}

template <class T, class F>
void addList(ObjectBuilder& b, const std::string& key, const std::vector<T>& items, F&& f) {
  if (items.empty()) return;
  std::vector<JValue> a;
  a.reserve(items.size());
  for (const auto& x : items) a.push_back(f(x));
  b.add(key, {std::move(a)});
}

JValue schemeJson(const model::Scheme& s) {
  ObjectBuilder root;
  root.add("bangfu", jint(kFormatVersion)).add("plugin", jstr(s.plugin)).add("name", jstr(s.name));
  root.add("source", jstr(s.source)).add("fictional", jbool(s.fictional));
  ObjectBuilder notice;
  const auto& n = s.notice;
  notice.add("issuers", jstrings(n.issuers)).add("docNumber", jstr(n.docNumber)).add("title", jstr(n.title));
  notice.add("date", jstr(n.date)).add("recipients", jstr(n.recipients));
  std::vector<JValue> apps;
  for (const auto& a : n.appendices)
    apps.push_back(
        ObjectBuilder().add("id", jstr(a.id)).add("label", jstr(a.label)).add("title", jstr(a.title)).done());
  notice.add("appendices", {std::move(apps)});
  root.add("notice", notice.done());

  addList(root, "areas", s.areas, [](const model::Area& a) {
    ObjectBuilder b;
    b.add("id", jstr(a.id)).add("name", jstr(a.name)).add("level", jstr(names::areaLevelKey(a.level)));
    return b.opt("parent", a.parent).opt("annotation", a.annotation).opt("flags", a.flags).done();
  });
  addList(root, "units", s.units, [](const model::Unit& u) {
    if (u.name == u.id && u.kind.empty() && u.flags.empty() && !u.id.empty()) return jstr(u.id);
    return ObjectBuilder()
        .add("id", jstr(u.id))
        .add("name", jstr(u.name))
        .opt("kind", u.kind)
        .opt("flags", u.flags)
        .done();
  });
  addList(root, "people", s.people, [](const model::Person& p) {
    if (p.name == p.id && p.unit.empty() && p.post.empty() && p.annotation.empty() && p.roles.empty() &&
        !p.id.empty())
      return jstr(p.id);
    ObjectBuilder b;
    b.add("id", jstr(p.id)).add("name", jstr(p.name));
    return b.opt("unit", p.unit)
        .opt("post", p.post)
        .opt("annotation", p.annotation)
        .opt("roles", p.roles)
        .done();
  });
  addList(root, "teams", s.teams, [](const model::Team& t) {
    ObjectBuilder b;
    b.add("id", jstr(t.id)).opt("name", t.name).opt("target", t.target).opt("targets", t.targets);
    if (t.leader) b.add("leader", memberJson(*t.leader));
    if (!t.members.empty()) {
      std::vector<JValue> ms;
      for (const auto& m : t.members) ms.push_back(memberJson(m));
      b.add("members", {std::move(ms)});
    }
    b.opt("people", t.people)
        .opt("statedGroups", t.statedGroups)
        .opt("statedInstructors", t.statedInstructors);
    return b.opt("statedVillages", t.statedVillages).opt("partnerAreas", t.partnerAreas).done();
  });
  addList(root, "pairings", s.pairings, [](const model::Pairing& p) {
    ObjectBuilder b;
    b.add("kind", jstr(p.kind)).add("helper", partyJson(p.helper)).add("target", partyJson(p.target));
    return b.opt("period", p.period).opt("role", p.role).opt("note", p.note).done();
  });
  addList(root, "committees", s.committees, [](const model::Committee& c) {
    ObjectBuilder b;
    b.add("id", jstr(c.id)).add("name", jstr(c.name)).opt("intro", c.intro);
    std::vector<JValue> roles;
    for (const auto& r : c.roles) {
      ObjectBuilder rb;
      rb.add("title", jstr(r.title)).add("people", jstrings(r.people));
      if (r.strokeOrder) rb.add("strokeOrder", jbool(true));
      roles.push_back(rb.done());
    }
    b.add("roles", {std::move(roles)});
    return b.opt("closing", c.closing).done();
  });
  addList(root, "stated", s.stated, [](const model::StatedFigure& f) {
    ObjectBuilder b;
    b.add("key", jstr(f.key)).add("label", jstr(f.label)).add("value", jint(f.value));
    return b.opt("acknowledged", f.acknowledged).done();
  });
  if (!s.notes.empty()) {
    ObjectBuilder b;
    for (const auto& [k, list] : s.notes) b.add(k, jstrings(list));
    root.add("notes", b.done());
  }
  if (!s.options.empty()) {
    ObjectBuilder b;
    for (const auto& [k, v] : s.options) b.add(k, jstr(v));
    root.add("options", b.done());
  }
  return root.done();
}

/// Poco's parse errors carry no position, so a syntax error is located again
/// with this small RFC 8259 scanner: the offset of the first byte that cannot
/// continue a JSON text (or the end, when the text stops early).
class SyntaxLocator {
 public:
  explicit SyntaxLocator(std::string_view t) : t_(t) {}

  std::size_t errorOffset() {
    ws();
    if (!value(0)) return i_;
    ws();
    return i_;
  }

 private:
  static constexpr int kMaxDepth = 128;  // Poco's default depth limit

  void ws() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r')) ++i_;
  }
  bool lit(std::string_view w) {
    if (t_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  bool string() {
    if (i_ >= t_.size() || t_[i_] != '"') return false;
    ++i_;
    while (i_ < t_.size()) {
      const auto c = static_cast<unsigned char>(t_[i_]);
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        ++i_;
        if (i_ >= t_.size()) return false;
        const char e = t_[i_];
        if (e == 'u') {
          for (int k = 1; k <= 4; ++k)
            if (i_ + k >= t_.size() || !std::isxdigit(static_cast<unsigned char>(t_[i_ + k]))) {
              i_ += static_cast<std::size_t>(k);
              return false;
            }
          i_ += 4;
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return false;
        }
      }
      ++i_;
    }
    return false;
  }
  bool digits() {
    const std::size_t start = i_;
    while (i_ < t_.size() && std::isdigit(static_cast<unsigned char>(t_[i_]))) ++i_;
    return i_ > start;
  }
  bool number() {
    if (i_ < t_.size() && t_[i_] == '-') ++i_;
    if (i_ < t_.size() && t_[i_] == '0')
      ++i_;
    else if (!digits())
      return false;
    if (i_ < t_.size() && t_[i_] == '.') {
      ++i_;
      if (!digits()) return false;
    }
    if (i_ < t_.size() && (t_[i_] == 'e' || t_[i_] == 'E')) {
      ++i_;
      if (i_ < t_.size() && (t_[i_] == '+' || t_[i_] == '-')) ++i_;
      if (!digits()) return false;
    }
    return true;
  }
  bool value(int depth) {
    if (i_ >= t_.size() || depth > kMaxDepth) return false;
    const char c = t_[i_];
    if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++i_;
      ws();
      if (i_ < t_.size() && t_[i_] == close) {
        ++i_;
        return true;
      }
      while (true) {
        if (c == '{') {
          if (!string()) return false;
          ws();
          if (!lit(":")) return false;
          ws();
        }
        if (!value(depth + 1)) return false;
        ws();
        if (lit(",")) {
          ws();
          continue;
        }
        return lit(std::string_view(&close, 1));
      }
    }
    if (c == '"') return string();
    if (c == 't') return lit("true");
    if (c == 'f') return lit("false");
    if (c == 'n') return lit("null");
    return number();
  }

  std::string_view t_;
  std::size_t i_ = 0;
};

}  // namespace

model::Scheme parseSchemeJson(const std::string& input, const std::string& file, diag::Diagnostics& diags) {
  std::string_view text(input);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const std::size_t bad = detail::firstInvalidUtf8(text);
  if (bad != std::string_view::npos) {
    int line = 0, column = 0;
    detail::lineColumn(text, bad, line, column);
    fail("json.bad-encoding", {file, "", line, column, ""}, "JSON 文件不是有效的 UTF-8 编码",
         "the JSON file is not valid UTF-8", "用文本编辑器另存为 UTF-8", "save it as UTF-8 in a text editor");
  }
  Var root;
  try {
    detail::faultPoint("json.parse");
    Poco::JSON::Parser parser;
    root = parser.parse(std::string(text));
  } catch (const Poco::Exception& e) {
    // Poco::JSON reports bad syntax as JSONException / SyntaxException; anything
    // else it throws is a bug, and escapes (the fuzzer sees it).
    int line = 0, column = 0;
    detail::lineColumn(text, SyntaxLocator(text).errorOffset(), line, column);
    fail("json.syntax", {file, "", line, column, ""}, "JSON 语法错误（“" + e.message() + "”）",
         "JSON syntax error: " + e.message(), "检查逗号、引号和括号是否配对",
         "check that commas, quotes and brackets match");
  }
  checkJsonText(text, file, diags);  // duplicate keys and control characters Poco accepts
  // The reader checks every value's type before it extracts it, so a
  // Poco::BadCastException here would be a bug, not bad input: not caught.
  detail::faultPoint("json.read");
  return SchemeReader(file, diags).read(root);
}

model::Scheme loadSchemeJson(const std::string& path, diag::Diagnostics& diags) {
  constexpr std::size_t kMaxSchemeBytes = 64u << 20;
  return parseSchemeJson(detail::readInput(path, kMaxSchemeBytes), path, diags);
}

std::string schemeToJson(const model::Scheme& scheme) {
  std::string out;
  prettyJson(out, schemeJson(scheme), 0);
  out += '\n';
  return out;
}

std::string schemeToCompactJson(const model::Scheme& scheme) {
  std::string out;
  inlineJson(out, schemeJson(scheme));
  return out;
}

}  // namespace bangfu::io
