#include "docx/rows_ahead.hpp"

#include <system_error>
#include <utility>

namespace bangfu::docx {

RowsAhead::RowsAhead(const doc::Table& t, std::size_t ncols, const std::vector<int>& widths,
                     const bangfu::layout::TableMetrics& m)
    : measurer_(t, ncols, widths, m), rows_(t.rows.size()) {
  try {
    worker_ = std::thread([this] { measureAll(); });
  } catch (const std::system_error&) {
    // No thread to be had: row() measures on the caller's thread.
  }
}

RowsAhead::~RowsAhead() {
  if (!worker_.joinable()) return;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  worker_.join();
}

void RowsAhead::measureAll() {
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      if (stop_) return;
    }
    Row measured;
    try {
      measurer_.measureNext();
      measured.lines = measurer_.lines();
      measured.cells = measurer_.cells();
      measured.merged = measurer_.merged();
    } catch (...) {
      const std::lock_guard<std::mutex> lock(mutex_);
      failure_ = std::current_exception();
      ready_.notify_one();
      return;
    }
    rows_[r] = std::move(measured);
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      done_ = r + 1;
    }
    ready_.notify_one();
  }
}

const RowsAhead::Row& RowsAhead::row(std::size_t r) {
  if (!worker_.joinable()) {
    measurer_.measureNext();
    Row& measured = rows_[r];
    measured.lines = measurer_.lines();
    measured.cells = measurer_.cells();
    measured.merged = measurer_.merged();
    if (r > 0) rows_[r - 1] = Row{};  // asked for once: its memory goes back
    return measured;
  }
  std::unique_lock<std::mutex> lock(mutex_);
  ready_.wait(lock, [&] { return done_ > r || failure_ != nullptr; });
  if (done_ <= r) std::rethrow_exception(failure_);
  lock.unlock();
  if (r > 0) rows_[r - 1] = Row{};  // asked for once: its memory goes back
  return rows_[r];
}

}  // namespace bangfu::docx
