#!/usr/bin/env bash
# Windows under Wine: cross-compiles every package's tests for Windows and
# runs them, then builds the example site with brief.exe and checks that
# the output is byte-identical to the Linux build's. Called by .ci/run;
# needs wine64 and binutils-mingw-w64-x86-64 (Debian). About 10 minutes on
# 2 cores, most of it compiling.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"

wine=$(command -v wine64 || echo /usr/lib/wine/wine64)
[ -x "$wine" ] || { echo ".ci/wine.sh: wine64 not installed (apt-get install -y wine64)" >&2; exit 1; }
export WINEDEBUG=-all WINEPREFIX="${WINEPREFIX:-$HOME/.cache/brief-wine}"
# Chromium, node, xmllint and Java (the Nu HTML Checker) are Linux
# programs, which a Windows test cannot start: those tests skip here and
# run in the Linux suite.
unset BRIEF_REQUIRE_BROWSER BRIEF_VNU_JAR BRIEF_AXE_JS
# The deploy tests reach .ci/run's versitygw over the loopback as on
# Linux; those that start a versitygw of their own skip, as a Windows test
# cannot start the Linux binary.
unset BRIEF_REQUIRE_S3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$wine" --version

# Wine 8 lacks bcryptprimitives.dll, which every Go program loads.
sys32="$WINEPREFIX/drive_c/windows/system32"
[ -d "$sys32" ] || "$wine" wineboot -i >/dev/null 2>&1
if [ ! -e "$sys32/bcryptprimitives.dll" ]; then
	x86_64-w64-mingw32-as -o "$tmp/dllmain.o" .ci/wine/dllmain.s
	x86_64-w64-mingw32-ld --dll -e DllMain -o "$sys32/bcryptprimitives.dll" "$tmp/dllmain.o" .ci/wine/bcryptprimitives.def
fi

# Wine 8 answers STATUS_NOT_IMPLEMENTED to the POSIX-semantics delete that
# Go's os.RemoveAll tries first on Windows, and Go falls back to the older
# delete only for the errors of older Windows versions, so every
# RemoveAll (brief's staging folders, the tests' t.TempDir) fails with
# "Invalid function". The binaries below are built with that error added
# to the fallback's: a change to the Go library for Wine's sake, not to
# brief.
at="$(go env GOROOT)/src/internal/syscall/windows/at_windows.go"
sed 's|^\tcase STATUS_INVALID_INFO_CLASS, |\tcase NTStatus(0xC0000002), STATUS_INVALID_INFO_CLASS, |' "$at" >"$tmp/at_windows.go"
if cmp -s "$at" "$tmp/at_windows.go"; then
	echo ".ci/wine.sh: $at changed; check whether RemoveAll works under Wine and drop the overlay" >&2
	exit 1
fi
printf '{"Replace":{"%s":"%s"}}\n' "$at" "$tmp/at_windows.go" >"$tmp/overlay.json"
export GOOS=windows GOARCH=amd64 GOFLAGS="-overlay=$tmp/overlay.json"

mkdir "$tmp/bin"
go test -c -o "$tmp/bin/" ./... | { grep -v 'no test files' || true; }
go build -o "$tmp/bin/brief.exe" ./cmd/brief

# Tests left out under Wine, each for a reason of Wine's or of time:
skip=(
	# 80 clean builds compared with the preview's: 3.5 minutes under Wine,
	# for code that never touches the disk.
	TestRebuildsMatchCleanBuilds
	# Wine's folder watching drops events when 500 files appear at once.
	TestABurstOfChangesIsOneRebuild
)
skipre="^($(IFS='|'; echo "${skip[*]}"))\$"
failed=()
while read -r pkg dir; do
	bin="$tmp/bin/${pkg##*/}.test.exe"
	[ -e "$bin" ] || continue
	start=$SECONDS
	if (cd "$dir" && "$wine" "$bin" -test.short -test.timeout=8m -test.skip="$skipre" >"$tmp/log" 2>&1); then
		echo "ok   $pkg (wine, $((SECONDS - start))s)"
	else
		cat "$tmp/log"
		echo "FAIL $pkg (wine, $((SECONDS - start))s)"
		failed+=("$pkg")
	fi
done < <(GOOS= GOFLAGS= go list -f '{{.ImportPath}} {{.Dir}}' ./...)

# The example site, built on Linux and under Wine (twice: a fresh build,
# then one that finds every file intact), must be the same bytes.
GOOS= GOARCH= GOFLAGS= go run ./cmd/brief build -q --cacheDir "$tmp/cache-linux" -d "$tmp/linux"
for i in 1 2; do
	"$wine" "$tmp/bin/brief.exe" build -q --cacheDir "Z:$tmp/cache-win" -d "Z:$tmp/win"
done
diff -r "$tmp/linux" "$tmp/win"
echo "ok   example site: Wine build identical to Linux build"

if [ ${#failed[@]} -gt 0 ]; then
	echo ".ci/wine.sh: failed under Wine: ${failed[*]}" >&2
	exit 1
fi
