#!/usr/bin/env bash
# Checks that the working tree builds the same bytes as a commit (default
# HEAD) on the shipped site and on two generated corpora (1,000 cases with
# seed 1, 300 with seed 7). For refactorings that must not change output:
#
#   bash scripts/samebytes.sh [COMMIT]
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD}
tmp=$(mktemp -d)
trap 'git worktree remove --force "$tmp/base" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git worktree add --detach "$tmp/base" "$base" >/dev/null 2>&1
go build -o "$tmp/new" ./cmd/katalog
(cd "$tmp/base" && go build -o "$tmp/old" ./cmd/katalog)
go run ./bench/corpus -n 1000 -seed 1 -out "$tmp/c1000" -repo .
go run ./bench/corpus -n 300 -seed 7 -out "$tmp/c300" -repo .
status=0
for site in . "$tmp/c1000/katalog" "$tmp/c300/katalog"; do
  for v in old new; do
    "$tmp/$v" build -src "$site" -out "$tmp/out-$v" -baseurl https://example.org/ >/dev/null
    rm -f "$tmp/out-$v/.katalog-output"
  done
  if diff -r "$tmp/out-old" "$tmp/out-new" >/dev/null; then
    echo "same bytes: $site ($(find "$tmp/out-new" -type f | wc -l) files)"
  else
    echo "DIFFERENT: $site"; diff -rq "$tmp/out-old" "$tmp/out-new" | head; status=1
  fi
  rm -rf "$tmp/out-old" "$tmp/out-new"
done
exit $status
