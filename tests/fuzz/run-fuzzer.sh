#!/bin/sh
# Runs a libFuzzer target for a short time: new inputs go to a corpus in
# the build tree (created here), the seeds in the source tree are only read.
# usage: run-fuzzer.sh FUZZER SECONDS WORK_CORPUS SEED_DIR…
set -e
fuzzer=$1
seconds=$2
work=$3
shift 3
mkdir -p "$work"
exec "$fuzzer" "$work" "$@" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=65536 -print_final_stats=1
