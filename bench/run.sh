#!/usr/bin/env bash
# Benchmark: assetlint against the Python reference validator on the same generated manifests, in
# the same run. Prints medians of several runs, peak resident memory and the speed ratio.
#
#   bench/run.sh [RUNS] [SIZES...]       default: 5 runs, 100000 and 1000000 items
#
# Needs ../shared/bench (gen_manifest.py, reference_check.py) beside the checkout, python3 and
# GNU time (/usr/bin/time). Builds the release binary first.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
shared=${SHARED_BENCH:-../shared/bench}
out=bench/out
mkdir -p "$out"

swift build -c release --product assetlint >/dev/null
binary=.build/release/assetlint

# measure NAME COMMAND...: runs it $runs times; prints "median_seconds peak_kb"
measure() {
    local times=() peak=0
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null 2>&1 || true
        # GNU time puts "Command exited with non-zero status N" first when the lint finds something.
        read -r seconds kb < <(tail -n 1 "$out/time.txt")
        times+=("$seconds")
        (( kb > peak )) && peak=$kb
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v peak="$peak" '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f %d\n", m, peak}'
}

# "without id table": the same lint with M110-M112 off, whose table of distinct ids is the one
# structure that grows with the file; the rest of the memory should not.
printf '%-10s %12s %14s %20s %12s %14s %8s\n' items "assetlint s" "assetlint MiB" "without id table MiB" "python s" "python MiB" ratio
for size in "${sizes[@]}"; do
    manifest="$out/manifest-$size.json"
    [ -f "$manifest" ] || python3 "$shared/gen_manifest.py" "$size" "$manifest"
    read -r ours ours_kb < <(measure "$binary" --quiet "$manifest")
    read -r _ flat_kb < <(runs=1 measure "$binary" --quiet --ignore M110,M111,M112 "$manifest")
    read -r theirs theirs_kb < <(measure python3 "$shared/reference_check.py" "$manifest")
    ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN {printf "%.1f", b / a}')
    printf '%-10s %12s %14d %20d %12s %14d %7sx\n' "$size" "$ours" $((ours_kb / 1024)) $((flat_kb / 1024)) "$theirs" $((theirs_kb / 1024)) "$ratio"
done
