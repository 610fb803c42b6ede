#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: installs what the tests need (libbpf 1.1 for
# the differential tests, clang and libbpf-dev for the loader tests, csharp-ls for the editor test, Debian 12's kernel
# package for the kernel-profile tests), builds, tests, and ends with one line
# "N passed, N failed" summed over all test assemblies.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! ldconfig -p 2>/dev/null | grep -q "libbpf.so.1 " || [ ! -f /usr/include/bpf/libbpf.h ] || ! command -v clang >/dev/null 2>&1; then
  echo "== installing libbpf and clang (libbpf1: the differential tests' oracle; libbpf-dev, clang: the loader tests)"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libbpf1 libbpf-dev clang >/dev/null \
    || { echo "could not install libbpf1 libbpf-dev clang: the differential and loader tests will fail" >&2; }
fi

# A second real kernel for the kernel-profile tests: Debian 12's kernel package, fetched here, never committed.
if ! ls artifacts/kernels/linux-image-6.1.0-*-amd64-unsigned_*.deb >/dev/null 2>&1; then
  echo "== fetching Debian 12's kernel package (the second kernel of the kernel-profile tests)"
  mkdir -p artifacts/kernels
  $SUDO apt-get update -qq
  pkg=$(apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-amd64-unsigned$' | cut -d' ' -f1 | sort -V | tail -1)
  (cd artifacts/kernels && apt-get download -qq "$pkg" 2>/dev/null) || echo "could not download ${pkg:-a linux-image-6.1.0 package}: the Debian kernel tests will fail" >&2
fi

# The loader tests attach tracepoints and uprobes for real: libbpf needs tracefs.
if [ ! -d /sys/kernel/tracing/events ]; then
  echo "== mounting tracefs (the loader tests attach tracepoints)"
  $SUDO mount -t tracefs nodev /sys/kernel/tracing || echo "could not mount tracefs: the loader tests will fail" >&2
fi

if ! command -v csharp-ls >/dev/null 2>&1 && [ ! -x "$HOME/.dotnet/tools/csharp-ls" ]; then
  echo "== installing csharp-ls (the editor-path test's language server)"
  dotnet tool install --global csharp-ls --version 0.28.0 >/dev/null || echo "could not install csharp-ls: the editor test will fail" >&2
fi
export PATH="$PATH:$HOME/.dotnet/tools"

echo "== restoring and building"
dotnet build BpfAnalyzers.sln -c Debug --nologo -v quiet -clp:NoSummary
build=$?
if [ $build -ne 0 ]; then
  echo "0 passed, 1 failed"
  exit $build
fi

echo "== testing"
log=$(mktemp)
dotnet test BpfAnalyzers.sln --no-build -c Debug --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=$(grep -E "^(Passed|Failed)! +- " "$log" | sed -E 's/.*Passed: +([0-9]+).*/\1/' | awk '{s+=$1} END {print s+0}')
failed=$(grep -E "^(Passed|Failed)! +- " "$log" | sed -E 's/.*Failed: +([0-9]+), Passed.*/\1/' | awk '{s+=$1} END {print s+0}')
rm -f "$log"
passed=${passed:-0}
failed=${failed:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
