#!/usr/bin/env bash
# Installs what the tests need, checks formatting, builds with warnings as errors and AddressSanitizer +
# UndefinedBehaviorSanitizer, runs every test, then fuzzes the template engine for a bounded time. Exit status 0
# only when all of it passed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh --tests
jobs=$(nproc)

echo "== clang-format"
bad=$(git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror 2>&1 | grep -c "error:" || true)
if [[ "$bad" != "0" ]]; then
  (git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror 2>&1 || true) | head -40
  echo "clang-format: $bad places are not formatted (run: git ls-files '*.cpp' '*.h' | xargs clang-format -i)"
  exit 1
fi

# One build serves both CI requirements (warnings fatal, tests under ASan+UBSan) and keeps a CI run well under
# 30 minutes on 2 cores. PLAIN=1 also builds and tests without sanitizers (the `testing` preset).
if [[ "${PLAIN:-0}" == "1" ]]; then
  echo "== build (warnings are errors)"
  cmake --preset testing >/dev/null
  cmake --build --preset testing -j "$jobs"
  echo "== tests"
  ctest --preset testing -j "$jobs"
fi

echo "== build with ASan + UBSan"
cmake --preset debug-asan >/dev/null
echo "== library dependencies point one way (tools/check-deps.py)"
python3 tools/check-deps.py build/debug-asan
cmake --build --preset debug-asan -j "$jobs"
echo "== tests under ASan + UBSan"
ctest --preset debug-asan -j "$jobs"
echo "== fuzz the template engine (libFuzzer, bounded)"
FUZZ_SECONDS=${FUZZ_SECONDS:-45} FUZZ_BUILD_JOBS=$jobs bash tests/fuzz/run.sh
# The Debian packages: built from a Release build, lintian-clean, installed, run and purged on this machine.
# PACKAGES=0 skips it (it needs root and changes the system's packages).
if [[ "${PACKAGES:-1}" == "1" ]]; then
  echo "== packages (tools/package.sh, tests/packaging/install_test.sh)"
  bash tools/package.sh
  bash tests/packaging/install_test.sh build/package
fi
echo "All tests passed."
