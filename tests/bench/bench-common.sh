# Shared set-up of bench-send.sh and bench-queue.sh, sourced after they set
# $runs: re-runs the calling script inside a private D-Bus session with an
# unlocked gnome-keyring and throw-away XDG folders, then starts the
# loopback submission server with a test CA, adds the account "bench",
# sends one invoice to capture the exact message ($work/message.eml) and
# writes an msmtprc for the same server ($work/msmtprc).
top=$(cd "$here/../.." && pwd)   # $here: the calling script's folder

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
