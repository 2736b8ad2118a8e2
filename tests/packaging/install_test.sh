#!/usr/bin/env bash
# The Debian packages on this machine, as an admin would use them (run as root by tools/test.sh after
# tools/package.sh; it installs and purges system packages, so it is not part of ctest):
#   apt-get install ./opsdeck_*.deb ./opsdeck-server_*.deb; opsdeck --version; opsdeck-cli on a fresh workspace;
#   the desktop file, icon, MIME type, man pages and completion where the desktop looks for them;
#   opsdeck-server started as the unit starts it (its user, its data directory, /etc/opsdeck/server.conf), a token
#   created as that user, the API answering it; SIGTERM stops it with exit 0;
#   apt-get purge leaves nothing behind but the system user (Debian policy keeps it).
# Usage: install_test.sh DIR_WITH_DEBS
set -euo pipefail
dir=$(cd "$1" && pwd)
debs=("$dir"/opsdeck_*.deb "$dir"/opsdeck-server_*.deb)
export DEBIAN_FRONTEND=noninteractive
tmp=$(mktemp -d)
server_pid=
cleanup() {
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
  fi
  apt-get purge -y -qq opsdeck opsdeck-server >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
step() { echo "== $*"; }

if dpkg-query -W -f='${Status}' opsdeck 2>/dev/null | grep -q "install ok installed"; then
  echo "install_test: opsdeck is already installed on this machine; refusing to replace it" >&2
  exit 1
fi
step "apt-get install the packages"
apt-get install -y -qq "${debs[@]}" >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log"; exit 1; }

step "the console and the CLI"
opsdeck --version | grep -E '^OpsDeck [0-9]+\.[0-9]+\.[0-9]+'
opsdeck-cli --version
ws=$tmp/fresh.opsdeck
printf '[web]\nweb1 ansible_host=10.0.0.1\nweb2 ansible_host=10.0.0.2\n' >"$tmp/hosts.ini"
opsdeck-cli --workspace "$ws" inventory import "$tmp/hosts.ini" >/dev/null
[[ $(opsdeck-cli --workspace "$ws" inventory query group:web | tr '\n' ' ') == "web1 web2 " ]]
QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME=$tmp/config opsdeck "$ws" --screenshot "$tmp/shot.png"
[[ -s $tmp/shot.png ]]

step "desktop integration where the desktop looks for it"
desktop-file-validate /usr/share/applications/org.opsdeck.OpsDeck.desktop
appstreamcli validate --no-net /usr/share/metainfo/org.opsdeck.OpsDeck.metainfo.xml >/dev/null
[[ -s /usr/share/icons/hicolor/scalable/apps/org.opsdeck.OpsDeck.svg ]]
for size in 16 32 48 64 128 256; do
  file "/usr/share/icons/hicolor/${size}x${size}/apps/org.opsdeck.OpsDeck.png" | grep -q "$size x $size"
done
# The MIME database was updated by dpkg's trigger: a *.opsdeck file is a workspace, opened by OpsDeck.
grep -q '^application/x-opsdeck-workspace:\*\.opsdeck$' /usr/share/mime/globs
grep -q 'application/x-opsdeck-workspace=org.opsdeck.OpsDeck.desktop' /usr/share/applications/mimeinfo.cache 2>/dev/null ||
  { command -v update-desktop-database >/dev/null && update-desktop-database /usr/share/applications &&
    grep -q 'application/x-opsdeck-workspace=org.opsdeck.OpsDeck.desktop' /usr/share/applications/mimeinfo.cache; }
for page in opsdeck opsdeck-cli opsdeck-server; do
  man -w "$page" | grep -q "/usr/share/man/man1/$page.1.gz"
done
bash -c 'source /usr/share/bash-completion/bash_completion; _completion_loader opsdeck-cli; complete -p opsdeck-cli' |
  grep -q _opsdeck_cli

step "the server as its unit starts it"
getent passwd opsdeck-server >/dev/null
[[ $(stat -c %U:%a /var/lib/opsdeck-server) == opsdeck-server:750 ]]
unit=/lib/systemd/system/opsdeck-server.service
grep -q '^ExecStart=/usr/bin/opsdeck-server --config /etc/opsdeck/server.conf$' "$unit"
for option in NoNewPrivileges=yes ProtectSystem=strict ReadWritePaths=/var/lib/opsdeck-server User=opsdeck-server; do
  grep -q "^$option$" "$unit"
done
# A free loopback port instead of 8750, given on the command line as an admin would override the file.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$(runuser -u opsdeck-server -- opsdeck-server token create --data /var/lib/opsdeck-server --role viewer \
  --name install-test)
cd /var/lib/opsdeck-server
# setpriv execs (runuser would stay the parent and answer the signal itself): $! is the server.
setpriv --reuid=opsdeck-server --regid=opsdeck-server --clear-groups env HOME=/var/lib/opsdeck-server /usr/bin/opsdeck-server \
  --config /etc/opsdeck/server.conf --listen "127.0.0.1:$port" 2>"$tmp/server.log" &
server_pid=$!
cd /
for _ in $(seq 1 100); do
  grep -q "listening on 127.0.0.1:$port" "$tmp/server.log" && break
  sleep 0.1
done
grep -q "listening on 127.0.0.1:$port" "$tmp/server.log" || { cat "$tmp/server.log"; exit 1; }
code=$(curl -s -o "$tmp/info.json" -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/info")
[[ $code == 200 ]] || { echo "GET /api/v1/info: $code"; cat "$tmp/info.json"; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/info")
[[ $code == 401 ]]
[[ -n $(find /var/lib/opsdeck-server -maxdepth 1 -name '*.opsdeck' -user opsdeck-server) ]]
grep -q "$token" "$tmp/server.log" && { echo "the token is in the server's log"; exit 1; }
kill -TERM "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=
[[ $status == 0 ]] || { echo "opsdeck-server exited $status after SIGTERM"; cat "$tmp/server.log"; exit 1; }

step "apt-get purge leaves nothing behind"
apt-get purge -y -qq opsdeck opsdeck-server >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log"; exit 1; }
for path in /usr/bin/opsdeck /usr/bin/opsdeck-cli /usr/bin/opsdeck-server /etc/opsdeck /var/lib/opsdeck-server \
  "$unit" /usr/share/applications/org.opsdeck.OpsDeck.desktop /usr/share/doc/opsdeck /usr/share/doc/opsdeck-server; do
  [[ ! -e $path ]] || { echo "left behind: $path"; exit 1; }
done
if grep -q 'opsdeck' /usr/share/mime/globs; then
  echo "left behind: the MIME type"
  exit 1
fi
echo "packages: installed, ran, purged cleanly"
