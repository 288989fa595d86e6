#!/usr/bin/env bash
# The shipped-API compatibility check (docs/upgrading.md "Versioning").
#
# Each published project declares its API in PublicAPI.Shipped.txt (what a release shipped) and
# PublicAPI.Unshipped.txt (added since). The PublicApiAnalyzers fail the Release build (-warnaserror) when a
# declared symbol no longer exists in the code (RS0017) or a public symbol is undeclared (RS0016). This script
# closes the other door: a symbol may leave PublicAPI.Shipped.txt only with a new major version. It compares each
# project's PublicAPI.Shipped.txt with the same file at the latest release tag (v<major>.<minor>.<patch>); any line
# of the tag's file missing now is a breaking change, refused unless <VersionPrefix> in Directory.Build.props has a
# greater major than the tag. Before the first release tag there is nothing shipped to break, and it says so.
#
# Usage: eng/api-compat.sh            check the working tree against the latest release tag
#        eng/api-compat.sh --self-test show on a scratch repository that a removal is refused and a major bump allowed
set -euo pipefail

check() { # $1 = repository root
  local root=$1 tag major_now major_tag file broken=0 removed
  cd "$root"
  tag=$(git tag --list 'v[0-9]*.[0-9]*.[0-9]*' --sort=-v:refname | head -1)
  if [ -z "$tag" ]; then
    echo "api-compat: no release tag yet (v*.*.*): nothing shipped to break; PublicAPI files are kept exact by the analyzers"
    return 0
  fi
  major_now=$(grep -oP '<VersionPrefix>\K[0-9]+' Directory.Build.props | head -1)
  major_tag=$(sed -E 's/^v([0-9]+)\..*/\1/' <<<"$tag")
  for file in $(git ls-tree -r --name-only "$tag" -- src | grep '/PublicAPI.Shipped.txt$' || true); do
    if [ -f "$file" ]; then
      removed=$(comm -23 <(git show "$tag:$file" | grep -v '^#' | LC_ALL=C sort -u) <(grep -v '^#' "$file" | LC_ALL=C sort -u) || true)
    else
      removed=$(git show "$tag:$file" | grep -v '^#' || true)
    fi
    if [ -n "$removed" ]; then
      if [ "${major_now:-0}" -gt "$major_tag" ]; then
        echo "api-compat: $file drops $(wc -l <<<"$removed") shipped symbol(s); allowed by the major version $major_now (> $tag)"
      else
        echo "api-compat: BREAKING: $file no longer declares, since $tag:"
        sed 's/^/  - /' <<<"$removed"
        broken=1
      fi
    fi
  done
  if [ "$broken" = 1 ]; then
    echo "api-compat: a shipped symbol was removed or changed without a new major version (docs/upgrading.md)"
    return 1
  fi
  echo "api-compat: the shipped API of $tag is intact (version $(grep -oP '<VersionPrefix>\K[^<]+' Directory.Build.props))"
}

self_test() {
  local scratch
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' RETURN
  (
    cd "$scratch"
    git init -q . && git config user.email ci@example.invalid && git config user.name ci
    mkdir -p src/Lib
    printf '<Project><PropertyGroup><VersionPrefix>1.0.0</VersionPrefix></PropertyGroup></Project>\n' >Directory.Build.props
    printf '#nullable enable\nLib.A.M() -> void\nLib.A.N(int x) -> int\n' >src/Lib/PublicAPI.Shipped.txt
    git add -A && git commit -qm base && git tag v1.0.0
    printf '#nullable enable\nLib.A.M() -> void\nLib.A.N(int x, int y = 0) -> int\n' >src/Lib/PublicAPI.Shipped.txt
  )
  if (check "$scratch" >/dev/null); then echo "api-compat self-test: a changed shipped signature was NOT refused"; return 1; fi
  sed -i 's/1.0.0/1.1.0/' "$scratch/Directory.Build.props"
  if (check "$scratch" >/dev/null); then echo "api-compat self-test: a minor version let a breaking change through"; return 1; fi
  sed -i 's/1.1.0/2.0.0/' "$scratch/Directory.Build.props"
  if ! (check "$scratch" >/dev/null); then echo "api-compat self-test: a major version did not allow the change"; return 1; fi
  printf '#nullable enable\nLib.A.M() -> void\nLib.A.N(int x) -> int\nLib.A.O() -> void\n' >"$scratch/src/Lib/PublicAPI.Shipped.txt"
  sed -i 's/2.0.0/1.1.0/' "$scratch/Directory.Build.props"
  if ! (check "$scratch" >/dev/null); then echo "api-compat self-test: an addition was refused"; return 1; fi
  echo "api-compat self-test: removal refused, minor refused, major allowed, addition allowed"
}

if [ "${1:-}" = --self-test ]; then self_test; else check "$(cd "$(dirname "$0")/.." && pwd)"; fi
