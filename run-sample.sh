#!/usr/bin/env bash
# Packs BpfAnalyzers, builds samples/BpfSample against the fresh package (as a user would, from a
# local feed) and prints the diagnostics it raises. The sample is wrong on purpose: its build fails
# with BPF errors, and this script exits 0 when exactly those appear.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off

echo "== packing BpfAnalyzers"
dotnet pack src/BpfAnalyzers.Package -c Release -o artifacts/packages --nologo -v quiet
# Same version every build: drop the copy the sample restored last time.
rm -rf artifacts/sample-packages/bpfanalyzers

echo "== building samples/BpfSample"
set +e
dotnet build samples/BpfSample --nologo --no-incremental -v quiet -clp:NoSummary > artifacts/sample-build.log 2>&1
status=$?
set -e

# Each line as the README shows it: no project suffix, no help link (the SDK appends " (https://...)").
grep -E "(error|warning|info) BPF[0-9]{4}" artifacts/sample-build.log | sed -E 's# \[[^]]*\]$##; s# \(https://[^ ]*/docs/rules/BPF[0-9]{4}\.md\)$##; s#^.*/samples/#samples/#' | sort -u
errors=$(grep -E "error BPF[0-9]{4}" artifacts/sample-build.log | sed -E 's# \[[^]]*\]$##' | sort -u | wc -l)
warnings=$(grep -E "warning BPF[0-9]{4}" artifacts/sample-build.log | sed -E 's# \[[^]]*\]$##' | sort -u | wc -l)
echo "== BpfAnalyzers: ${errors} error(s), ${warnings} warning(s) in the sample (build exit code ${status})"

if grep -E "error (CS|NU|MSB)[0-9]+" artifacts/sample-build.log; then
  echo "the sample failed for another reason than its BPF section names" >&2
  exit 1
fi
if [ "$errors" -eq 0 ]; then
  echo "no BPF diagnostics: the analyzer did not run" >&2
  cat artifacts/sample-build.log >&2
  exit 1
fi
