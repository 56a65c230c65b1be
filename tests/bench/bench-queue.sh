#!/bin/sh
# Benchmark (not a test): a batch of N invoices through one `mensajero-cli
# queue run` (one connection, one TLS handshake, one AUTH) against N `msmtp`
# processes sending the same message to the same loopback submission server
# (tests/servers/smtp_server.py).
#
#   tests/bench/bench-queue.sh [N]       (MJ_CLI = path of mensajero-cli)
#
# The invoices are queued first (not timed): the figure compares sending.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
runs=${1:-100}

if [ -z "${MJ_BENCH_INNER:-}" ]; then
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/mj-bench.XXXXXX")
  mkdir -m 700 "$scratch/run"
  rc=0
  env -u DBUS_SESSION_BUS_ADDRESS MJ_BENCH_INNER=1 MJ_BENCH_SCRATCH="$scratch" \
    HOME="$scratch" XDG_RUNTIME_DIR="$scratch/run" XDG_CONFIG_HOME="$scratch/config" \
    XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache" \
    dbus-run-session -- "$top/tests/with-keyring.sh" "$0" "$runs" 2>&1 \
    | grep -v 'Failed to set fd limit' || rc=$?
  rm -rf "$scratch"
  exit $rc
fi

cli=${MJ_CLI:-$top/_build/src/cli/mensajero-cli}
python=${MJ_PYTHON:-/usr/bin/python3}
work=$MJ_BENCH_SCRATCH/work
mkdir -p "$work"
server_pid=
cleanup () { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

"$top/tests/servers/make-certs.sh" "$work/certs"
"$python" - "$work/Factura-2026-031.pdf" <<'PY'
import sys, cairo
s = cairo.PDFSurface(sys.argv[1], 595, 842)
c = cairo.Context(s)
c.set_font_size(18)
for i in range(40):
    c.move_to(60, 60 + i * 18)
    c.show_text("Factura 2026-031 · línea %d · Fontanería Pérez · 121,00 €" % i)
c.show_page()
s.finish()
PY

"$python" "$top/tests/servers/smtp_server.py" --port 0 --maildir "$work/Maildir" \
  --cert "$work/certs/server.pem" --key "$work/certs/server-key.pem" \
  --user alice@example.test --password bench-s3cret > "$work/server.out" 2> "$work/server.log" &
server_pid=$!
i=0
while ! grep -q '^listening on ' "$work/server.out" 2>/dev/null; do
  i=$((i + 1)); [ $i -gt 100 ] && { cat "$work/server.log" >&2; exit 1; }
  sleep 0.05
done
port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/server.out")

echo bench-s3cret | "$cli" account add bench --email alice@example.test --host 127.0.0.1 \
  --port "$port" --security starttls --ca-file "$work/certs/ca.pem" --password-stdin >/dev/null

# The exact message mensajero sends, for msmtp to send too.
"$cli" send --account bench --to bob@example.test --subject "Factura Nº 2026-031" \
  --body "Adjunto la factura." "$work/Factura-2026-031.pdf" >/dev/null
message=$(ls "$work/Maildir/new/" | head -1)
cp "$work/Maildir/new/$message" "$work/message.eml"

umask 077
cat > "$work/msmtprc" <<RC
defaults
logfile /dev/null
account bench
host 127.0.0.1
port $port
from alice@example.test
tls on
tls_starttls on
tls_trust_file $work/certs/ca.pem
auth plain
user alice@example.test
password bench-s3cret
account default : bench
RC
chmod 600 "$work/msmtprc"

now () { date +%s%N; }

i=0
while [ $i -lt "$runs" ]; do
  "$cli" queue add --account bench --to bob@example.test --subject "Factura Nº 2026-031" \
    --body "Adjunto la factura." --force "$work/Factura-2026-031.pdf" >/dev/null
  i=$((i + 1))
done

t0=$(now)
"$cli" queue run --account bench --messages-per-minute 0 >/dev/null
t1=$(now)
i=0
while [ $i -lt "$runs" ]; do
  msmtp -C "$work/msmtprc" -f alice@example.test bob@example.test < "$work/message.eml"
  i=$((i + 1))
done
t2=$(now)

stored=$(ls "$work/Maildir/new/" | wc -l)
expected=$((2 * runs + 1))
if [ "$stored" -ne "$expected" ]; then
  echo "expected $expected stored messages, found $stored" >&2
  exit 1
fi
sent=$("$cli" queue list --state sent --json | grep -o '"state" *: *"sent"' | wc -l)
if [ "$sent" -ne "$runs" ]; then
  echo "expected $runs sent items, found $sent" >&2
  exit 1
fi

size=$(wc -c < "$work/message.eml")
awk -v mj="$((t1 - t0))" -v ms="$((t2 - t1))" -v n="$runs" -v size="$size" 'BEGIN {
  printf "message: %d bytes (one PDF attachment), batch of %d, STARTTLS + AUTH PLAIN on loopback\n", size, n
  printf "mensajero-cli queue run (one connection): %.0f ms, %.1f ms per invoice\n", mj / 1e6, mj / n / 1e6
  printf "%d msmtp processes:                      %.0f ms, %.1f ms per invoice\n", n, ms / 1e6, ms / n / 1e6
  printf "ratio queue run / msmtp: %.2f\n", mj / ms
}'
