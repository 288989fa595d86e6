#!/usr/bin/env bash
# Prepares a release in the working tree (docs/upgrading.md "Versioning"); it tags nothing and commits nothing.
#
#  1. every src/*/PublicAPI.Unshipped.txt entry moves into that project's PublicAPI.Shipped.txt (the '#nullable enable'
#     header first, then the symbols sorted as eng/update-public-api.sh sorts them, LC_ALL=C, no duplicates; an
#     Unshipped '*REMOVED*<symbol>' line takes <symbol> out of Shipped), and Unshipped keeps only the header;
#  2. <VersionPrefix> in Directory.Build.props becomes <version>;
#  3. CHANGELOG.md's "## Unreleased" becomes "## <version> — <date>" (today, UTC, unless --date), under a new empty
#     "## Unreleased";
#  4. it prints the commands to review, commit and tag (v<version>, the tag eng/api-compat.sh compares against).
# Every check runs before any file is written: a refused cut leaves the tree as it was.
#
# Usage: eng/cut-release.sh <version> [--date YYYY-MM-DD]   e.g. eng/cut-release.sh 1.0.0
#        eng/cut-release.sh --self-test                     cut releases of a scratch copy and compare with the expected files
set -euo pipefail

fail() { echo "cut-release: $*" >&2; return 1; }

cut() { # $1 = repository root, $2 = version, $3 = date
  local root=$1 version=$2 date=$3 stage api shipped unshipped n=0 moved=0
  [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || fail "'$version' is not a version (major.minor.patch[-pre])" || return 1
  [[ $date =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || fail "'$date' is not a date (YYYY-MM-DD)" || return 1
  cd "$root"
  [ -f Directory.Build.props ] && grep -q '<VersionPrefix>[^<]*</VersionPrefix>' Directory.Build.props \
    || fail "Directory.Build.props has no <VersionPrefix>" || return 1
  [ -f CHANGELOG.md ] || fail "no CHANGELOG.md" || return 1
  [ "$(grep -c '^## Unreleased[[:space:]]*$' CHANGELOG.md)" = 1 ] || fail "CHANGELOG.md needs exactly one '## Unreleased' heading" || return 1
  if grep -qE "^## \[?${version//./\\.}\]?([[:space:]]|$)" CHANGELOG.md; then fail "CHANGELOG.md already has a $version section" || return 1; fi
  if git rev-parse --git-dir >/dev/null 2>&1 && git rev-parse -q --verify "refs/tags/v$version" >/dev/null; then
    fail "the tag v$version exists already" || return 1
  fi
  compgen -G 'src/*/PublicAPI.Unshipped.txt' >/dev/null || fail "no src/*/PublicAPI.Unshipped.txt" || return 1

  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' RETURN
  # 1. the public API, staged per project
  for unshipped in src/*/PublicAPI.Unshipped.txt; do
    api=$(dirname "$unshipped")
    shipped=$api/PublicAPI.Shipped.txt
    n=$((n + 1))
    if grep -v '^#nullable enable$' "$unshipped" | grep -q '^#'; then fail "$unshipped has a header this script does not know" || return 1; fi
    {
      echo '#nullable enable'
      { [ -f "$shipped" ] && grep -v '^#' "$shipped" || true; grep -v '^#' "$unshipped" | grep -v '^\*REMOVED\*' || true; } \
        | grep -v '^[[:space:]]*$' \
        | grep -vxF -f <(grep '^\*REMOVED\*' "$unshipped" | sed 's/^\*REMOVED\*//' || true; echo '@@none@@') \
        | LC_ALL=C sort -u
    } >"$stage/$n.shipped"
    moved=$((moved + $(grep -v '^#' "$unshipped" | grep -v '^\*REMOVED\*' | grep -cv '^[[:space:]]*$' || true)))
  done
  # 2. the version
  sed "0,/<VersionPrefix>[^<]*<\/VersionPrefix>/s//<VersionPrefix>$version<\/VersionPrefix>/" Directory.Build.props >"$stage/props"
  # 3. the changelog
  awk -v heading="## $version — $date" '
    !done && /^## Unreleased[[:space:]]*$/ { print "## Unreleased"; print ""; print heading; done = 1; next }
    { print }' CHANGELOG.md >"$stage/changelog"

  # Everything checked and staged: write.
  n=0
  for unshipped in src/*/PublicAPI.Unshipped.txt; do
    n=$((n + 1))
    cp "$stage/$n.shipped" "$(dirname "$unshipped")/PublicAPI.Shipped.txt"
    echo '#nullable enable' >"$unshipped"
  done
  cp "$stage/props" Directory.Build.props
  cp "$stage/changelog" CHANGELOG.md
  echo "cut-release: $version — $date: $moved symbol line(s) shipped in $n project(s), <VersionPrefix> $version, CHANGELOG.md section $version"
  echo "Review, build (dotnet build -c Release -warnaserror), then:"
  echo "  git commit -am \"Release $version\""
  echo "  git tag -a v$version -m \"Caf.Core $version\""
}

self_test() {
  local scratch out
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' RETURN
  mkdir -p "$scratch/tree/src/Lib" "$scratch/tree/src/Other" "$scratch/want/src/Lib" "$scratch/want/src/Other"
  (
    cd "$scratch/tree"
    printf '<Project>\n  <PropertyGroup>\n    <VersionPrefix>0.1.0</VersionPrefix>\n  </PropertyGroup>\n</Project>\n' >Directory.Build.props
    printf '# Changelog\n\nIntro.\n\n## Unreleased\n\nWhat changed.\n\n### Added\n\n- B.\n\n## 0.1.0 (not published)\n\nOld.\n' >CHANGELOG.md
    printf '#nullable enable\nLib.A.M() -> void\nLib.A.Old() -> void\n' >src/Lib/PublicAPI.Shipped.txt
    printf '#nullable enable\nLib.B\nLib.A.N(int x) -> int\n*REMOVED*Lib.A.Old() -> void\nLib.A.M() -> void\n\n' >src/Lib/PublicAPI.Unshipped.txt
    printf '#nullable enable\n' >src/Other/PublicAPI.Shipped.txt
    printf '#nullable enable\nOther.Z\nOther.A.B\nOther.A\n' >src/Other/PublicAPI.Unshipped.txt
  )
  # What a cut of 1.0.0 on 2026-12-07 must leave, written by hand.
  (
    cd "$scratch/want"
    printf '<Project>\n  <PropertyGroup>\n    <VersionPrefix>1.0.0</VersionPrefix>\n  </PropertyGroup>\n</Project>\n' >Directory.Build.props
    printf '# Changelog\n\nIntro.\n\n## Unreleased\n\n## 1.0.0 — 2026-12-07\n\nWhat changed.\n\n### Added\n\n- B.\n\n## 0.1.0 (not published)\n\nOld.\n' >CHANGELOG.md
    printf '#nullable enable\nLib.A.M() -> void\nLib.A.N(int x) -> int\nLib.B\n' >src/Lib/PublicAPI.Shipped.txt
    printf '#nullable enable\n' >src/Lib/PublicAPI.Unshipped.txt
    printf '#nullable enable\nOther.A\nOther.A.B\nOther.Z\n' >src/Other/PublicAPI.Shipped.txt
    printf '#nullable enable\n' >src/Other/PublicAPI.Unshipped.txt
  )
  cp -r "$scratch/tree" "$scratch/before"
  for bad in 1.0 v1.0.0 ''; do
    if (cut "$scratch/tree" "$bad" 2026-12-07 >/dev/null 2>&1); then echo "cut-release self-test: the version '$bad' was NOT refused"; return 1; fi
  done
  if (cut "$scratch/tree" 1.0.0 07/12/2026 >/dev/null 2>&1); then echo "cut-release self-test: a malformed date was NOT refused"; return 1; fi
  diff -r "$scratch/before" "$scratch/tree" >/dev/null || { echo "cut-release self-test: a refused cut changed files"; return 1; }

  out=$(cut "$scratch/tree" 1.0.0 2026-12-07) || { echo "cut-release self-test: the cut failed"; return 1; }
  if ! diff -r "$scratch/want" "$scratch/tree"; then echo "cut-release self-test: the cut tree differs from the expected one (above)"; return 1; fi
  grep -qxF '  git tag -a v1.0.0 -m "Caf.Core 1.0.0"' <<<"$out" || { echo "cut-release self-test: no tag command printed"; return 1; }
  grep -q '6 symbol line' <<<"$out" || { echo "cut-release self-test: wrong count of moved lines: $out"; return 1; }

  cp -r "$scratch/tree" "$scratch/cut"
  if (cut "$scratch/tree" 1.0.0 2026-12-08 >/dev/null 2>&1); then echo "cut-release self-test: cutting 1.0.0 twice was NOT refused"; return 1; fi
  diff -r "$scratch/cut" "$scratch/tree" >/dev/null || { echo "cut-release self-test: a refused second cut changed files"; return 1; }

  # The next release from an empty Unshipped: the API is unchanged, a second section appears above the first.
  (cut "$scratch/tree" 1.0.1 2026-12-24 >/dev/null) || { echo "cut-release self-test: a second release failed"; return 1; }
  diff "$scratch/want/src/Lib/PublicAPI.Shipped.txt" "$scratch/tree/src/Lib/PublicAPI.Shipped.txt" >/dev/null \
    || { echo "cut-release self-test: an empty Unshipped changed Shipped"; return 1; }
  [ "$(grep '^## ' "$scratch/tree/CHANGELOG.md" | head -3 | tr '\n' '|')" = '## Unreleased|## 1.0.1 — 2026-12-24|## 1.0.0 — 2026-12-07|' ] \
    || { echo "cut-release self-test: the second release's headings are wrong"; return 1; }
  echo "cut-release self-test: API moved and sorted (with a removal), Unshipped emptied, version and changelog cut, tag printed; bad input and a repeated cut refused without a change"
}

case "${1:-}" in
  --self-test) self_test ;;
  '' | -h | --help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; [ -n "${1:-}" ] ;;
  *)
    version=$1
    date=$(date -u +%F)
    if [ "${2:-}" = --date ]; then date=${3:?--date needs YYYY-MM-DD}; elif [ -n "${2:-}" ]; then fail "unknown argument '$2'"; fi
    cut "$(cd "$(dirname "$0")/.." && pwd)" "$version" "$date"
    ;;
esac
