#!/usr/bin/env bash
# Installs what OpsDeck needs from Debian 12's archive. `--tests` adds the test peers and tools.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
build=(cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools
  qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev libqt6sql6-sqlite libqt6sql6-psql qt6-translations-l10n
  libqscintilla2-qt6-dev libyaml-cpp-dev libssh-dev libsqlite3-dev qtkeychain-qt6-dev
  fonts-noto-cjk fonts-dejavu-core
  libboost1.81-dev libssl-dev)
tests=(openssh-server postgresql-15 sudo python3 python3-jinja2 ansible pssh shellcheck xvfb xauth clang-format sqlite3 imagemagick time bc clang libclang-rt-14-dev python3-yaml python3-jsonschema python3-websocket dbus gnome-keyring
  lintian desktop-file-utils appstream bash-completion man-db dpkg-dev fakeroot file curl shared-mime-info)
want=("${build[@]}")
if [[ "${1:-}" == "--tests" ]]; then
  want+=("${tests[@]}")
fi
SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO="sudo"
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The OpenAPI lint (tst_openapi_lint: redocly lint docs/api/openapi.yaml). @redocly/cli 2 needs Node.js 20.19 or
# newer; Debian 12's nodejs is 18, with which the test is skipped (NodeSource's nodejs 20 or 22 brings npm and works).
if [[ "${1:-}" == "--tests" ]]; then
  if ! command -v node >/dev/null; then
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
  fi
  if node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a >= 22 || (a === 20 && b >= 19) ? 0 : 1)'; then
    command -v redocly >/dev/null || $SUDO npm install -g --no-fund --no-audit @redocly/cli@2
  else
    echo "install-deps: Node.js $(node --version) is older than @redocly/cli 2 needs (20.19): tst_openapi_lint will be skipped" >&2
  fi
fi
