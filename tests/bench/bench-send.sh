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
runs=${1:-10}
. "$here/bench-common.sh"

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
