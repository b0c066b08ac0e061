#!/usr/bin/env bash
# Benchmarks pgha against the targets of issue #15 (Docs/performance.md): the static release build rendering one
# spec, paired with `kubectl kustomize` of its own output; a guide-sized fleet (copies of Examples/aks-ha.yaml, see
# Benchmarks/generate_specs.py) of 1,000 and 10,000 specs rendered to disk, with peak RSS; `pgha check` of the
# unchanged 1,000-spec tree, paired with rendering it again (the same work: a sign test over the rounds says whether
# check is longer) and against rendering it into a new directory; and the
# size of the stripped binary. Prints a Markdown report (also saved as $WORK/report.md) with the machine, the commit,
# the commands and whether each target holds.
# Not run by CI: it takes a few minutes (RUNS=3: about two).
#
# Usage: bash Benchmarks/run.sh
# Environment:
#   SCRATCH_PATH   SwiftPM scratch directory for the static release build (default .build-release-static)
#   PGHA_BENCH_DIR where specs and rendered trees go (default: a fresh directory in /var/tmp). The targets are for a
#                  disk; the report names the file system, so a tmpfs run is recognisable.
#   RUNS           runs per fleet measurement (default 10; the 10,000-spec fleet uses half of it, at least 3, each
#                  alternating with a 1,000-spec render); the single spec always gets 40
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
need strip binutils
need kubectl kubectl
[ -x /usr/bin/time ] || need /usr/bin/time time

if [ -n "${PGHA_BENCH_DIR:-}" ]; then
    WORK=$PGHA_BENCH_DIR
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d /var/tmp/pgha-bench.XXXXXX)
fi

# Built as a Linux release is shipped: optimized, with the Swift runtime, FoundationEssentials and libyaml linked
# statically.
echo "building pgha: swift build -c release --static-swift-stdlib ($SCRATCH_PATH)" >&2
swift build -c release --static-swift-stdlib --product pgha --scratch-path "$SCRATCH_PATH" >&2
PGHA="$(swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH_PATH" --show-bin-path)/pgha"
strip -o "$WORK/pgha-stripped" "$PGHA"
binary_bytes=$(stat -c %s "$PGHA")
stripped_bytes=$(stat -c %s "$WORK/pgha-stripped")

# The median wall time, in seconds, of command $2 of a hyperfine JSON export.
median() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"])' "$@"; }
# Runs hyperfine on the commands after the first four arguments in $1 rounds of $2 runs each (after $3 warm-up runs
# a round), so that a slow spell of the machine falls on every command alike rather than on the one measured
# then, and writes to $4 one hyperfine JSON export whose results hold every round's times, median and mean CPU.
paired() {
    local rounds=$1 runs=$2 warmup=$3 export=$4 round
    shift 4
    for round in $(seq "$rounds"); do
        hyperfine -N --warmup "$warmup" --runs "$runs" --export-json "$export.$round" "$@" >&2
    done
    python3 - "$export" "$rounds" <<'PY'
import json, statistics, sys
export, rounds = sys.argv[1], int(sys.argv[2])
parts = [json.load(open(f"{export}.{round}"))["results"] for round in range(1, rounds + 1)]
results = []
for index, first in enumerate(parts[0]):
    times = [time for part in parts for time in part[index]["times"]]
    runs = [len(part[index]["times"]) for part in parts]
    cpu = {key: sum(part[index][key] * count for part, count in zip(parts, runs)) / sum(runs) for key in ("user", "system")}
    results.append({"command": first["command"], "times": times, "median": statistics.median(times),
                    "mean": statistics.fmean(times), **cpu})
json.dump({"results": results}, open(export, "w"), indent=1)
PY
    rm -f "$export".*
}
# How often command 1 of a paired export took longer than command 0 in the same round, as "K N P": K of N rounds,
# and P, the one-sided sign test's probability of K or more if neither is slower than the other (ties count half).
slower_rounds() {
    python3 - "$1" <<'PY'
import json, math, sys
first, second = (result["times"] for result in json.load(open(sys.argv[1]))["results"][:2])
n = len(first)
slower = sum(1 for a, b in zip(first, second) if b > a) + sum(0.5 for a, b in zip(first, second) if b == a)
k = math.ceil(slower)
print(f"{slower:g} {n} {sum(math.comb(n, j) for j in range(k, n + 1)) / 2 ** n:.3f}")
PY
}
# Peak resident set size, in MiB, of one run of a command.
peak_rss() {
    /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time.txt"
    awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$WORK/time.txt"
}
# The files and bytes of a rendered tree.
tree_size() { python3 -c "print(f'{$(find "$1" -type f | wc -l):,} files, {$(du -sb "$1" | cut -f1) / 1e6:.1f} MB')"; }
calc() { python3 -c "print($1)"; }
verdict() { if python3 -c "import sys; sys.exit(0 if $1 else 1)"; then echo "holds"; else echo "MISSED"; fi; }

REPORT="$WORK/report.md"
{
    echo "## Machine"
    echo
    echo "- $(date -u '+%Y-%m-%d %H:%M UTC'), pgha at $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "- $(nproc) cores: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
    echo "- $(swift --version 2>/dev/null | head -1), $(hyperfine --version), kubectl $(kubectl version --client 2>/dev/null | awk '/Client Version/ { print $3 } /Kustomize Version/ { print "with kustomize " $3 }' | paste -sd' ')"
    echo "- output directory: $WORK ($(df -T "$WORK" | awk 'NR == 2 { print $2 }'))"
    echo "- command: \`RUNS=$RUNS SCRATCH_PATH=$SCRATCH_PATH bash Benchmarks/run.sh\`"
    echo
} >"$REPORT"

echo "one spec, paired with kubectl kustomize of its output" >&2
"$PGHA" render Examples/aks-ha.yaml -o "$WORK/single" >/dev/null
paired 4 10 3 "$WORK/single.json" \
    "$PGHA render Examples/aks-ha.yaml -o $WORK/single" "kubectl kustomize $WORK/single" >&2
single=$(median "$WORK/single.json" 0)
kustomize=$(median "$WORK/single.json" 1)
ratio=$(calc "$kustomize / $single")

# Each measured fleet run re-renders the tree the previous one wrote, as a pipeline re-rendering its repository does
# (unchanged specs: pgha compares and writes nothing).
fleet() {
    local count=$1 runs=$2
    local specs="$WORK/specs-$count" out="$WORK/out-$count"
    [ -d "$specs" ] || python3 Benchmarks/generate_specs.py "$count" "$specs"
    echo "fleet of $count specs" >&2
    "$PGHA" render "$specs" -o "$out" >/dev/null
    if [ "$count" = 1000 ]; then
        paired "$runs" 1 1 "$WORK/fleet-$count.json" "$PGHA render $specs -o $out" "$PGHA check $specs -o $out"
        check_1000=$(median "$WORK/fleet-$count.json" 1)
        check_rounds=$(slower_rounds "$WORK/fleet-$count.json")
    else
        # Paired with the 1,000-spec render in alternating rounds, which gives the scaling its own 1,000-spec time.
        paired "$runs" 1 0 "$WORK/fleet-$count.json" "$PGHA render $specs -o $out" "$PGHA render $WORK/specs-1000 -o $WORK/out-1000"
        scaling_base=$(median "$WORK/fleet-$count.json" 1)
    fi
    time[$count]=$(median "$WORK/fleet-$count.json" 0)
    rss[$count]=$(peak_rss "$PGHA" render "$specs" -o "$out")
    size[$count]=$(tree_size "$out")
}
declare -A time rss size
fleet 1000 "$RUNS"
fleet 10000 $(( RUNS / 2 > 3 ? RUNS / 2 : 3 ))
check_rss=$(peak_rss "$PGHA" check "$WORK/specs-1000" -o "$WORK/out-1000")
scaling=$(calc "${time[10000]} / $scaling_base")
# The 1,000 specs rendered into a directory that does not exist yet, so every file is written (an unchanged re-render
# writes none): what a first render, or one that changes every file, costs, and the render the check target was
# set against when every render still wrote its tree (the issue's baseline, before 56b06e6). Each run gets a new directory and none is removed until the end:
# ext4 creates files slowly for about 30 seconds after many were deleted (it skips recently freed inodes), which
# would measure the removal of the last run's tree rather than this render. Last, so that removing the trees
# disturbs no other measurement.
echo "1,000 specs into new directories" >&2
mkdir -p "$WORK/fresh-1000"
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/fresh-1000.json" \
    "sh -c '\"\$1\" render \"\$2\" -o \"\$(mktemp -d \"\$3/run.XXXXXX\")/out\"' sh $PGHA $WORK/specs-1000 $WORK/fresh-1000" >&2
fresh_1000=$(median "$WORK/fresh-1000.json" 0)
rm -rf "$WORK/fresh-1000"

{
    echo "## Measurements"
    echo
    echo "| measurement | median wall time | peak RSS | output |"
    echo "| --- | ---: | ---: | ---: |"
    echo "| \`pgha render Examples/aks-ha.yaml -o DIR\` | $(calc "f'{$single * 1000:.1f} ms'") | $(peak_rss "$PGHA" render Examples/aks-ha.yaml -o "$WORK/single") MiB | $(tree_size "$WORK/single") |"
    echo "| \`kubectl kustomize DIR\` of that output | $(calc "f'{$kustomize * 1000:.1f} ms'") | | |"
    echo "| \`pgha render\` of 1,000 specs | $(calc "f'{${time[1000]}:.3f} s'") | ${rss[1000]} MiB | ${size[1000]} |"
    echo "| \`pgha check\` of the unchanged 1,000-spec tree | $(calc "f'{$check_1000:.3f} s'") | $check_rss MiB | |"
    echo "| \`pgha render\` of 1,000 specs into a new directory (writes every file) | $(calc "f'{$fresh_1000:.3f} s'") | | |"
    echo "| \`pgha render\` of 10,000 specs | $(calc "f'{${time[10000]}:.3f} s'") | ${rss[10000]} MiB | ${size[10000]} |"
    echo
    echo "Binary: $(calc "f'{$binary_bytes / 1e6:.1f} MB'"), stripped $(calc "f'{$stripped_bytes / 1e6:.1f} MB'")."
    echo
    echo "## Targets (issue #15)"
    echo
    echo "| target | measured | goal | |"
    echo "| --- | ---: | ---: | --- |"
    echo "| one spec vs \`kubectl kustomize\` of its output | $(calc "f'{$ratio:.1f}x faster'") | at least 12x | $(verdict "$ratio >= 12") |"
    echo "| 1,000 specs to disk | $(calc "f'{${time[1000]}:.3f} s'") | at most 1.0 s | $(verdict "${time[1000]} <= 1.0") |"
    echo "| 10,000 specs / 1,000 specs (alternating rounds) | $(calc "f'{$scaling:.2f}x'") ($(calc "f'{$scaling_base:.3f} s'") for 1,000 in those rounds) | at most 10.5x | $(verdict "$scaling <= 10.5") |"
    echo "| peak RSS at 10,000 specs | ${rss[10000]} MiB | at most 64 MiB | $(verdict "${rss[10000]} <= 64") |"
    echo "| stripped static binary | $(calc "f'{$stripped_bytes / 1e6:.1f} MB'") | at most 25 MB | $(verdict "$stripped_bytes <= 25e6") |"
    read -r slower rounds sign_p <<<"$check_rounds"
    echo "| \`pgha check\` of the unchanged 1,000-spec tree / rendering it again (unchanged: writes nothing, so the same work) | $(calc "f'{$check_1000:.3f} s / {${time[1000]}:.3f} s: {$check_1000 / ${time[1000]}:.3f}'"); longer in $slower of $rounds rounds (sign test p = $sign_p) | not longer: at most 1, or longer in too few rounds to tell (p >= 0.05) | $(verdict "$check_1000 <= ${time[1000]} or $sign_p >= 0.05") |"
    echo "| \`pgha check\` of the unchanged 1,000-spec tree / rendering it into a new directory (writes every file) | $(calc "f'{$check_1000:.3f} s / {$fresh_1000:.3f} s'") | at most 1 | $(verdict "$check_1000 <= $fresh_1000") |"
} >>"$REPORT"

cat "$REPORT"
echo >&2
echo "report saved as $REPORT; remove $WORK when done" >&2
