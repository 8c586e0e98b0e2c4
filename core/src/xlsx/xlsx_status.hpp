#pragma once
/// The first libxlsxwriter error of a workbook, kept with the call that returned
/// it: the writer goes on (the library ignores calls after an error) and reports
/// this one once, as `xlsx.internal`.
#include <xlsxwriter.h>

namespace bangfu::xlsx::detail {

class LxwStatus {
 public:
  void check(lxw_error e, const char* what) {
    if (e != LXW_NO_ERROR && first_ == LXW_NO_ERROR) {
      first_ = e;
      what_ = what;
    }
  }
  [[nodiscard]] bool failed() const { return first_ != LXW_NO_ERROR; }
  [[nodiscard]] lxw_error error() const { return first_; }
  [[nodiscard]] const char* what() const { return what_; }

 private:
  lxw_error first_ = LXW_NO_ERROR;
  const char* what_ = "";
};

}  // namespace bangfu::xlsx::detail
