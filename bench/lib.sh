# Shared by the benchmarks (source it after setting $out, the folder the figures go to).

# once NAME COMMAND...: runs it once and appends "seconds cpu_seconds kb" (wall clock, user +
# system CPU, peak resident memory) to $out/NAME.times. A lint with findings exits 1, and GNU time
# then writes "Command exited with non-zero status 1" above its figures: only the last line is the
# format asked for.
once() {
    local name=$1
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$out/time.txt" | awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' >> "$out/$name.times"
}

# summary NAME: "median_seconds median_cpu_seconds peak_kb" over the runs recorded for NAME.
summary() {
    python3 -c 'import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
print("%.3f %.2f %d" % (statistics.median(float(r[0]) for r in rows), statistics.median(float(r[1]) for r in rows), max(int(r[2]) for r in rows)))' "$out/$1.times"
}
