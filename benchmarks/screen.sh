#!/usr/bin/env bash
# Screening throughput and peak memory (run on demand, from the project folder; not part of the tests).
#   bash benchmarks/screen.sh [rows_duckdb] [rows_python]
# Writes sample tapes under ${BENCH_DIR:-/tmp/glc-bench}, then screens them with /usr/bin/time -v:
# DuckDB on the large Parquet tape (every row under the program the tape assigns it), the Python engine on the small one.
set -euo pipefail
ROWS=${1:-1000000}
PY_ROWS=${2:-100000}
DIR=${BENCH_DIR:-/tmp/glc-bench}
mkdir -p "$DIR"
[ -f "$DIR/tape$ROWS.parquet" ] || .venv/bin/glc sample-tape "$DIR/tape$ROWS.parquet" --rows "$ROWS" --seed 1
[ -f "$DIR/tape$PY_ROWS.parquet" ] || .venv/bin/glc sample-tape "$DIR/tape$PY_ROWS.parquet" --rows "$PY_ROWS" --seed 2
for run in "duckdb $ROWS" "python $PY_ROWS"; do
  set -- $run
  /usr/bin/time -v .venv/bin/glc screen "$DIR/tape$2.parquet" --engine "$1" --out "$DIR/out-$1" 2> "$DIR/time-$1.txt" | tail -1
  grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$DIR/time-$1.txt"
done
