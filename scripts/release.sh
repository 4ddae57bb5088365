#!/usr/bin/env bash
# Builds the single-file katalog binaries that editors download: no Go, no
# C libraries (CGO_ENABLED=0), no local paths or debug symbols (-trimpath,
# -s -w). They are written to dist/ (ignored by git), and their sizes and
# sha256 sums are printed. Works from any directory; any failure stops the
# run with a non-zero exit code.
#
#   bash scripts/release.sh
set -euo pipefail
export LC_ALL=C
trap 'echo "release.sh: FEJL på linje $LINENO (exit $?)" >&2' ERR

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
command -v go >/dev/null 2>&1 || { echo "release.sh: go findes ikke på PATH" >&2; exit 1; }

# GOOS/GOARCH  file name in dist/
targets=(
  "windows/amd64 katalog-windows-amd64.exe"
  "darwin/arm64  katalog-macos-arm64"
  "darwin/amd64  katalog-macos-amd64"
  "linux/amd64   katalog-linux-amd64"
)

dist="$root/dist"
rm -rf "$dist"
mkdir -p "$dist"

for t in "${targets[@]}"; do
  read -r platform name <<<"$t"
  echo "== $platform -> dist/$name"
  CGO_ENABLED=0 GOOS="${platform%/*}" GOARCH="${platform#*/}" \
    go build -trimpath -ldflags "-s -w" -o "$dist/$name" ./cmd/katalog
  [ -s "$dist/$name" ] || { echo "release.sh: $name blev ikke bygget" >&2; exit 1; }
done

if command -v sha256sum >/dev/null 2>&1; then
  sha() { sha256sum "$@"; }
else
  sha() { shasum -a 256 "$@"; } # macOS
fi

echo
echo "== størrelser"
cd "$dist"
for t in "${targets[@]}"; do
  read -r _ name <<<"$t"
  bytes=$(wc -c <"$name" | tr -d ' ')
  printf '%-28s %10s bytes  %6.1f MB\n' "$name" "$bytes" "$(awk "BEGIN{print $bytes/1048576}")"
done

echo
echo "== sha256 (også i dist/SHA256SUMS)"
names=()
for t in "${targets[@]}"; do
  read -r _ name <<<"$t"
  names+=("$name")
done
sha "${names[@]}" | tee SHA256SUMS
