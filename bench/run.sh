#!/usr/bin/env bash
# Runs the benchmarks in BenchmarkDotNet's short job (3 warm-ups, 3 iterations, one process) and prints the
# summary tables. Extra arguments go to BenchmarkDotNet, e.g.  bench/run.sh --filter '*Huge*'
# Needs libbpf.so.1 (Debian: apt-get install libbpf1). Results land in BenchmarkDotNet.Artifacts/ under bench/.
set -euo pipefail
cd "$(dirname "$0")"
args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  args=(--filter '*')
fi
dotnet run -c Release --project BpfAnalyzers.Benchmarks -- --job short --artifacts BenchmarkDotNet.Artifacts "${args[@]}"
for f in BenchmarkDotNet.Artifacts/results/*-report-github.md; do
  echo
  cat "$f"
done
