#!/bin/sh
# Runs a test inside a private D-Bus session bus (never the developer's), with OPSDECK_DBUS_SESSION=1; without
# dbus-run-session the test runs and skips what needs the bus, naming the missing package.
test="$1"
shift
if ! command -v dbus-run-session >/dev/null 2>&1; then
  OPSDECK_DBUS_SKIP="dbus-run-session not found (Debian package dbus)" exec "$test" "$@"
fi
OPSDECK_DBUS_SESSION=1 exec dbus-run-session -- "$test" "$@"
