# shellcheck shell=bash disable=SC2154
# Functions for bench/run.sh; it sets repo, work, katalog, results, runs,
# runs_large, saves, seed and the ports before sourcing this file.

# ensure_tools installs Hugo and GNU time with apt when they are missing.
ensure_tools() {
	local missing=()
	command -v hugo >/dev/null || missing+=(hugo)
	[[ -x /usr/bin/time ]] || missing+=(time)
	if ((${#missing[@]})); then
		echo "installing ${missing[*]} with apt" >&2
		local sudo=
		((EUID == 0)) || sudo=sudo
		$sudo apt-get -o DPkg::Lock::Timeout=300 update -qq
		$sudo apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${missing[@]}" >&2
	fi
}

# machine prints what the figures were measured on.
machine() {
	echo "## Machine"
	echo
	echo "- CPU: $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
	echo "- RAM: $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo)"
	echo "- kernel: $(uname -sr)"
	echo "- $(go version)"
	echo "- $(hugo version | cut -d' ' -f1-2)"
	echo "- work folder: $work ($(df -T "$work" | awk 'NR==2 {print $2}'))"
	echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# env_line prints the BENCH_ variables that were set, for the command line.
env_line() {
	env | grep '^BENCH_' | sort | sed "s/=\(.*\)/='\1'/" | tr '\n' ' ' | sed 's/ $//'
}

# corpus generates the corpus of n cases into $work/corpus-n.
corpus() {
	local dir=$work/corpus-$1
	echo "generating corpus N=$1" >&2
	"$work/bin/corpus" -n "$1" -seed "$seed" -repo "$repo" -out "$dir"
	rm -rf "$dir/katalog/public" "$dir/hugo/public"
}

# katalog_build site out: one build of site into out, timed into $tf.
katalog_build() {
	(cd "$1" && /usr/bin/time -f "%e %U %S %M" -o "$tf" "$katalog" build -out "$2")
}

# hugo_build site out: one cold build (no resources cache) of site into out.
hugo_build() {
	rm -rf "$1/resources"
	/usr/bin/time -f "%e %U %S %M" -o "$tf" hugo --minify --quiet -s "$1" -d "$2"
}

# timed n tool site: builds site into a fresh folder and records the times
# as "n tool wall user sys rss_kb" in $results (or nowhere if n is "-").
# The folders of earlier runs stay until time_builds removes them all:
# on some disks removing 20,000 files slows whatever runs next for seconds.
timed() {
	local n=$1 tool=$2 site=$3 log=$work/log-$2
	local out=$work/out-$tool-$((++run_seq))
	tf=$work/time-$tool
	sync
	if ! "${tool}_build" "$site" "$out" >"$log" 2>&1; then
		echo "$tool build failed on $site:" >&2
		tail -n 30 "$log" >&2
		exit 1
	fi
	[[ $n == - ]] || echo "$n $tool $(tail -n 1 "$tf")" >>"$results"
	find "$out" -type f | wc -l >"$work/files-$tool"
}

run_seq=0

# time_builds n: a warm-up run of each tool (below 10,000 cases, where
# start-up effects count), then alternating timed runs.
time_builds() {
	local n=$1 r=$runs dir=$work/corpus-$1
	((n < 10000)) || r=$runs_large
	corpus "$n"
	echo "building N=$n: $r runs each" >&2
	if ((n < 10000)); then
		timed - katalog "$dir/katalog"
		timed - hugo "$dir/hugo"
	fi
	for ((i = 0; i < r; i++)); do
		if ((i % 2 == 0)); then
			timed "$n" katalog "$dir/katalog"
			timed "$n" hugo "$dir/hugo"
		else
			timed "$n" hugo "$dir/hugo"
			timed "$n" katalog "$dir/katalog"
		fi
	done
	echo "$n $(cat "$work/files-katalog") $(cat "$work/files-hugo")" >>"$work/files.txt"
	rm -rf "$work"/out-katalog-* "$work"/out-hugo-*
	sync
}

# time_site times cold builds of the shipped catalogue (the repository).
time_site() {
	local out=$work/out-site walls=()
	echo "building the shipped catalogue $runs times" >&2
	for ((i = 0; i < runs; i++)); do
		rm -rf "$out"
		sync
		(cd "$repo" && /usr/bin/time -f "%e %U %S %M" -o "$work/time-site" "$katalog" build -out "$out") >"$work/log-site" 2>&1 ||
			{ tail -n 30 "$work/log-site" >&2; exit 1; }
		walls+=("$(cut -d' ' -f1 "$work/time-site")")
	done
	echo
	echo "## Shipped catalogue, cold build"
	echo
	echo "median wall time of $runs runs: $(printf '%s\n' "${walls[@]}" | median) s" \
		"($(find "$out" -type f | wc -l) files)"
	rm -rf "$out"
}

# median reads numbers, one a line, and prints their median.
median() {
	sort -g | awk '{a[NR] = $1} END {
		if (NR == 0) exit 1
		if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# col n tool expr: the median of an awk expression over $results rows.
col() {
	awk -v n="$1" -v t="$2" '$1 == n && $2 == t {print '"$3"'}' "$results" | median
}

# build_table prints the medians and ratios of the recorded builds.
build_table() {
	echo "| N | files katalog / Hugo | wall katalog | wall Hugo | ratio | CPU katalog | CPU Hugo | ratio | peak RSS katalog | peak RSS Hugo | ratio |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	local n files kw hw kc hc kr hr
	for n in $(awk '{print $1}' "$results" | sort -nu); do
		files=$(awk -v n="$n" '$1 == n {print $2 " / " $3}' "$work/files.txt" | tail -n 1)
		kw=$(col "$n" katalog '$3') hw=$(col "$n" hugo '$3')
		kc=$(col "$n" katalog '$4+$5') hc=$(col "$n" hugo '$4+$5')
		kr=$(col "$n" katalog '$6/1024') hr=$(col "$n" hugo '$6/1024')
		awk -v n="$n" -v f="$files" -v kw="$kw" -v hw="$hw" -v kc="$kc" -v hc="$hc" -v kr="$kr" -v hr="$hr" 'BEGIN {
			printf "| %d | %s | %.2f s | %.2f s | %.2f | %.2f s | %.2f s | %.2f | %.0f MB | %.0f MB | %.2f |\n",
				n, f, kw, hw, kw / hw, kc, hc, kc / hc, kr, hr, kr / hr }'
	done
}

# time_preview n: save-to-reload latency of both preview servers at n.
time_preview() {
	local n=$1 dir=$work/corpus-$1 file k h
	corpus "$n"
	file=content/cases/$(ls "$dir/katalog/content/cases" | sort | sed -n "$(((n + 1) / 2))p")
	echo "preview N=$n: $saves saves of $file" >&2
	k=$("$work/bin/latency" -kind katalog -site "$dir/katalog" -addr "127.0.0.1:$port_katalog" \
		-file "$file" -saves "$saves" -budget "$budget" -- "$katalog" serve -addr "127.0.0.1:$port_katalog") || k=failed
	h=$("$work/bin/latency" -kind hugo -site "$dir/hugo" -addr "127.0.0.1:$port_hugo" \
		-file "$file" -saves "$saves" -budget "$budget" -- hugo server --bind 127.0.0.1 --port "$port_hugo") || h=failed
	echo "katalog N=$n $k" >&2
	echo "hugo N=$n $h" >&2
	awk -v n="$n" -v k="$k" -v h="$h" 'function f(s, key,  i, kv) {
			split(s, kv, " "); for (i in kv) if (index(kv[i], key "=") == 1) return substr(kv[i], length(key) + 2) }
		BEGIN { km = f(k, "median_ms"); hm = f(h, "median_ms")
			if (km == "" || hm == "") { printf "| %d | %s | | %s | | | |\n", n, k, h; exit }
			printf "| %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.2f | %s / %s |\n",
				n, km, f(k, "p90_ms"), hm, f(h, "p90_ms"), km / hm, f(k, "saves"), f(h, "saves") }'
}
