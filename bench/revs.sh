#!/usr/bin/env bash
# Times two revisions of katalog side by side on the same corpora (each
# with its own revision's layouts and assets): full builds, alternating,
# each into a fresh folder, median wall time, CPU (user+sys) and peak RSS
# of BENCH_RUNS runs (default 3), and the ratio new/old. For checking that
# a change made nothing slower:
#
#   bench/revs.sh OLD [NEW]        NEW defaults to the working tree
#   BENCH_SIZES="1000 10000" BENCH_RUNS=3 bench/revs.sh 05324a5
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
old=$1 new=${2:-}
sizes=${BENCH_SIZES-1000 10000}
runs=${BENCH_RUNS:-3}
work=${BENCH_DIR:-/var/tmp/katalog-revs}
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
rm -rf "$work"; mkdir -p "$work"
trap 'cd "$repo"; git worktree remove --force "$work/old" >/dev/null 2>&1 || true; git worktree remove --force "$work/new" >/dev/null 2>&1 || true' EXIT
git -C "$repo" worktree add --detach "$work/old" "$old" >/dev/null 2>&1
(cd "$work/old" && go build -o "$work/katalog-old" ./cmd/katalog)
if [ -n "$new" ]; then
  git -C "$repo" worktree add --detach "$work/new" "$new" >/dev/null 2>&1
  (cd "$work/new" && go build -o "$work/katalog-new" ./cmd/katalog)
else
  (cd "$repo" && go build -o "$work/katalog-new" ./cmd/katalog)
fi
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-7s %-4s %9s %9s %9s\n' cases rev wall_s cpu_s rss_mb
for n in $sizes; do
  newrepo=$repo; [ -n "$new" ] && newrepo=$work/new
  (cd "$repo" && go run ./bench/corpus -n "$n" -seed 1 -out "$work/c$n-old" -repo "$work/old" &&
    go run ./bench/corpus -n "$n" -seed 1 -out "$work/c$n-new" -repo "$newrepo")
  for v in old new; do : > "$work/$v.times"; done
  for i in $(seq 1 "$runs"); do
    for v in old new; do
      sync
      /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$work/katalog-$v" build -src "$work/c$n-$v/katalog" -out "$work/out-$v-$i" >/dev/null
      cat "$work/t" >> "$work/$v.times"
    done
  done
  for v in old new; do
    w=$(awk '{print $1}' "$work/$v.times" | median)
    c=$(awk '{print $2+$3}' "$work/$v.times" | median)
    m=$(awk '{print $4/1024}' "$work/$v.times" | median)
    printf '%-7s %-4s %9.2f %9.2f %9.0f\n' "$n" "$v" "$w" "$c" "$m"
    eval "w_$v=$w c_$v=$c m_$v=$m"
  done
  awk -v a="$w_new" -v b="$w_old" -v c="$c_new" -v d="$c_old" -v e="$m_new" -v f="$m_old" \
    'BEGIN {printf "%-7s new/old: wall %.2f, cpu %.2f, rss %.2f\n", "", a/b, c/d, e/f}'
  rm -rf "$work"/out-* "$work/c$n-old" "$work/c$n-new"
done
