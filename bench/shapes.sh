# shellcheck shell=bash disable=SC2154,SC2016
# Full builds of each corpus shape against each Hugo version, for
# bench/run.sh, which sets repo, work, katalog, runs, runs_large and seed
# and sources lib.sh and this file.
#
# For each shape (BENCH_SHAPES) and size (BENCH_SIZES) it generates the
# corpus and then, in alternating order, runs katalog and every Hugo
# (BENCH_HUGOS), each with
#
#   fresh    a build into a new, empty folder;
#   cp       cp -r of that output to a new folder: the physical floor of
#            writing that tree on this disk;
#   repeat   the same build command again, into the folder the fresh
#            build filled (Hugo keeps its resources/ cache from it).
#
# Each of them is timed with /usr/bin/time -f "%e %U %S %M" after a sync,
# one line in $work/shapes.txt: "shape n tool kind wall user sys rss_kb".
# $work/sizes.txt has "shape n tool files bytes" of each tool's output:
# files from find -type f, bytes the sum of the files' sizes (find
# -printf %s; directories not counted). The output folders of a size are
# removed together after its last run (removing tens of thousands of
# files slows whatever runs next on some disks).

# The goals the tables mark (katalog/Hugo, ✓ or ✗): at 10,000 cases and
# more wall (fresh and repeated) ≤ 0.5, peak RSS ≤ 0.25, bytes ≤ 1.2 and
# files ≤ 1.1; at 100 cases wall ≤ 0.5.

# hugo_bin v: the path of Hugo v (e.g. 0.165.0): the hugo on PATH when it
# is that version (Debian's package is 0.111.3), else one built from the Go
# module proxy into $work/bin/hugo-v/ (once; a few minutes).
hugo_bin() {
	local v=$1 dir=$work/bin/hugo-$1
	if command -v hugo >/dev/null && [[ $(hugo version) == "hugo v$v"[+\ ]* ]]; then
		command -v hugo
		return
	fi
	if [[ ! -x $dir/hugo ]]; then
		echo "building Hugo v$v: GOBIN=$dir go install github.com/gohugoio/hugo@v$v" >&2
		GOBIN=$dir go install "github.com/gohugoio/hugo@v$v" >&2
	fi
	echo "$dir/hugo"
}

# setup_hugos sets hugos (the versions) and hugo_path (version → binary).
declare -A hugo_path
setup_hugos() {
	local v
	read -r -a hugos <<<"${BENCH_HUGOS:-0.111.3 0.165.0}"
	for v in "${hugos[@]}"; do
		hugo_path[$v]=$(hugo_bin "$v")
		echo "Hugo $v: ${hugo_path[$v]}" >&2
	done
}

# build tool site out: one build of site into out with tool ("katalog" or
# "hugo-VERSION"), timed into $tf. katalog always minifies.
build() {
	case $1 in
	katalog) (cd "$2" && /usr/bin/time -f "%e %U %S %M" -o "$tf" "$katalog" build -out "$3") ;;
	hugo-*) /usr/bin/time -f "%e %U %S %M" -o "$tf" "${hugo_path[${1#hugo-}]}" --minify --quiet -s "$2" -d "$3" ;;
	esac
}

# record shape n tool kind: appends the last timing to $work/shapes.txt.
record() {
	echo "$1 $2 $3 $4 $(tail -n 1 "$tf")" >>"$work/shapes.txt"
}

# shape_run shape n tool site timed: a fresh build of site, cp -r of the
# output, and the repeated build into the same folder; recorded unless
# timed is 0 (a warm-up).
shape_run() {
	local shape=$1 n=$2 tool=$3 site=$4 rec=$5 log=$work/log-$3
	local out=$work/out-$tool-$((++run_seq))
	tf=$work/time-$tool
	# Hugo builds cold: no resources/ cache from an earlier fresh build.
	[[ $tool == katalog ]] || rm -rf "$site/resources"
	sync
	if ! build "$tool" "$site" "$out" >"$log" 2>&1; then
		echo "$tool build failed on $site:" >&2
		tail -n 30 "$log" >&2
		exit 1
	fi
	((rec)) && record "$shape" "$n" "$tool" fresh
	sync
	# The floor: copying the tree just written, before the repeated build
	# (katalog's removes a whole old tree, which slows what follows).
	if ((rec)); then
		/usr/bin/time -f "%e %U %S %M" -o "$tf" cp -r "$out" "$out-cp"
		record "$shape" "$n" "$tool" cp
		sync
	fi
	if ! build "$tool" "$site" "$out" >"$log" 2>&1; then
		echo "$tool repeated build failed on $site:" >&2
		tail -n 30 "$log" >&2
		exit 1
	fi
	((rec)) || return 0
	record "$shape" "$n" "$tool" repeat
	echo "$shape $n $tool $(find "$out" -type f | wc -l) $(find "$out" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')" >>"$work/sizes.txt"
}

run_seq=0
corpus_seq=0

# time_shape shape n: the corpus, a warm-up, then the timed runs, the
# tools' order rotating from run to run and from one corpus to the next.
# Below 10,000 cases every tool warms up; from 10,000 only katalog (the
# quickest), which leaves no timed run first after the corpus was written
# and the last outputs removed: that run paid for the disk's backlog.
time_shape() {
	local shape=$1 n=$2 r=$runs dir i j tools
	((n < 10000)) || r=$runs_large
	corpus "$n" "$shape"
	dir=$work/corpus-$shape-$n
	tools=(katalog)
	for v in "${hugos[@]}"; do tools+=("hugo-$v"); done
	echo "building shape=$shape N=$n: $r runs of ${tools[*]}" >&2
	local warm=("${tools[@]}")
	((n < 10000)) || warm=(katalog)
	for t in "${warm[@]}"; do
		shape_run "$shape" "$n" "$t" "$dir/$(site_of "$t")" 0
	done
	for ((i = 0; i < r; i++)); do
		for ((j = 0; j < ${#tools[@]}; j++)); do
			t=${tools[(corpus_seq + i + j) % ${#tools[@]}]}
			shape_run "$shape" "$n" "$t" "$dir/$(site_of "$t")" 1
		done
	done
	rm -rf "$work"/out-*
	sync
	((++corpus_seq))
}

# site_of tool: the corpus folder the tool builds.
site_of() {
	[[ $1 == katalog ]] && echo katalog || echo hugo
}

# smed shape n tool kind expr: the median of an awk expression over the
# matching rows of $work/shapes.txt.
smed() {
	awk -v s="$1" -v n="$2" -v t="$3" -v k="$4" '$1 == s && $2 == n && $3 == t && $4 == k {print '"$5"'}' "$work/shapes.txt" | median
}

# ssize shape n tool column: files (4) or bytes (5) of the tool's output.
ssize() {
	awk -v s="$1" -v n="$2" -v t="$3" -v c="$4" '$1 == s && $2 == n && $3 == t {print $c}' "$work/sizes.txt" | tail -n 1
}

# cell k h unit goal: "k / h = ratio" and ✓ or ✗ against goal (none if "").
cell() {
	awk -v k="$1" -v h="$2" -v u="$3" -v g="$4" 'BEGIN {
		if (u == "MB") fmt = "%.0f"; else if (u == "s") fmt = "%.2f"; else fmt = "%d"
		if (k == "" || h == "" || h + 0 == 0) { printf "–"; exit }
		r = k / h
		mark = ""
		if (g != "") mark = (r <= g + 1e-9) ? " ✓" : " ✗"
		if (g != "") mark = mark " (≤ " g ")"
		ks = sprintf(fmt, k); hs = sprintf(fmt, h)
		if (u == "MB" || u == "s") { ks = ks " " u; hs = hs " " u }
		printf "%s / %s = **%.2f**%s", ks, hs, r, mark }'
}

# shape_table shape: the Markdown table of a shape's medians and ratios.
shape_table() {
	local s=$1 n v h big small
	echo "### Shape \`$s\`"
	echo
	echo "Medians, katalog / Hugo = ratio (below 1: katalog is better); ✓/✗ against the goal in brackets."
	echo
	echo "| N | Hugo | wall, fresh | wall, repeated | CPU (user+sys) | peak RSS | bytes | files | cp -r floor, katalog / Hugo |"
	echo "|---:|---|---|---|---|---|---|---|---|"
	for n in $(awk -v s="$s" '$1 == s {print $2}' "$work/shapes.txt" | sort -nu); do
		big='' small=''
		((n >= 10000)) && big=1
		((n == 100)) && small=1
		for v in "${hugos[@]}"; do
			h=hugo-$v
			printf '| %d | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$v" \
				"$(cell "$(smed "$s" "$n" katalog fresh '$5')" "$(smed "$s" "$n" "$h" fresh '$5')" s "${big:+0.5}${small:+0.5}")" \
				"$(cell "$(smed "$s" "$n" katalog repeat '$5')" "$(smed "$s" "$n" "$h" repeat '$5')" s "${big:+0.5}")" \
				"$(cell "$(smed "$s" "$n" katalog fresh '$6+$7')" "$(smed "$s" "$n" "$h" fresh '$6+$7')" s "")" \
				"$(cell "$(smed "$s" "$n" katalog fresh '$8/1024')" "$(smed "$s" "$n" "$h" fresh '$8/1024')" MB "${big:+0.25}")" \
				"$(cell "$(ssize "$s" "$n" katalog 5)" "$(ssize "$s" "$n" "$h" 5)" "" "${big:+1.2}")" \
				"$(cell "$(ssize "$s" "$n" katalog 4)" "$(ssize "$s" "$n" "$h" 4)" "" "${big:+1.1}")" \
				"$(cell "$(smed "$s" "$n" katalog cp '$5')" "$(smed "$s" "$n" "$h" cp '$5')" s "")"
		done
	done
}

# shapes_main: every shape and size, then the tables.
shapes_main() {
	local s n
	: >"$work/shapes.txt"
	: >"$work/sizes.txt"
	for s in $shapes; do
		for n in $sizes; do
			time_shape "$s" "$n"
		done
	done
	echo
	echo "## Full builds by corpus shape"
	echo
	echo "Each run: a fresh build into a new, empty folder, then \`cp -r\` of that output to a new folder after a sync (the floor of writing that tree on this disk), then the same build command again into the first folder (repeated). Times from \`/usr/bin/time\`; CPU and peak RSS of the fresh build; bytes are the sum of the output's file sizes (\`find -type f -printf %s\`, directories not counted), files \`find -type f | wc -l\`. Hugo builds with \`--minify\`, its \`resources/\` cache removed before each fresh build; katalog always minifies. katalog also writes a search index, Hugo none."
	for s in $shapes; do
		echo
		shape_table "$s"
	done
}
