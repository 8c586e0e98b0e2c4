#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and renders the bundled Lishui 2019
# example: 附件1 市级领导结对帮扶方案 and 附件2 市级结对帮扶团组安排方案, to DOCX and
# XLSX in out/lishui-2019/ (one file per appendix, named as an office would).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build/bangfu check examples/lishui-2019/scheme.json
build/bangfu render examples/lishui-2019/scheme.json --out out/lishui-2019 --split --format docx,xlsx
echo
echo "Outputs:"
ls -l out/lishui-2019/
