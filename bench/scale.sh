#!/usr/bin/env bash
# Measures brief at scale on synthetic sites, as whole processes: wall time
# and peak memory (GNU time), median of several runs, and ratios against the
# unavoidable work (read + front matter + goldmark of every file) measured
# in the same run. Usage: bench/scale.sh [sizes…]   (default: 1000 10000)
# RUNS=3 sets the runs per case. After the table, the steps of each one-edit
# rebuild (brief build --timings). Needs /usr/bin/time (Debian: apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
sizes=("${@:-1000 10000}")
sizes=(${sizes[@]})
runs=${RUNS:-3}
work=${BENCH_DIR:-/tmp/brief-bench}
mkdir -p "$work"
go build -o "$work/brief" ./cmd/brief
go build -o "$work/briefgen" ./cmd/briefgen
go test -c -o "$work/build.test" ./internal/build

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# measure CMD…: runs the command $runs times; prints "median-seconds median-MB".
measure() {
	local t m ts=() ms=()
	for _ in $(seq "$runs"); do
		"$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
		read -r t m < <(tail -1 "$work/err")
		ts+=("$t"); ms+=("$m")
	done
	echo "$(printf '%s\n' "${ts[@]}" | median) $(( $(printf '%s\n' "${ms[@]}" | median) / 1024 ))"
}
timed() { /usr/bin/time -f "%e %M" "$@"; }

# Every full build writes to a destination and a cache of its own that no
# earlier run used: on ext4, files made where many were just deleted take
# several times longer to create, which would measure the file system's
# memory of the last run rather than brief.
mem=${BENCH_MEM:-/dev/shm}
steps=()
printf '| briefings | baseline s | write floor s | full build s | ratio to baseline | ratio to baseline + write floor | full build in memory (tmpfs) s | ratio to baseline | peak MB | allocations per briefing | KB allocated per briefing | no change s | one edit s | output files |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n'
for n in "${sizes[@]}"; do
	site="$work/site-$n"
	out="$work/out-$n"
	rm -rf "$out" "$mem/brief-bench-$n"
	mkdir -p "$out" "$mem/brief-bench-$n"
	[ -f "$site/brief.toml" ] || "$work/briefgen" -n "$n" -o "$site"
	# The unavoidable work, in one process, on all cores.
	base=$(cd internal/build && "$work/build.test" -test.run '^$' -test.bench '^BenchmarkBaseline$' -test.benchtime 1x -test.count "$runs" -briefings "$n" -bench-site "$site" |
		awk '/^BenchmarkBaseline/ {print $3/1e9}' | median)
	# Full build: empty cache, new destination.
	full_t=(); full_m=(); tmpfs_t=()
	for i in $(seq "$runs"); do
		sync
		timed "$work/brief" build -q -s "$site" -d "$out/public-$i" --cacheDir "$out/cache-$i" 2>"$work/err" || { cat "$work/err"; exit 1; }
		read -r t m < <(tail -1 "$work/err"); full_t+=("$t"); full_m+=("$m")
		if [ -d "$mem" ]; then
			timed "$work/brief" build -q -s "$site" -d "$mem/brief-bench-$n/public-$i" --cacheDir "$mem/brief-bench-$n/cache-$i" 2>"$work/err" || { cat "$work/err"; exit 1; }
			read -r t _ < <(tail -1 "$work/err"); tmpfs_t+=("$t")
			rm -rf "$mem/brief-bench-$n/public-$i"
		fi
	done
	full=$(printf '%s\n' "${full_t[@]}" | median)
	peak=$(( $(printf '%s\n' "${full_m[@]}" | median) / 1024 ))
	tmpfs=$( ((${#tmpfs_t[@]})) && printf '%s\n' "${tmpfs_t[@]}" | median || echo "")
	# Allocations of one full build in the process, per briefing.
	read -r allocs kb < <(cd internal/build && "$work/build.test" -test.run '^$' -test.bench '^BenchmarkBuildMemory$' -test.benchtime 1x -briefings "$n" -bench-site "$site" |
		awk '/^BenchmarkBuildMemory/ {for (i = 2; i < NF; i++) {if ($(i+1) == "allocs/briefing") a = $i; if ($(i+1) == "KB/briefing") k = $i}; printf "%.0f %.1f\n", a, k}')
	# Rebuilds of the last full build's destination, with its cache.
	dest=(-d "$out/public-$runs" --cacheDir "$out/cache-$runs")
	read -r same _ < <(measure timed "$work/brief" build -q -s "$site" "${dest[@]}")
	# One briefing's body edited before each run.
	edit=$(find "$site/content" -name "*-briefing-000000.md")
	edit_t=()
	for _ in $(seq "$runs"); do
		echo "An added sentence." >>"$edit"
		timed "$work/brief" build -q --timings -s "$site" "${dest[@]}" 2>"$work/err" || { cat "$work/err"; exit 1; }
		read -r t _ < <(tail -1 "$work/err"); edit_t+=("$t")
		steps+=("$n, one edit: $(grep '^brief: timings: ' "$work/err" | sed 's/^brief: timings: //')")
	done
	one=$(printf '%s\n' "${edit_t[@]}" | median)
	files=$(find "$out/public-$runs" -type f | wc -l)
	# The write floor: copying the finished site to a new folder, the least
	# any generator pays to put these files on this disk.
	floor_t=()
	for i in $(seq "$runs"); do
		sync
		timed cp -r "$out/public-$runs" "$out/copy-$i" 2>"$work/err"
		read -r t _ < <(tail -1 "$work/err"); floor_t+=("$t")
	done
	floor=$(printf '%s\n' "${floor_t[@]}" | median)
	rm -rf "$out" "$mem/brief-bench-$n"
	ratio=$(awk -v a="$full" -v b="$base" 'BEGIN {printf "%.2f", a/b}')
	ratio2=$(awk -v a="$full" -v b="$base" -v c="$floor" 'BEGIN {printf "%.2f", a/(b+c)}')
	ratio3=$( [ -n "$tmpfs" ] && awk -v a="$tmpfs" -v b="$base" 'BEGIN {printf "%.2f×", a/b}' || echo "")
	printf '| %s | %s | %s | %s | %s× | %s× | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$base" "$floor" "$full" "$ratio" "$ratio2" "$tmpfs" "$ratio3" "$peak" "$allocs" "$kb" "$same" "$one" "$files"
done
# The steps of each one-edit rebuild (brief build --timings).
echo
printf '%s\n' "${steps[@]}"
