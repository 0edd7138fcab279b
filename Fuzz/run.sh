#!/usr/bin/env bash
# Builds the libFuzzer targets (address sanitizer included) and runs each for a fixed number of
# executions:
#
#   Fuzz/run.sh ITERATIONS [TARGET ...]     TARGET: json url config lint server (default: all five)
#
# Each target starts from its seed corpus (built from Fixtures/, README.md and Rules/ by the
# SeedCorpus tool), replays its regression inputs (Fixtures/hostile/fuzz/TARGET/) first, and keeps
# what it learns in Fuzz/.build/corpus/TARGET, so later runs go on from there. An input that
# crashes, trips the address sanitizer, breaks a property (see Fuzz/Sources/FuzzSupport), runs
# longer than FUZZ_TIMEOUT seconds (default 10) or needs more than FUZZ_RSS_MB (default 2048) is
# kept in Fuzz/crashes/ and the script exits 1. The last lines are one summary per target:
# executions, corpus size, slowest input, peak memory.
#
# Environment: FUZZ_JOBS (parallel targets, default 1), FUZZ_NO_BUILD=1 (reuse the last build),
# FUZZ_MAX_LEN (largest generated input; default 16384 for lint, whose inputs go through every
# rule and a reporter, and the largest seed for the others).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
    echo "usage: Fuzz/run.sh ITERATIONS [json|url|config|lint|server ...]" >&2
    exit 2
fi
iterations=$1
shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(json url config lint server)

scratch=Fuzz/.build
bin=$scratch/release
if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
    # -sanitize=fuzzer,address as ONE flag: two -sanitize flags do not add up, the last one wins.
    # lld keeps the coverage sections gold chokes on; nostart-stop-gc keeps them from being
    # garbage-collected.
    # The build plan is cached and not redone when a file is added to the library under test
    # (a dependency of this package): drop it so the plan is made again; compiling stays incremental.
    rm -f "$scratch/release.yaml" "$scratch/release/description.json"
    swift build -c release --package-path Fuzz --scratch-path "$scratch" \
        -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address \
        -Xswiftc -use-ld=lld -Xlinker -z -Xlinker nostart-stop-gc
fi

export SWIFT_BACKTRACE=enable=no      # libFuzzer's own handler saves the input
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}

# Seeds are rebuilt for each run (so new fixtures count), in a folder of this run's own.
seeds=$scratch/seeds.$$
trap 'rm -rf "$seeds"' EXIT
"$bin/SeedCorpus" "$root" "$seeds" >/dev/null
mkdir -p Fuzz/crashes

run_target() {
    local target=$1 binary corpus log
    case $target in
        json) binary=FuzzJSON ;; url) binary=FuzzURL ;; config) binary=FuzzConfig ;; lint) binary=FuzzLint ;; server) binary=FuzzServer ;;
        *) echo "unknown target $target" >&2; return 2 ;;
    esac
    corpus=$scratch/corpus/$target
    log=$scratch/logs/$target.log
    mkdir -p "$corpus" "$(dirname "$log")"
    local status=0
    local regressions=Fixtures/hostile/fuzz/$target
    if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
        "$bin/$binary" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" \
            -artifact_prefix="Fuzz/crashes/$target-" "$regressions"/* >"$log.regressions" 2>&1 || status=$?
        if [ $status -ne 0 ]; then
            echo "$target: a regression input fails again (log: $log.regressions)"
            return $status
        fi
    fi
    local extra=()
    if [ -n "${FUZZ_MAX_LEN:-}" ]; then
        extra+=(-max_len="$FUZZ_MAX_LEN")
    elif [ "$target" = lint ] || [ "$target" = server ]; then
        extra+=(-max_len=16384)
    fi
    "$bin/$binary" -runs="$iterations" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" \
        -artifact_prefix="Fuzz/crashes/$target-" -print_final_stats=1 "${extra[@]}" \
        "$corpus" "$seeds/$target" >"$log" 2>&1 || status=$?
    local executions slowest rss files
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    slowest=$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$log")
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
    files=$(find "$corpus" -type f | wc -l)
    if [ $status -ne 0 ]; then
        echo "$target: FAILED after ${executions:-?} executions (exit $status); input kept in Fuzz/crashes/, log: $log"
        grep -E "property violated|ERROR: (libFuzzer|AddressSanitizer)|Fatal error|SUMMARY" "$log" | head -5 | sed 's/^/    /'
    else
        echo "$target: ${executions} executions, corpus ${files} inputs, slowest input ${slowest:-0} s, peak RSS ${rss} MB"
    fi
    return $status
}

failed=0
jobs=${FUZZ_JOBS:-1}
if [ "$jobs" -le 1 ]; then
    for target in "${targets[@]}"; do run_target "$target" || failed=1; done
else
    pids=()
    for target in "${targets[@]}"; do
        run_target "$target" > "$scratch/logs.$target.summary" 2>&1 &
        pids+=($!)
        while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
    done
    for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    for target in "${targets[@]}"; do cat "$scratch/logs.$target.summary"; done
fi
exit $failed
