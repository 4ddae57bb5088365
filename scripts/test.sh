#!/usr/bin/env bash
# Runs every test of the catalogue: Go tests (with a short run of each fuzz
# target) and the browser tests in Debian's chromium. It installs what it
# needs first: chromium, the Danish dictionary, Java for the HTML checker,
# and the npm packages of browsertest/. Missing tools fail the run here;
# they never turn into skipped tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI=1 # tests that need chromium or hunspell fail instead of skipping

need=()
command -v /usr/bin/chromium >/dev/null 2>&1 || need+=(chromium fonts-dejavu-core fonts-liberation)
command -v hunspell >/dev/null 2>&1 || need+=(hunspell)
[ -f /usr/share/hunspell/da_DK.dic ] || need+=(hunspell-da)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installerer ${need[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt -w these files: $unformatted" >&2
  exit 1
fi

echo "== go vet"
go vet ./...

echo "== go test"
go test -count=1 ./...

echo "== go test -race (the packages that work concurrently, -short)"
# In generator, the tests that build whole sites in parallel (every build
# reads pages, renders bodies, pages and the search index on several
# goroutines): greedy layouts, the preview's Builder, cancellation, fixtures.
go test -race -short -count=1 -run 'TestGreedy|TestBuilder|Cancelled|TestSites|TestOutput' ./generator
go test -race -short -count=1 ./internal/devserver ./generator/search ./generator/editor ./cmd/katalog

echo "== fuzz (kort)"
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    log=$(mktemp)
    if ! go test -run='^$' -fuzz="^${target}\$" -fuzztime="${FUZZTIME:-8s}" "$pkg" >"$log" 2>&1; then
      grep -v '^fuzz: elapsed' "$log" >&2
      echo "FAIL $pkg $target" >&2
      exit 1
    fi
    rm -f "$log"
    echo "ok $pkg $target"
  done
done

echo "== browsertest"
(cd browsertest && npm ci --no-audit --no-fund --loglevel=error)
node --test --test-concurrency=1 browsertest/
