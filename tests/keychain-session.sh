#!/bin/sh
# Runs a test inside a private D-Bus session with an unlocked GNOME Keyring (the Secret Service qtkeychain talks
# to), so that the keychain store is tested against the real thing and never touches the developer's keyring.
# Without dbus-run-session or gnome-keyring-daemon the test still runs and skips its keychain cases, naming the
# missing package (tools/install-deps.sh --tests installs dbus and gnome-keyring).
test="$1"
shift
if ! command -v dbus-run-session >/dev/null 2>&1; then
  OPSDECK_KEYCHAIN_SKIP="dbus-run-session not found (Debian package dbus)" exec "$test" "$@"
fi
if ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  OPSDECK_KEYCHAIN_SKIP="gnome-keyring-daemon not found (Debian package gnome-keyring)" exec "$test" "$@"
fi
# A HOME of its own: the keyring daemon creates its login keyring under it.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- sh -c '
  eval "$(printf "opsdeck-test" | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" || true
  eval "$(gnome-keyring-daemon --start --components=secrets 2>/dev/null)" || true
  export OPSDECK_KEYCHAIN_SESSION=1
  "$@"
  status=$?
  kill "$GNOME_KEYRING_PID" 2>/dev/null
  exit $status
' keychain-session "$test" "$@"
