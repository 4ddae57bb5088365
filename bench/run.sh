#!/usr/bin/env bash
# Benchmarks katalog against Hugo on the same synthetic catalogue (issue 8).
#
#   bench/run.sh
#
# For each corpus shape and size it generates the corpus (bench/corpus),
# then builds the katalog site and the equivalent Hugo site with each Hugo
# version alternately, on the same filesystem: a fresh build into a new
# folder, the same build again into that folder, and cp -r of the output
# as the floor (bench/shapes.sh). It times wall clock, CPU (user+sys) and
# peak RSS with /usr/bin/time, counts the output's files and bytes, and
# prints medians and the ratios katalog/Hugo, one table a shape. Then it
# measures both preview servers from a saved case file to the reload signal
# (bench/latency; default shape, the hugo on PATH). Every part can be
# narrowed or skipped with these variables (an empty list skips the part):
#
#   BENCH_SIZES="100 1000 10000"   corpus sizes for full builds
#   BENCH_SHAPES="default real long"  corpus shapes for full builds
#   BENCH_HUGOS="0.111.3 0.165.0"  Hugo versions: the hugo on PATH if it is
#                                  that version, else built with go install
#   BENCH_RUNS=5                   timed runs per tool for N < 10000
#   BENCH_RUNS_LARGE=3             timed runs per tool for N >= 10000 (katalog warms up)
#   BENCH_SERVE_SIZES="1000 10000" corpus sizes for preview latency
#   BENCH_SAVES=20                 saves per server and size
#   BENCH_SAVE_BUDGET=120s         stop a slow server's saves after this (≥ 3 saves)
#   BENCH_SITE=1                   also time the shipped catalogue (0 skips)
#   BENCH_SEED=1                   corpus seed
#   BENCH_DIR=/var/tmp/katalog-bench  work folder (use a disk, not tmpfs)
#   BENCH_REV=                     build a git revision (e.g. HEAD) instead of
#                                  the working tree: katalog, layouts/, assets/
#
# It installs Hugo and GNU time with apt when they are missing, and builds
# a Hugo version that is not on PATH from the Go module proxy.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
sizes=${BENCH_SIZES-100 1000 10000}
shapes=${BENCH_SHAPES-default real long}
serve_sizes=${BENCH_SERVE_SIZES-1000 10000}
runs=${BENCH_RUNS:-5}
runs_large=${BENCH_RUNS_LARGE:-3}
saves=${BENCH_SAVES:-20}
budget=${BENCH_SAVE_BUDGET:-120s}
seed=${BENCH_SEED:-1}
work=${BENCH_DIR:-/var/tmp/katalog-bench}
port_katalog=${BENCH_PORT_KATALOG:-18088}
port_hugo=${BENCH_PORT_HUGO:-11313}

# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"
# shellcheck source=bench/shapes.sh
source "$repo/bench/shapes.sh"

ensure_tools
mkdir -p "$work/bin"
if [[ -n ${BENCH_REV:-} ]]; then
	rm -rf "$work/src" && mkdir -p "$work/src"
	git -C "$repo" archive "$BENCH_REV" | tar -x -C "$work/src"
	echo "using $(git -C "$repo" rev-parse --short "$BENCH_REV") ($BENCH_REV) from $repo" >&2
	repo=$work/src
fi
echo "building katalog, corpus and latency from $repo" >&2
(cd "$repo" && go build -o "$work/bin/katalog" ./cmd/katalog &&
	go build -o "$work/bin/corpus" ./bench/corpus &&
	go build -o "$work/bin/latency" ./bench/latency)
katalog=$work/bin/katalog
setup_hugos

machine
echo
echo "command: $(env_line) bench/run.sh"

if [[ ${BENCH_SITE:-1} != 0 ]]; then
	time_site
fi
if [[ -n $sizes && -n $shapes ]]; then
	shapes_main
fi
if [[ -n $serve_sizes ]]; then
	echo
	echo "## Preview: saved case file → reload signal"
	echo
	echo "| N | katalog median | katalog p90 | Hugo median | Hugo p90 | katalog/Hugo | saves |"
	echo "|---:|---:|---:|---:|---:|---:|---:|"
	for n in $serve_sizes; do
		time_preview "$n"
	done
fi
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
