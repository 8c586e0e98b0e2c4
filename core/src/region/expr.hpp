#pragma once
// The value language of region files (docs/region-files.md "Values"): a field
// path (`target.level`), a literal ('县'), or a built-in formatter applied to
// values (`areaLabel(target, 'annotation')`, `join(personLabel(helper))`).
// Parsed and type-checked once when the file is read; evaluated per row.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bangfu/doc/document.hpp"
#include "bangfu/model/scheme.hpp"

namespace bangfu::region {

/// What a value is, statically: the kinds of entity a path can land on, and
/// the plain kinds a cell can print.
enum class Type { Text, Number, List, Runs, Area, Person, Unit, Team, Party, Member, Members, Pairing, Any };

/// The collections rows and rules can come from.
enum class Collection { Pairings, Areas, Teams, People, Units };

std::optional<Collection> collectionNamed(const std::string& name);
const std::vector<std::string>& collectionNames();
Type itemType(Collection c);

struct Expr {
  enum class Kind { Path, Literal, Call };
  Kind kind = Kind::Path;
  std::vector<std::string> path;  ///< Path: segments
  std::string text;               ///< Literal: the text; Call: the function name
  std::vector<Expr> args;         ///< Call
  Type type = Type::Any;          ///< filled by check
};

/// A parse or type error: the message (Chinese, English) and a likely fix.
struct ExprError {
  std::string zh;
  std::string en;
  std::string suggestion;
};

/// Parses and type-checks `source` for rows of type `item`. Returns the error
/// instead when the text is not a valid value.
std::optional<ExprError> parseExpr(const std::string& source, Type item, Expr& out);

/// One evaluated value.
struct Value {
  Type type = Type::Text;
  bool absent = true;  ///< an empty optional field, a missing reference
  std::string text;    ///< Text; the id for entity types
  double number = 0;
  std::vector<std::string> list;
  std::vector<doc::Run> runs;
  const void* entity = nullptr;  ///< Pairing*, Team*, Party*, TeamMember*, vector<TeamMember>*
};

/// Everything a value may look at while one row is built.
struct RowContext {
  const model::Scheme* scheme = nullptr;
  Type itemType = Type::Any;
  const void* item = nullptr;      ///< the row's entity
  std::vector<const void*> group;  ///< the row's group (itself when not grouped)
  std::size_t sequence = 0;        ///< 1-based row number
  std::string boldFlag;            ///< the column's 黑体 flag for member lists
};

Value evaluate(const Expr& e, const RowContext& row);
/// The value as printed: numbers in their shortest form, references by label.
std::string printed(const Value& v, const model::Scheme& scheme);
/// An entity's own value (the row item as a Value).
Value entityValue(Type type, const void* entity);

}  // namespace bangfu::region
