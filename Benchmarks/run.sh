#!/usr/bin/env bash
# Benchmarks pgha: one spec against `kubectl kustomize` of its output, fleets of 100, 1,000 and 10,000 specs, and
# `pgha check` of the 1,000-spec tree. Prints a Markdown report (also saved as $WORK/report.md) with the machine,
# the commands, wall times, specs per second, peak RSS and whether each target of Docs/performance.md holds.
#
# Usage: bash Benchmarks/run.sh
# Environment:
#   SCRATCH_PATH   SwiftPM scratch directory for the release build (default .build-release-static)
#   PGHA_BENCH_DIR where specs and rendered trees go (default: a fresh directory in /dev/shm when it exists, so the
#                  numbers measure pgha rather than the disk; see Docs/performance.md)
#   RUNS           hyperfine runs per fleet measurement (default 10; the 10,000-spec fleet uses a third of it)
set -euo pipefail

cd "$(dirname "$0")/.."
SCRATCH_PATH=${SCRATCH_PATH:-.build-release-static}
RUNS=${RUNS:-10}

need() {
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing $2 (Debian package) for $1" >&2
        apt-get install -y "$2" >/dev/null || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }
    fi
    command -v "$1" >/dev/null 2>&1 || { echo "error: $1 is missing; install the Debian package $2" >&2; exit 1; }
}
need hyperfine hyperfine
need python3 python3
[ -x /usr/bin/time ] || need /usr/bin/time time

if [ -n "${PGHA_BENCH_DIR:-}" ]; then
    WORK=$PGHA_BENCH_DIR
    mkdir -p "$WORK"
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then
    WORK=$(mktemp -d /dev/shm/pgha-bench.XXXXXX)
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/pgha-bench.XXXXXX")
fi

# Built as a Linux release is shipped: optimized, with the Swift runtime and Foundation linked statically, which
# halves the time a process takes to start.
echo "building pgha in release mode with the static Swift runtime ($SCRATCH_PATH)" >&2
swift build -c release --static-swift-stdlib --product pgha --scratch-path "$SCRATCH_PATH" >&2
PGHA="$(swift build -c release --scratch-path "$SCRATCH_PATH" --show-bin-path)/pgha"

# The median wall time, in seconds, of a hyperfine JSON export.
median() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"])' "$@"; }
# Peak resident set size, in MiB, of one run of a command.
peak_rss() {
    /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time.txt" || true
    awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$WORK/time.txt"
}
verdict() { if python3 -c "import sys; sys.exit(0 if $1 else 1)"; then echo "met"; else echo "MISSED"; fi; }

REPORT="$WORK/report.md"
{
    echo "## Machine"
    echo
    echo "- $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
    echo "- $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) memory, Linux $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- $(swift --version 2>/dev/null | head -1), $(hyperfine --version)"
    echo "- output directory: $WORK ($(df -T "$WORK" | awk 'NR == 2 { print $2 }'))"
    echo
} >"$REPORT"

echo "single spec" >&2
"$PGHA" render Examples/aks-ha.yaml -o "$WORK/single" 2>/dev/null
if command -v kubectl >/dev/null 2>&1; then
    hyperfine -N --warmup 3 --runs 30 --export-json "$WORK/single.json" \
        "$PGHA render Examples/aks-ha.yaml -o $WORK/single" "kubectl kustomize $WORK/single" >&2
    pgha_time=$(median "$WORK/single.json" 0)
    kubectl_time=$(median "$WORK/single.json" 1)
    ratio=$(python3 -c "print(f'{$kubectl_time / $pgha_time:.1f}')")
    single_line="| one spec: \`pgha render Examples/aks-ha.yaml\` vs \`kubectl kustomize\` of its output | $(python3 -c "print(f'{$pgha_time * 1000:.1f} ms vs {$kubectl_time * 1000:.1f} ms: {$ratio}x')") | at least 6x | $(verdict "$ratio >= 6") |"
else
    echo "kubectl is not installed: skipping the comparison with kubectl kustomize" >&2
    hyperfine -N --warmup 3 --runs 30 --export-json "$WORK/single.json" "$PGHA render Examples/aks-ha.yaml -o $WORK/single" >&2
    single_line="| one spec: \`pgha render Examples/aks-ha.yaml\` | $(python3 -c "print(f'{$(median "$WORK/single.json" 0) * 1000:.1f} ms')") (kubectl absent: no comparison) | at least 6x faster than kubectl kustomize | skipped |"
fi

{
    echo "## Fleets"
    echo
    echo "| specs | wall time (median) | specs/s | peak RSS |"
    echo "| ---: | ---: | ---: | ---: |"
} >>"$REPORT"
for count in 100 1000 10000; do
    specs="$WORK/specs-$count"
    [ -d "$specs" ] || python3 Benchmarks/generate_specs.py "$count" "$specs"
    runs=$RUNS
    [ "$count" = 10000 ] && runs=$(( (RUNS + 2) / 3 ))
    echo "fleet of $count specs" >&2
    hyperfine -N --warmup 1 --runs "$runs" --export-json "$WORK/fleet-$count.json" \
        "$PGHA render $specs -o $WORK/out-$count" >&2
    seconds=$(median "$WORK/fleet-$count.json" 0)
    rss=$(peak_rss "$PGHA" render "$specs" -o "$WORK/out-$count")
    declare "time_$count=$seconds" "rss_$count=$rss"
    python3 -c "print(f'| {$count:,} | {$seconds:.3f} s | {$count / $seconds:,.0f} | $rss MiB |')" >>"$REPORT"
done

echo "check of the 1,000-spec tree" >&2
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/check.json" "$PGHA check $WORK/specs-1000 -o $WORK/out-1000" >&2
check_time=$(median "$WORK/check.json" 0)
check_rss=$(peak_rss "$PGHA" check "$WORK/specs-1000" -o "$WORK/out-1000")
scaling=$(python3 -c "print(f'{$time_10000 / $time_1000:.2f}')")
{
    echo
    echo "\`pgha check\` of the 1,000-spec tree (no drift): $(python3 -c "print(f'{$check_time:.3f} s')"), peak RSS $check_rss MiB."
    echo
    echo "## Targets"
    echo
    echo "| target | measured | goal | |"
    echo "| --- | ---: | ---: | --- |"
    echo "$single_line"
    echo "| 1,000 specs | $(python3 -c "print(f'{$time_1000:.3f} s')") | at most 1.0 s | $(verdict "$time_1000 <= 1.0") |"
    echo "| peak RSS at 1,000 specs | $rss_1000 MiB | at most 64 MiB | $(verdict "$rss_1000 <= 64") |"
    echo "| 10,000 specs / 1,000 specs | ${scaling}x | at most 11x | $(verdict "$scaling <= 11") |"
} >>"$REPORT"

cat "$REPORT"
echo >&2
echo "report saved as $REPORT; remove $WORK when done" >&2
