# shellcheck shell=bash disable=SC2154
# Functions for bench/run.sh; it sets repo, work, katalog, runs,
# runs_large, saves, seed and the ports before sourcing this file. The
# full builds are in bench/shapes.sh.

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
	local v
	for v in "${hugos[@]}"; do
		echo "- $("${hugo_path[$v]}" version | cut -d' ' -f1-2) (${hugo_path[$v]})"
	done
	echo "- work folder: $work ($(df -T "$work" | awk 'NR==2 {print $2}'))"
	echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# env_line prints the BENCH_ variables that were set, for the command line.
env_line() {
	env | grep '^BENCH_' | sort | sed "s/=\(.*\)/='\1'/" | tr '\n' ' ' | sed 's/ $//'
}

# corpus n [shape] generates the corpus of n cases of the shape (default
# "default") into $work/corpus-shape-n.
corpus() {
	local shape=${2:-default}
	local dir=$work/corpus-$shape-$1
	echo "generating corpus shape=$shape N=$1" >&2
	"$work/bin/corpus" -n "$1" -seed "$seed" -shape "$shape" -repo "$repo" -out "$dir"
	rm -rf "$dir/katalog/public" "$dir/hugo/public"
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

# time_preview n: save-to-reload latency of both preview servers at n.
time_preview() {
	local n=$1 dir=$work/corpus-default-$1 file k h
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
