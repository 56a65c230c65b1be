#!/bin/sh
# Runs a command with an unlocked gnome-keyring on the current (private)
# session bus. Without --unlock the daemon would ask gcr-prompter for a
# password and hang (TESTING.md §6).
set -e
if [ -z "$DBUS_SESSION_BUS_ADDRESS" ]; then
  echo "with-keyring.sh: run me under dbus-run-session" >&2
  exit 1
fi
eval "$(printf 'mensajero-test' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
export GNOME_KEYRING_CONTROL
exec "$@"
