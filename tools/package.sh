#!/usr/bin/env bash
# Builds the Debian packages opsdeck and opsdeck-server (packaging/CMakeLists.txt) from a Release build in
# build/package, checks them with lintian (no errors, no warnings), and prints where they are.
#   bash tools/package.sh            -> build/package/opsdeck_VERSION-1_amd64.deb, opsdeck-server_VERSION-1_amd64.deb
# Needs what tools/install-deps.sh installs (lintian among it); the packages' own test is tests/package/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
dir=build/package
# Debian's hardening flags (stack protector, fortify, full RELRO and BIND_NOW), as a Debian package is built.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
# Without -g: the packages ship no -dbgsym, and debug information roughly doubles the build's time on 2 cores.
# CMAKE_CXX_FLAGS_RELEASE keeps only -DNDEBUG so that Debian's -O2 is the optimisation level.
cxxflags="$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CXXFLAGS | sed -e 's/\(^\| \)-g\( \|$\)/ /')"
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DOPSDECK_BUILD_TESTS=OFF \
  -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON -DCMAKE_INSTALL_PREFIX=/usr \
  -DCMAKE_CXX_FLAGS="$cxxflags" -DCMAKE_CXX_FLAGS_RELEASE=-DNDEBUG -DCMAKE_EXE_LINKER_FLAGS="$(dpkg-buildflags --get LDFLAGS)" \
  ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER=$CMAKE_CXX_COMPILER_LAUNCHER} >/dev/null
cmake --build "$dir" -j "$jobs" --target opsdeck opsdeck-cli opsdeck-server opsdeck_icons opsdeck_package_docs
rm -f "$dir"/*.deb
(cd "$dir" && cpack -G DEB >/dev/null)
debs=("$dir"/opsdeck_*.deb "$dir"/opsdeck-server_*.deb)
echo "== lintian"
lintian --fail-on error,warning "${debs[@]}"
for deb in "${debs[@]}"; do
  echo "built $deb"
done
