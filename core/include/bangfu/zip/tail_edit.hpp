// Rewriting the end of a deflated part of a ZIP archive without compressing the
// whole part again.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bangfu::zip {

/// The archive is not one this module can edit: not a ZIP, a part it cannot
/// reach (ZIP64, encryption, a data descriptor, a method other than deflate), a
/// damaged deflate stream or CRC. what() names the part
/// and the reason. The archives edited are bangfu's own outputs, so this is an
/// internal error, not a clerk's.
class EditError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// How one part's end is rewritten. `rewrite` gets the part's bytes from a point
/// at or before the first occurrence of `marker` to the end (the point is where a
/// deflate block starts, so its exact place is not part of the contract) and
/// returns what replaces them.
struct TailEdit {
  std::string part;  ///< the entry's name, e.g. "xl/worksheets/sheet1.xml"
  std::string marker;
  std::function<std::string(std::string tail)> rewrite;
};

/// `archive`, a whole ZIP file, with the named parts' tails rewritten; entries,
/// their order, names, dates and the other parts' bytes stay as they are; parts
/// the archive does not hold, or that lack their marker, are left unchanged. Each edited part is inflated
/// once; the deflate blocks before its marker are copied bit for bit and only the
/// rest is deflated again, with the 32 KiB before it as the dictionary (the
/// splice of zlib's examples/gzappend.c, RFC 1951 3.2.3: a block may end at any
/// bit). An edit near the end of a large part so costs an inflate, not a second
/// deflate. Throws EditError.
std::string editPartTails(std::string_view archive, const std::vector<TailEdit>& edits);

}  // namespace bangfu::zip
