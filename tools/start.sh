#!/usr/bin/env bash
# Installs what the console needs, builds it and starts it on the default workspace (created on first start
# with a demo inventory). Extra arguments go to opsdeck, e.g. --workspace PATH or --theme dark.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default --target opsdeck opsdeck-cli
exec ./build/default/app/opsdeck "$@"
