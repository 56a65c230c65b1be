#!/bin/sh
# Benchmark (not a test): PDF inspection and first-page preview against the
# Poppler command-line tools, on the 1-page and the 30-page fixture.
#
#   tests/bench/bench-pdf.sh [BUILD_DIR]      (default _build)
#
# Compares, as wall-clock medians of whole processes (start-up included):
#   mensajero-cli inspect --json FILE     vs  pdftotext FILE /dev/null
#   bench-render FILE (page 1, 96 dpi)    vs  pdftoppm -r 96 -f 1 -l 1 -png FILE
# and prints the in-process times of one open + render and one inspection.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-_build}
case $build in /*) ;; *) build=$top/$build ;; esac
ninja -C "$build" tests/pdf-fixtures.stamp tests/bench-render src/cli/mensajero-cli >/dev/null
fixtures=$build/tests/pdf-fixtures
exec /usr/bin/python3 - "$build" "$fixtures" <<'PY'
import statistics, subprocess, sys, tempfile, time, os
build, fixtures = sys.argv[1], sys.argv[2]
cli = os.path.join(build, "src/cli/mensajero-cli")
render = os.path.join(build, "tests/bench-render")
runs = int(os.environ.get("MJ_BENCH_RUNS", "15"))
tmp = tempfile.mkdtemp(prefix="mj-bench-")

def median_ms(cmd):
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)

print("%-16s %-34s %9s %9s %7s" % ("file", "operation", "ours ms", "tool ms", "ratio"))
for name in ("factura-es.pdf", "factura-30.pdf"):
    path = os.path.join(fixtures, name)
    ours = median_ms([cli, "inspect", "--json", path])
    tool = median_ms(["pdftotext", path, "/dev/null"])
    print("%-16s %-34s %9.1f %9.1f %7.2f" % (name, "inspect --json vs pdftotext", ours, tool, ours / tool))
    ours = median_ms([render, path])
    tool = median_ms(["pdftoppm", "-r", "96", "-f", "1", "-l", "1", "-png", path, os.path.join(tmp, "p")])
    print("%-16s %-34s %9.1f %9.1f %7.2f" % (name, "render p.1 vs pdftoppm -r 96", ours, tool, ours / tool))
    inproc = subprocess.run([render, path, "20"], capture_output=True, text=True).stdout.strip()
    print("%-16s %-34s %9s" % (name, "render p.1 in-process (open+draw)", inproc))
    inproc = subprocess.run([render, "--inspect", path, "20"], capture_output=True, text=True).stdout.strip()
    print("%-16s %-34s %9s" % (name, "inspect in-process", inproc))
PY
