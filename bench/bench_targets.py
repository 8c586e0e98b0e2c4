"""The speed targets the bench reports as pass or miss, as set in the writer issues."""
# DOCX writer (issue 4), at 20000 rows, in the same run as the floor.
DOCX_TIME_X_FLOOR = 1.5    # bangfu table -o x.docx ≤ 1.5 × floor_deflate's median wall time
DOCX_RSS_MIB = 100.0       # peak RSS ≤ 100 MiB
DOCX_SIZE_X_FLOOR = 1.15   # output ≤ 1.15 × the floor's compressed size (no storing parts uncompressed)
# XLSX writer (issue 5), against the plain libxlsxwriter C peer in the same run.
XLSX_TIME_X_LIBXLSXWRITER = 1.25
XLSX_RSS_X_LIBXLSXWRITER = 1.2
# Chinese text (issue 6): bangfu names sort of 100,000 names by stroke.
NAMES_SORT_S = 0.2
TARGET_N = 20000
# Typeset tables (issue 16): the column widths from measured text add at most 10 % to
# bangfu table at TARGET_N (bench/width_share.py, instructions of the main thread).
WIDTHS_ADD_PCT = 10.0
# Batch builds (issue 8), on a project with 1000 per-entity outputs.
BATCH_J2_X_J1 = 0.6        # full build with 2 jobs ≤ 0.6 × the time with 1 job
BATCH_NOOP_X_FULL = 0.05   # no-op rebuild ≤ 5% of a full build
BATCH_CHANGE_X_FULL = 0.10  # one-county change ≤ 10%
