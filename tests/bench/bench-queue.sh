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
runs=${1:-100}
. "$here/bench-common.sh"

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
