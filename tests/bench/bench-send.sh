#!/bin/sh
# Benchmark (not a test): wall time of one `mensajero-cli send` of an
# invoice against one `msmtp` process sending the same message to the same
# loopback submission server (tests/servers/smtp_server.py), N runs each.
#
#   tests/bench/bench-send.sh [N]        (MJ_CLI = path of mensajero-cli)
#
# Both do a full connection each time: TCP, STARTTLS, certificate check
# against the test CA, AUTH PLAIN, MAIL/RCPT/DATA. mensajero-cli also reads
# its password from the keyring (a private D-Bus session with an unlocked
# gnome-keyring is started when none is running); msmtp reads it from a
# mode-600 msmtprc in a temporary folder.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
runs=${1:-10}

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

mj_total=0
msmtp_total=0
n=1
while [ $n -le "$runs" ]; do
  t0=$(now)
  "$cli" send --account bench --to bob@example.test --subject "Factura Nº 2026-031" \
    --body "Adjunto la factura." "$work/Factura-2026-031.pdf" >/dev/null
  t1=$(now)
  msmtp -C "$work/msmtprc" -f alice@example.test bob@example.test < "$work/message.eml"
  t2=$(now)
  mj_total=$((mj_total + t1 - t0))
  msmtp_total=$((msmtp_total + t2 - t1))
  n=$((n + 1))
done

stored=$(ls "$work/Maildir/new/" | wc -l)
expected=$((2 * runs + 1))
if [ "$stored" -ne "$expected" ]; then
  echo "expected $expected stored messages, found $stored" >&2
  exit 1
fi

size=$(wc -c < "$work/message.eml")
awk -v mj="$mj_total" -v ms="$msmtp_total" -v n="$runs" -v size="$size" 'BEGIN {
  printf "message: %d bytes (one PDF attachment), %d runs each, STARTTLS + AUTH PLAIN on loopback\n", size, n
  printf "mensajero-cli send: %.1f ms per send\n", mj / n / 1e6
  printf "msmtp:              %.1f ms per send\n", ms / n / 1e6
  printf "ratio mensajero-cli / msmtp: %.2f\n", mj / ms
}'
