#!/usr/bin/env bash
# Benchmark: assetlint against the Python reference validator on the same generated manifests, in
# the same run. Prints medians of several runs, peak resident memory and the speed ratio.
#
#   bench/run.sh [RUNS] [SIZES...]       default: 5 runs, 100000 and 1000000 items
#
# BASELINE=path/to/another/assetlint adds that binary (an earlier build, say) to every round, so
# that a change is measured against what it replaces in the same run: the tools take turns within
# each round (new, baseline, Python), and the medians are over the rounds.
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
baseline=${BASELINE:-}
out=bench/out
mkdir -p "$out"

swift build -c release --product assetlint >/dev/null
binary=.build/release/assetlint

# once and summary: wall, CPU and peak memory per run, medians over the runs.
source bench/lib.sh

# "without id table": the same lint with M110-M112 off, whose table of distinct ids is the one
# structure that grows with the file; the rest of the memory should not.
header=$(printf '%-10s %12s %14s %20s %12s %14s %8s' items "assetlint s" "assetlint MiB" "without id table MiB" "python s" "python MiB" ratio)
[ -n "$baseline" ] && header+=$(printf ' %12s %14s %8s' "baseline s" "baseline MiB" ratio)
echo "$header"
for size in "${sizes[@]}"; do
    manifest="$out/manifest-$size.json"
    [ -f "$manifest" ] || python3 "$shared/gen_manifest.py" "$size" "$manifest"
    rm -f "$out"/*.times
    for _ in $(seq "$runs"); do
        once ours "$binary" --quiet "$manifest"
        [ -n "$baseline" ] && once baseline "$baseline" --quiet "$manifest"
        once python python3 "$shared/reference_check.py" "$manifest"
    done
    once flat "$binary" --quiet --ignore M110,M111,M112 "$manifest"
    read -r ours _ ours_kb < <(summary ours)
    read -r _ _ flat_kb < <(summary flat)
    read -r theirs _ theirs_kb < <(summary python)
    ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN {printf "%.1f", b / a}')
    line=$(printf '%-10s %12s %14d %20d %12s %14d %7sx' "$size" "$ours" $((ours_kb / 1024)) $((flat_kb / 1024)) "$theirs" $((theirs_kb / 1024)) "$ratio")
    if [ -n "$baseline" ]; then
        read -r before _ before_kb < <(summary baseline)
        line+=$(printf ' %12s %14d %7sx' "$before" $((before_kb / 1024)) "$(awk -v a="$before" -v b="$theirs" 'BEGIN {printf "%.1f", b / a}')")
    fi
    echo "$line"
done
