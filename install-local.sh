#!/usr/bin/env bash
# Adds BpfAnalyzers to a C# project from this checkout, the way that works until a public feed serves the package:
# packs it into artifacts/packages, adds that folder as a package source in the project folder's nuget.config
# (creating one if there is none; the sources the machine already has stay), and runs `dotnet add package`.
#   ./install-local.sh path/to/MyBpfPrograms.csproj
set -euo pipefail
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off
project=${1:?usage: ./install-local.sh PATH/TO/PROJECT.csproj}
[ -f "$project" ] || { echo "no project file '$project'" >&2; exit 2; }
root=$(cd "$(dirname "$0")" && pwd)
feed="$root/artifacts/packages"
dir=$(cd "$(dirname "$project")" && pwd)

echo "== packing BpfAnalyzers into $feed"
dotnet pack "$root/src/BpfAnalyzers.Package" -c Release -o "$feed" --nologo -v quiet
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -1)

config="$dir/nuget.config"
if [ ! -f "$config" ]; then
  printf '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n  </packageSources>\n</configuration>\n' > "$config"
fi
if ! grep -q "$feed" "$config"; then
  echo "== adding $feed to $config"
  dotnet nuget add source "$feed" --name bpfanalyzers-local --configfile "$config" >/dev/null
fi

# Under package source mapping (a nuget.config up the tree or the user's maps '*' to a feed), BpfAnalyzers must be
# mapped to the local folder too, or NuGet never asks it (NU1101). Without mapping, adding one would turn it on.
mapped=""
d="$dir"
while [ -n "$d" ]; do
  for f in "$d/nuget.config" "$d/NuGet.Config" "$d/NuGet.config"; do
    [ -f "$f" ] && [ "$f" != "$config" ] && grep -q "<packageSourceMapping" "$f" && mapped=yes
  done
  [ "$d" = "/" ] && break
  d=$(dirname "$d")
done
grep -qs "<packageSourceMapping" "$HOME/.nuget/NuGet/NuGet.Config" && mapped=yes
if [ -n "$mapped" ] && ! grep -q 'package pattern="BpfAnalyzers"' "$config"; then
  echo "== mapping BpfAnalyzers to bpfanalyzers-local in $config (package source mapping is on)"
  sed -i 's#</configuration>#  <packageSourceMapping>\n    <packageSource key="bpfanalyzers-local">\n      <package pattern="BpfAnalyzers" />\n    </packageSource>\n  </packageSourceMapping>\n</configuration>#' "$config"
fi

# Every pack has the same version: drop the copy an earlier install restored, or NuGet keeps using it.
packages=$(cd "$dir" && dotnet nuget locals global-packages --list | sed 's/^[^:]*: *//')
rm -rf "${packages%/}/bpfanalyzers/$version"

echo "== dotnet add $project package BpfAnalyzers --version $version"
dotnet add "$project" package BpfAnalyzers --version "$version"
