#pragma once
// Heading levels recognised from the text (GB/T 9704-2012 7.3.3: 一、 （一） 1. （1）)
// and their sequence check.
#include <string>

#include "bangfu/diag/diagnostic.hpp"

namespace bangfu::notice {

struct Heading {
  int level = 0;                ///< 1 一、, 2 （一）, 3 1., 4 （1）; 0 = no heading number
  int number = 0;               ///< the number itself (三 → 3)
  std::size_t prefixBytes = 0;  ///< bytes of the number with its mark
  std::string label;            ///< the number as written: 三、
};

/// The heading number a paragraph starts with, if any.
Heading detectHeading(const std::string& text);

/// Numbers must run 1, 2, 3 … within their parent: （一） restarts after each 一、,
/// 1. and （1） may also restart at 1 after a plain paragraph (a new list).
class HeadingSequence {
 public:
  void check(const Heading& h, const std::string& text, const diag::Location& where,
             diag::Diagnostics& diags);

 private:
  int last_[5] = {0, 0, 0, 0, 0};
  bool listBreak_ = false;
};

/// `where` moved `codePoints` to the right on its line (text files only: a cell or
/// a JSON path has no column to move).
diag::Location shifted(diag::Location where, int codePoints);

}  // namespace bangfu::notice
