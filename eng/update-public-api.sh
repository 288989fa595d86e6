#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers reports as undeclared (RS0016) to
# <project>/PublicAPI.Unshipped.txt, and drops lines it reports as removed (RS0017).
# Usage: eng/update-public-api.sh [project dir, default src/Caf.Core]  (e.g. src/Caf.Core.EntityFrameworkCore)
# Run after changing the public API, then review the diff: it is the API change a vendor will see.
set -euo pipefail
cd "$(dirname "$0")/.."
project=${1:-src/Caf.Core}
api=$project/PublicAPI.Unshipped.txt
log=$(mktemp)
dotnet build "$project" -c Debug --no-incremental -p:TreatWarningsAsErrors=false >"$log" 2>&1 || true
add=$(grep -F "$(basename "$project").csproj" "$log" | grep -oP "RS0016: Symbol '\K.*(?=' is not part of the declared public API)" | sort -u || true)
remove=$(grep -F "$(basename "$project").csproj" "$log" | grep -oP "RS0017: Symbol '\K.*(?=' is part of the declared API, but)" | sort -u || true)
{
  echo '#nullable enable'
  { grep -v '^#nullable' "$api" || true; printf '%s\n' "$add"; } | grep -v '^$' \
    | grep -vxF -f <(printf '%s\n' "$remove" | grep -v '^$' || echo '@@none@@') | LC_ALL=C sort -u
} >"$api.new"
mv "$api.new" "$api"
rm -f "$log"
echo "$api: $(($(wc -l <"$api") - 1)) symbols"
