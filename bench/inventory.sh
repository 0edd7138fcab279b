#!/usr/bin/env bash
# Benchmark: the lint with bucket listings (--inventory) against the plain lint and the Python
# set-based reference, on the same generated bucket and manifest, in the same run. Prints medians
# of several runs and peak resident memory.
#
#   bench/inventory.sh [RUNS] [SIZES...]       default: 5 runs, 200000 and 1000000 objects/items
#
# Needs python3 and GNU time (/usr/bin/time). Builds the release binary first.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(200000 1000000)
out=bench/out
mkdir -p "$out"

swift build -c release --product assetlint >/dev/null
binary=.build/release/assetlint

# measure COMMAND...: runs it $runs times; prints "median_seconds peak_kb"
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

printf '%-10s %10s %10s %14s %14s %10s %10s %8s %8s\n' items "plain s" "plain MiB" "inventory s" "inventory MiB" "python s" "python MiB" "x plain" "x python"
for size in "${sizes[@]}"; do
    dir="$out/inventory-$size"
    mkdir -p "$dir"
    [ -f "$dir/manifest.json" ] || python3 bench/gen_inventory.py "$size" "$dir"
    listings=(--inventory "$dir/gcs.txt" --inventory "$dir/s3-inventory.csv")
    read -r plain plain_kb < <(measure "$binary" --quiet "$dir/manifest.json")
    read -r with with_kb < <(measure "$binary" --quiet "${listings[@]}" "$dir/manifest.json")
    read -r python python_kb < <(measure python3 bench/reference_inventory.py "$dir/manifest.json" "$dir/gcs.txt" "$dir/s3-inventory.csv")
    printf '%-10s %10s %10d %14s %14d %10s %10d %7.1fx %7.1fx\n' "$size" "$plain" $((plain_kb / 1024)) "$with" $((with_kb / 1024)) \
        "$python" $((python_kb / 1024)) "$(awk -v a="$with" -v b="$plain" 'BEGIN {print a / b}')" "$(awk -v a="$python" -v b="$with" 'BEGIN {print a / b}')"
done
