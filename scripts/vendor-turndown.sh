#!/usr/bin/env bash
# Writes generator/editor/ui/turndown.js, the editor's vendored copy of
# turndown and turndown-plugin-gfm, from the npm registry: the two packages'
# browser builds (dist/*.js, plain scripts that define the globals
# TurndownService and turndownPluginGfm), unchanged, each after a comment
# with its name, version, source and MIT licence. The tarballs are checked
# against the sha512 sums pinned below, so the same versions give the same
# file byte for byte. To update: change the versions and the sums (npm view
# turndown@X dist.integrity), run the script, read the diff, run
# browsertest/paste.test.mjs, and update generator/editor/ui/VENDOR.md.
#
#   bash scripts/vendor-turndown.sh
set -euo pipefail
export LC_ALL=C

turndown_version=7.2.5
turndown_integrity='sha512-EKZvCCFHh8sWttpAMs10U6niZFJ2cpz8LkCPlylxoG4JcHF50J7EHnnBW3AY1qXtUMu7kDjCp7dnggB1sIbqEQ=='
gfm_version=1.0.2
gfm_integrity='sha512-vwz9tfvF7XN/jE0dGoBei3FXWuvll78ohzCZQuOb+ZjWrs3a0XhQVomJEb2Qh4VHTPNRO4GPZh0V7VRbiWwkRg=='

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/generator/editor/ui/turndown.js"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

# fetch name version integrity: npm pack into $tmp, check the sum, unpack
# into $tmp/name.
fetch() {
	local tgz
	tgz=$(npm pack --silent "$1@$2")
	local sum
	sum="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
	if [ "$sum" != "$3" ]; then
		echo "vendor-turndown.sh: $tgz has $sum, want $3" >&2
		exit 1
	fi
	mkdir "$1"
	tar xzf "$tgz" -C "$1" --strip-components=1
}
fetch turndown "$turndown_version" "$turndown_integrity"
fetch turndown-plugin-gfm "$gfm_version" "$gfm_integrity"

# header name version repository file: the comment before each build.
header() {
	printf '/*!\n * %s %s, %s\n' "$1" "$2" "$3"
	printf ' * npm %s@%s, file %s, unchanged.\n *\n' "$1" "$2" "$4"
	sed -e 's/^/ * /' -e 's/ *$//' "$1/LICENSE"
	printf ' */\n'
}

{
	printf '// The editor'"'"'s copy of turndown and turndown-plugin-gfm, written by\n'
	printf '// scripts/vendor-turndown.sh; see VENDOR.md. Do not edit by hand.\n\n'
	header turndown "$turndown_version" https://github.com/mixmark-io/turndown dist/turndown.js
	cat turndown/dist/turndown.js
	printf '\n'
	header turndown-plugin-gfm "$gfm_version" https://github.com/domchristie/turndown-plugin-gfm dist/turndown-plugin-gfm.js
	cat turndown-plugin-gfm/dist/turndown-plugin-gfm.js
} >"$out"

# The editor runs under a CSP without 'unsafe-eval'.
if grep -nE '\beval\b|new Function|Function\(' "$out"; then
	echo "vendor-turndown.sh: $out uses eval or new Function" >&2
	exit 1
fi
echo "wrote $out ($(wc -c <"$out") bytes, sha256 $(sha256sum "$out" | cut -c1-64))"
