#!/usr/bin/env bash
# What the analyzer costs, measured side by side in one run, printed as one table (docs/performance.md):
#   1  the resolver vs real libbpf 1.1.2 on the same 100,000 names (BenchmarkDotNet, P/Invoke, pre-encoded names)
#   2  the analyzer vs a no-op analyzer with the same callbacks, over compilations of 1,000 / 10,000 / 100,000
#      [BpfSection] methods; and a whole `dotnet build` of a 10,000-method project with and without it
#   3  Fix All in Project over 1,000 and 10,000 diagnostics
#   4  the editor path: one changed document in projects of 1,000 / 10,000 / 100,000 methods
#
#   bench/run-all.sh            the full run (about 15 minutes on 2 cores)
#   bench/run-all.sh --quick    smaller projects, fewer repetitions (CI; a few minutes, figures rougher)
#
# BPF_BENCH_LOCK=/path/to/lock takes that flock around each step, for machines shared with other builds.
# Needs the .NET 10 SDK and libbpf.so.1 for part 1 (Debian: apt-get install libbpf1; without it part 1 is skipped).
# Rows land in artifacts/bench/results/*.tsv; BenchmarkDotNet's own reports in artifacts/bench/BenchmarkDotNet.Artifacts.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off

quick=""
for arg in "$@"; do
  case "$arg" in
    --quick) quick="--quick" ;;
    *) echo "usage: bench/run-all.sh [--quick]" >&2; exit 2 ;;
  esac
done

out=artifacts/bench
results=$out/results
rm -rf "$results"
mkdir -p "$results"

locked() {
  if [ -n "${BPF_BENCH_LOCK:-}" ]; then flock "$BPF_BENCH_LOCK" "$@"; else "$@"; fi
}
step() { echo; echo "==== $* ($(date +%H:%M:%S))"; }
started=$(date +%s)

step "building the benchmarks (Release) and packing BpfAnalyzers"
locked dotnet build bench/BpfAnalyzers.Benchmarks -c Release --nologo -v q -clp:NoSummary
locked dotnet build bench/BpfAnalyzers.AnalyzerBenchmarks -c Release --nologo -v q -clp:NoSummary
rm -rf "$out/packages"
locked dotnet pack src/BpfAnalyzers.Package -c Release -o "$out/packages" --nologo -v q

step "1. resolver vs libbpf (BenchmarkDotNet)"
if ldconfig -p 2>/dev/null | grep -q "libbpf.so.1 "; then
  if [ -n "$quick" ]; then bdn=(--job short); else bdn=(--warmupCount 5 --iterationCount 15); fi
  # In process: no per-benchmark project to build; both sides run in the same process, one after the other.
  BPF_BENCH_RESULTS="$PWD/$results" locked dotnet run --no-build -c Release --project bench/BpfAnalyzers.Benchmarks -- \
    --inProcess "${bdn[@]}" --artifacts "$out/BenchmarkDotNet.Artifacts" \
    --filter '*SectionNameBenchmarks.Resolve_*' '*SectionNameBenchmarks.Libbpf_*'
else
  printf '1 resolver\tresolver vs libbpf\tskipped: libbpf.so.1 not found (apt-get install libbpf1)\t<= 1.00x\t-\n' > "$results/1-resolver.tsv"
fi

analyzers=bench/BpfAnalyzers.AnalyzerBenchmarks/bin/Release/net10.0/BpfAnalyzers.AnalyzerBenchmarks.dll
common=(--results "$results" --work "$out" --package-source "$out/packages")
step "2. analyzer overhead in compilations"
locked dotnet "$analyzers" analyzer $quick "${common[@]}"
step "2b. dotnet build with and without the analyzer"
locked dotnet "$analyzers" build $quick "${common[@]}"
step "3. Fix All"
locked dotnet "$analyzers" fixall $quick "${common[@]}"
step "4. editor path"
locked dotnet "$analyzers" editor $quick "${common[@]}"

echo
echo "BpfAnalyzers performance ($([ -n "$quick" ] && echo quick || echo full) run, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), .NET SDK $(dotnet --version), $(( ($(date +%s) - started) / 60 )) min)"
echo
echo "| part | measurement | result | target | verdict |"
echo "|------|-------------|--------|--------|---------|"
cat "$results"/*.tsv | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }'
met=$(cat "$results"/*.tsv | awk -F'\t' '$5 == "met"' | wc -l)
missed=$(cat "$results"/*.tsv | awk -F'\t' '$5 == "MISSED"' | wc -l)
echo
echo "targets: ${met} met, ${missed} missed"
