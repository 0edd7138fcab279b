#!/usr/bin/env bash
# Same findings as the reference: assetlint against the Python reference validator on a manifest
# with known defects. Generates a clean manifest, makes every EVERY-th item defective
# (bench/inject_defects.py), runs both tools on it and checks, item by item, that every problem
# the reference reports is also reported by assetlint with a rule that covers it. Findings that
# only assetlint makes (it has more rules than the reference) are listed, not counted as failures.
#
#   bench/compare.sh [N] [EVERY]         default: 100000 items, every 1000th defective
#
# Exit status 1 when a reference problem has no matching assetlint finding.
# Needs ../shared/bench (gen_manifest.py, reference_check.py) beside the checkout and python3.
# ASSETLINT=path picks the binary (default .build/release/assetlint, built when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
every=${2:-1000}
shared=${SHARED_BENCH:-../shared/bench}
out=bench/out
mkdir -p "$out"

if [ -n "${ASSETLINT:-}" ]; then
    binary=$ASSETLINT
else
    binary=.build/release/assetlint
    [ -x "$binary" ] || swift build -c release --product assetlint >/dev/null
fi
[ -x "$binary" ] || { echo "compare.sh: no assetlint binary at $binary" >&2; exit 2; }

clean="$out/manifest-$n.json"
defective="$out/defects-$n-every$every.json"
ours="$out/defects-$n-every$every.assetlint.json"
theirs="$out/defects-$n-every$every.reference.txt"
config="$out/compare.assetlint.yml"   # empty: default rules, whatever .assetlint.yml is around
: > "$config"

exec 3>&2
# timed LABEL COMMAND...: runs it and prints its wall time and peak memory to standard error
# (through fd 3, so a redirection of the command's standard error does not take it); returns the
# command's exit status.
timed() {
    local label=$1 status=0
    shift
    /usr/bin/time -f "%e %M" -o "$out/compare-time.txt" "$@" || status=$?
    # GNU time writes "Command exited with non-zero status N" first when the command fails
    read -r seconds kb < <(tail -n 1 "$out/compare-time.txt")
    printf '  %-22s %8.2f s %8d MiB\n' "$label" "$seconds" $((kb / 1024)) >&3
    return $status
}

echo "== $n items, every ${every}th defective ($binary)" >&2
if [ -f "$clean" ]; then
    echo "  generate               (reused $clean)" >&2
else
    timed generate python3 "$shared/gen_manifest.py" "$n" "$clean.tmp"
    mv "$clean.tmp" "$clean"
fi
timed inject python3 bench/inject_defects.py "$clean" "$defective" --every "$every" 2> "$out/inject.txt" ||
    { cat "$out/inject.txt" >&2; exit 2; }
# Both exit 1 when they find problems. assetlint exits 2 on a usage error or an unreadable file;
# a crash of the reference is caught below (its last line, "<n> problems", is missing).
timed assetlint "$binary" --config "$config" --kind manifest --format "json=$ours" "$defective" >/dev/null ||
    [ $? -eq 1 ] || { echo "compare.sh: assetlint failed" >&2; exit 2; }
timed reference python3 "$shared/reference_check.py" "$defective" > "$theirs" || true
cat "$out/inject.txt" >&2
echo >&2

python3 - "$defective" "$ours" "$theirs" <<'PYTHON'
import collections, json, sys

defective, ours_path, theirs_path = sys.argv[1:4]

# Reference problem kind -> the assetlint findings that report the same problem:
# (rule id, member of the item the finding's JSON pointer must name; None = the item itself or
# any of its members). See Rules/<ID>.md.
MAPPING = {
    'not object':                 [('M102', None)],
    'unknown key':                [('M106', 'KEY')],        # the pointer names the very key
    'data not string':            [('M105', 'data'), ('M103', '')],
    'not absolute https':         [('U201', 'data'), ('U202', 'data'), ('U208', 'data')],  # U208: no host
    'unencoded char':             [('U203', 'data'), ('U208', 'data')],   # U208: in the host
    'plus':                       [('U204', 'data'), ('U202', 'data')],   # U202: in gs:// and s3:// URIs
    'bad escape':                 [('U205', 'data')],
    'invalid utf-8':              [('U206', 'data')],
    'not NFC':                    [('U207', 'data')],
    'externalId missing':         [('M104', ''), ('M115', 'externalId'), ('M105', 'externalId')],
    'duplicate externalId':       [('M110', 'externalId')],
    'width/height pairing':       [('M120', '')],
    'bad dimension':              [('M121', 'width'), ('M121', 'height')],
}
ORDER = list(MAPPING)

def unescape(token):
    return token.replace('~1', '/').replace('~0', '~')

# --- reference: "<index> <problem text>" lines, then "<n> problems"
ref = collections.defaultdict(list)          # index -> [(kind, detail)]
ref_total = None
with open(theirs_path, encoding='utf-8') as f:
    for line in f:
        line = line.rstrip('\n')
        head, _, rest = line.partition(' ')
        if rest == 'problems':
            ref_total = int(head)
            continue
        if not head.isdigit():
            sys.exit(f'unexpected reference line: {line!r}')
        if rest.startswith('unknown key '):
            kind, detail = 'unknown key', rest[len('unknown key '):]
        elif rest.startswith('duplicate externalId of '):
            kind, detail = 'duplicate externalId', int(rest.rsplit(' ', 1)[1])
        else:
            kind, detail = rest, None
        if kind not in MAPPING:
            sys.exit(f'reference problem without a mapping: {line!r}')
        ref[int(head)].append((kind, detail))
if ref_total is None:
    sys.exit('the reference did not finish (no "<n> problems" line)')

# --- assetlint: JSON format version 1
with open(ours_path, encoding='utf-8') as f:
    report = json.load(f)
assert report['version'] == 1, report.get('version')
ours = collections.defaultdict(list)         # index -> [(rule, member, diagnostic)]
document = []                                # findings not about one item
for file in report['files']:
    if file.get('error'):
        sys.exit(f"assetlint could not read {file['path']}: {file['error']}")
    for d in file['diagnostics']:
        parts = d['pointer'].split('/')[1:]
        if not parts or not parts[0].isdigit():
            document.append(d)
            continue
        member = unescape(parts[1]) if len(parts) > 1 else ''
        ours[int(parts[0])].append((d['rule'], member, d))

def covers(rule_member, kind, detail, rule, member):
    want_rule, want_member = rule_member
    if rule != want_rule:
        return False
    if want_member is None:
        return True
    if want_member == 'KEY':
        return member == detail
    return member == want_member

ref_count = collections.Counter()
matched = collections.Counter()
matched_rules = collections.defaultdict(collections.Counter)
unmatched = []            # (index, kind, detail)
related_mismatch = []     # duplicates whose first occurrence differs
explained = set()         # (index, position in ours[index]) of findings used for a match
for index in sorted(ref):
    findings = ours.get(index, [])
    used = collections.Counter()     # per (kind): findings may serve each problem of a kind once
    for kind, detail in ref[index]:
        ref_count[kind] += 1
        # the first mapped rule that has an unused finding (the mapping lists the main rule first)
        hit = next((pos for rm in MAPPING[kind] for pos, (rule, member, d) in enumerate(findings)
                    if (kind, pos) not in used and covers(rm, kind, detail, rule, member)), None)
        if hit is None:
            unmatched.append((index, kind, detail))
            continue
        used[(kind, hit)] += 1
        explained.add((index, hit))
        rule, member, d = findings[hit]
        matched[kind] += 1
        matched_rules[kind][rule] += 1
        if kind == 'duplicate externalId':
            # one item per line: item i is on line i + 2
            first = [r['line'] - 2 for r in d.get('related', [])]
            if detail not in first:
                related_mismatch.append((index, detail, first))

# --- table
rows = [('reference problem', 'reference', 'assetlint', 'assetlint rule ids (matched)')]
for kind in ORDER:
    if not ref_count[kind]:
        continue
    ids = ', '.join(f'{r} {c}' for r, c in matched_rules[kind].most_common()) or '-'
    mapped = list(dict.fromkeys(r for r, _ in MAPPING[kind]))
    rows.append((kind, str(ref_count[kind]), str(matched[kind]),
                 f"{ids}   (mapped: {' '.join(mapped)})"))
rows.append(('total', str(sum(ref_count.values())), str(sum(matched.values())), ''))
w = [max(len(r[i]) for r in rows) for i in range(4)]
print(f'| {rows[0][0]:<{w[0]}} | {rows[0][1]:>{w[1]}} | {rows[0][2]:>{w[2]}} | {rows[0][3]:<{w[3]}} |')
print(f"|{'-' * (w[0] + 2)}|{'-' * (w[1] + 1)}:|{'-' * (w[2] + 1)}:|{'-' * (w[3] + 2)}|")
for r in rows[1:]:
    print(f'| {r[0]:<{w[0]}} | {r[1]:>{w[1]}} | {r[2]:>{w[2]}} | {r[3]:<{w[3]}} |')
if sum(ref_count.values()) != ref_total:
    print(f'warning: the reference says {ref_total} problems, {sum(ref_count.values())} were read')

# --- what only assetlint reports
clean_items = collections.Counter()      # rule -> count, on items the reference has no problem with
clean_example = {}
extra = collections.Counter()            # rule -> count, further findings on flagged items
extra_example = {}
for index, findings in ours.items():
    for pos, (rule, member, d) in enumerate(findings):
        if index not in ref:
            clean_items[rule] += 1
            clean_example.setdefault(rule, d)
        elif (index, pos) not in explained:
            extra[rule] += 1
            extra_example.setdefault(rule, d)
for d in document:
    clean_items[d['rule']] += 1
    clean_example.setdefault(d['rule'], d)

def show(title, counter, examples):
    print(f'\n{title}:' + ('' if counter else ' none'))
    for rule, count in counter.most_common():
        d = examples[rule]
        print(f"  {rule} {d['name']:<28} {count:>7}   e.g. {d['pointer'] or '(document)'}: {d['message'][:90]}")

print(f'\nfound only by assetlint (not failures; assetlint has more rules than the reference)')
show('  on items the reference finds nothing wrong with', clean_items, clean_example)
show('  further findings on items the reference flags', extra, extra_example)

if related_mismatch:
    print(f'\nduplicates whose first occurrence differs from the reference: {len(related_mismatch)}')
    for index, want, got in related_mismatch[:10]:
        print(f'  item {index}: reference says first at {want}, assetlint {got}')

if unmatched:
    print(f'\nUNMATCHED: {len(unmatched)} reference problems without an assetlint finding')
    wanted = {i for i, _, _ in unmatched[:20]}
    lines = {}
    with open(defective, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            if number - 2 in wanted:
                lines[number - 2] = line.strip()
    for index, kind, detail in unmatched[:20]:
        said = '; '.join(f"{d['rule']} {d['pointer']}" for _, _, d in ours.get(index, [])) or 'nothing'
        print(f"  item {index} (line {index + 2}): reference '{kind}{'' if detail is None else ' ' + str(detail)}'")
        print(f'    input: {lines.get(index, "?")[:300]}')
        print(f'    assetlint: {said}')
    sys.exit(1)
print('\nevery reference problem is reported by assetlint')
PYTHON
