#pragma once
/// bangfu::layout::RowMeasurer run ahead of the DOCX writer on a second thread. The writer's
/// own thread sets the DOCX's wall time at 20000 rows, while the deflate threads
/// leave the second core idle about a third of the run (issue 16): measuring each
/// row there, in order, takes that work off the writer. Rows are measured exactly
/// as RowMeasurer measures them on one thread; without a thread to be had, the
/// writer's thread measures them as they are asked for.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "bangfu/doc/document.hpp"
#include "bangfu/layout/columns.hpp"

namespace bangfu::docx {

class RowsAhead {
 public:
  /// What RowMeasurer says of one row after its measureNext.
  struct Row {
    int lines = 1;
    std::vector<bangfu::layout::CellLineCount> cells;
    bool merged = false;
  };

  RowsAhead(const doc::Table& t, std::size_t ncols, const std::vector<int>& widths,
            const bangfu::layout::TableMetrics& m);
  ~RowsAhead();
  RowsAhead(const RowsAhead&) = delete;
  RowsAhead& operator=(const RowsAhead&) = delete;

  /// Row r measured (rows are asked for in order, each once); rethrows what
  /// measuring it threw. Valid until the next call.
  const Row& row(std::size_t r);

 private:
  void measureAll();

  bangfu::layout::RowMeasurer measurer_;  // on the thread once it runs; else on the caller's
  std::vector<Row> rows_;
  std::size_t done_ = 0;  // rows measured, under mutex_
  bool stop_ = false;     // under mutex_
  std::exception_ptr failure_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::thread worker_;
};

}  // namespace bangfu::docx
