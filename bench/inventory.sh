#!/usr/bin/env bash
# Benchmark: the lint with bucket listings (--inventory) against the plain lint and the Python
# set-based reference, on the same generated bucket and manifest, in the same run: each round runs
# the three in turn, and the figures are medians over the rounds (wall time and user+system CPU
# time; on a shared machine the CPU time is the steadier one) and peak resident memory.
#
#   bench/inventory.sh [RUNS] [SIZES...]       default: 5 runs, 200000 and 1000000 objects/items
#
# Each size is measured twice: with the manifest in listing order (as a manifest written from a
# listing is) and with its items shuffled (every lookup a hash-table probe). PYTHON=0 leaves the
# Python reference out (it takes minutes at a million).
#
# Needs python3 and GNU time (/usr/bin/time). Builds the release binary first (unless ASSETLINT names one).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(200000 1000000)
python=${PYTHON:-1}
out=bench/out
mkdir -p "$out"

# ASSETLINT=PATH measures that binary (the release artifact's, say) instead of building one.
binary=${ASSETLINT:-}
if [ -z "$binary" ]; then
    swift build -c release --product assetlint >/dev/null
    binary=.build/release/assetlint
fi

# once and summary: wall, CPU and peak memory per run, medians over the runs.
source bench/lib.sh

printf '%-8s %-9s %18s %18s %8s %8s %18s %8s\n' items order "plain s/cpu MiB" "listings s/cpu MiB" "x wall" "x cpu" "python s/cpu MiB" "x python"
for size in "${sizes[@]}"; do
    dir="$out/inventory-$size"
    mkdir -p "$dir"
    [ -f "$dir/manifest.json" ] || python3 bench/gen_inventory.py "$size" "$dir"
    [ -f "$dir/manifest-shuffled.json" ] || python3 bench/gen_inventory.py --shuffle "$dir/manifest.json" "$dir/manifest-shuffled.json"
    for order in listing shuffled; do
        manifest="$dir/manifest.json"
        [ "$order" = shuffled ] && manifest="$dir/manifest-shuffled.json"
        rm -f "$out"/*.times
        for _ in $(seq "$runs"); do
            once plain "$binary" --quiet "$manifest"
            once listings "$binary" --quiet --inventory "$dir/gcs.txt" --inventory "$dir/s3-inventory.csv" "$manifest"
            [ "$python" = 1 ] && once python python3 bench/reference_inventory.py "$manifest" "$dir/gcs.txt" "$dir/s3-inventory.csv"
        done
        read -r plain plain_cpu plain_kb < <(summary plain)
        read -r with with_cpu with_kb < <(summary listings)
        python_column="-" ratio_python="-"
        if [ "$python" = 1 ]; then
            read -r py py_cpu py_kb < <(summary python)
            python_column="$py/$py_cpu $((py_kb / 1024))"
            ratio_python=$(awk -v a="$with" -v b="$py" 'BEGIN {printf "%.0fx", b / a}')
        fi
        printf '%-8s %-9s %18s %18s %7.1fx %7.1fx %18s %8s\n' "$size" "$order" "$plain/$plain_cpu $((plain_kb / 1024))" \
            "$with/$with_cpu $((with_kb / 1024))" "$(awk -v a="$with" -v b="$plain" 'BEGIN {print a / b}')" \
            "$(awk -v a="$with_cpu" -v b="$plain_cpu" 'BEGIN {print (b > 0 ? a / b : 0)}')" "$python_column" "$ratio_python"
    done
done
