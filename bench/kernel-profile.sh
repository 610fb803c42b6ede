#!/usr/bin/env bash
# What a kernel profile costs the analyzer: cold parse (a fresh process each time, JIT included), warm parse, and
# managed memory held against the file's size, for this machine's profile (from /sys) and Debian 12's (from the kernel
# package test.sh downloads into artifacts/kernels). Targets (issue 22): cold < 150 ms, held <= 2x the text.
#   bench/kernel-profile.sh [RUNS]      (default 3 fresh processes per profile)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
out=bench/artifacts/profiles
mkdir -p "$out"
dotnet build -c Release -v q src/BpfAnalyzers.Cli >/dev/null
dotnet build -c Release -v q bench/BpfAnalyzers.Benchmarks >/dev/null
cli=(dotnet src/BpfAnalyzers.Cli/bin/Release/net10.0/BpfAnalyzers.Cli.dll)
[ -f "$out/this-machine.bpfkernel" ] || "${cli[@]}" kernel profile -o "$out/this-machine.bpfkernel" --name this-machine >/dev/null
deb=$(ls artifacts/kernels/linux-image-6.1.0-*-amd64-unsigned_*.deb 2>/dev/null | tail -1 || true)
files=("$out/this-machine.bpfkernel")
if [ -n "$deb" ]; then
  [ -f "$out/debian12.bpfkernel" ] || "${cli[@]}" kernel profile -o "$out/debian12.bpfkernel" --deb "$deb" --name debian12 >/dev/null
  files+=("$out/debian12.bpfkernel")
else
  echo "no Debian 12 kernel package in artifacts/kernels (./test.sh downloads it): this machine's profile only" >&2
fi
echo -e "profile\tsize\tparse\tmemory\ttarget"
for f in "${files[@]}"; do
  for i in $(seq "$runs"); do
    # One profile per process: its first parse is the cold one, and nothing else is held while it is measured.
    dotnet bench/BpfAnalyzers.Benchmarks/bin/Release/net10.0/BpfAnalyzers.Benchmarks.dll profile "$f"
  done
done
