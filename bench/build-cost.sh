#!/usr/bin/env bash
# The headline benchmark (issue 13): real `dotnet build`s of generated projects with 2, 1,000 and 10,000 [BpfSection]
# programs (0 % and 10 % wrong names) against the freshly packed package, csc's own per-analyzer times
# (-p:ReportAnalyzer=true): our seconds and share of the Csc task, next to the SDK's NetAnalyzers and the reference
# analyzer (bench/BpfAnalyzers.ReferenceAnalyzer). Medians of --reps builds after warm-up builds with the compiler server
# ("server" rows), then of --reps builds without it, a fresh csc each ("no server" rows, for --cold-sizes).
# UseSharedCompilation is set explicitly for every build: this machine's environment sets it false.
#   bench/build-cost.sh [--100k] [--reps N] [--sizes 2,1000] [--wrong 0,10] [--cold-sizes 2,1000,10000]
#                       [--kernel FILE.bpfkernel] [--portable] [--label NAME] [--package-source DIR (skip packing)]
# --portable builds with BpfReadyToRun=false: the portable analyzer where the package would give csc its ReadyToRun copy.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off
sizes=2,1000,10000 wrong=0,10 reps=3 label="" source="" kernel="" cold=2,1000,10000 portable=""
while [ $# -gt 0 ]; do
  case "$1" in
    --100k) sizes="$sizes,100000" ;;
    --sizes) sizes="$2"; shift ;;
    --reps) reps="$2"; shift ;;
    --wrong) wrong="$2"; shift ;;
    --label) label="$2"; shift ;;
    --kernel) kernel="$2"; shift ;;
    --cold-sizes) cold="$2"; shift ;;
    --portable) portable=--portable ;;
    --package-source) source="$2"; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$source" ]; then
  source=artifacts/bench/build-cost-packages
  rm -rf "$source"
  dotnet pack src/BpfAnalyzers.Package -c Release -o "$source" --nologo -v quiet
fi
dotnet build bench/BpfAnalyzers.ReferenceAnalyzer -c Release --nologo -v quiet
python3 bench/build_cost.py --sizes "$sizes" --wrong "$wrong" --reps "$reps" --label "$label" --package-source "$source" \
  --kernel "$kernel" --cold-sizes "$cold" $portable \
  --reference bench/BpfAnalyzers.ReferenceAnalyzer/bin/Release/netstandard2.0/BpfAnalyzers.ReferenceAnalyzer.dll \
  --work artifacts/bench/build-cost
