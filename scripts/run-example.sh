#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and renders the bundled Lishui 2019
# example: the whole notice (版头, text from examples/lishui-2019/notice.md, 附件说明)
# with 附件1 市级领导结对帮扶方案 and 附件2 市级结对帮扶团组安排方案 bound in, to DOCX,
# and the two appendix tables to XLSX, in out/lishui-2019/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build/bangfu check examples/lishui-2019/scheme.json
build/bangfu render examples/lishui-2019/scheme.json --out out/lishui-2019 --format docx,xlsx
echo
echo "Outputs:"
ls -l out/lishui-2019/
