#!/usr/bin/env bash
# Measures brief at scale on synthetic sites, as whole processes: wall time
# and peak memory (GNU time), median of several runs, and ratios against the
# unavoidable work (read + front matter + goldmark of every file) measured
# in the same run. Usage: bench/scale.sh [sizes…]   (default: 1000 10000)
# RUNS=3 sets the runs per case. Needs /usr/bin/time (Debian: apt-get install time).
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

printf '| briefings | baseline s | write floor s | full build s | ratio to baseline | ratio to baseline + write floor | peak MB | no change s | one edit s | output files |\n|---|---|---|---|---|---|---|---|---|---|\n'
for n in "${sizes[@]}"; do
	site="$work/site-$n"
	[ -f "$site/brief.toml" ] || "$work/briefgen" -n "$n" -o "$site"
	# The unavoidable work, in one process, on all cores.
	base=$(cd internal/build && "$work/build.test" -test.run '^$' -test.bench '^BenchmarkBaseline$' -test.benchtime 1x -test.count "$runs" -briefings "$n" -bench-site "$site" |
		awk '/^BenchmarkBaseline/ {print $3/1e9}' | median)
	# Full build: empty cache, empty destination.
	full_t=(); full_m=()
	for _ in $(seq "$runs"); do
		rm -rf "$site/public" "$site/.brief-cache"
		timed "$work/brief" build -q -s "$site" 2>"$work/err" || { cat "$work/err"; exit 1; }
		read -r t m < <(tail -1 "$work/err"); full_t+=("$t"); full_m+=("$m")
	done
	full=$(printf '%s\n' "${full_t[@]}" | median)
	peak=$(( $(printf '%s\n' "${full_m[@]}" | median) / 1024 ))
	read -r same _ < <(measure timed "$work/brief" build -q -s "$site")
	# One briefing's body edited before each run.
	edit=$(find "$site/content" -name "*-briefing-000000.md")
	edit_t=()
	for _ in $(seq "$runs"); do
		echo "An added sentence." >>"$edit"
		timed "$work/brief" build -q -s "$site" 2>"$work/err" || { cat "$work/err"; exit 1; }
		read -r t _ < <(tail -1 "$work/err"); edit_t+=("$t")
	done
	one=$(printf '%s\n' "${edit_t[@]}" | median)
	files=$(find "$site/public" -type f | wc -l)
	# The write floor: copying the finished site, the least any generator
	# pays to put these files on this disk.
	floor_t=()
	for _ in $(seq "$runs"); do
		rm -rf "$work/copy"
		timed cp -r "$site/public" "$work/copy" 2>"$work/err"
		read -r t _ < <(tail -1 "$work/err"); floor_t+=("$t")
	done
	rm -rf "$work/copy"
	floor=$(printf '%s\n' "${floor_t[@]}" | median)
	ratio=$(awk -v a="$full" -v b="$base" 'BEGIN {printf "%.2f", a/b}')
	ratio2=$(awk -v a="$full" -v b="$base" -v c="$floor" 'BEGIN {printf "%.2f", a/(b+c)}')
	printf '| %s | %s | %s | %s | %s× | %s× | %s | %s | %s | %s |\n' "$n" "$base" "$floor" "$full" "$ratio" "$ratio2" "$peak" "$same" "$one" "$files"
done
