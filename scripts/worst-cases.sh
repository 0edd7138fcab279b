#!/usr/bin/env bash
# Regenerates the worst-case table of the README's Reliability section: builds the release binary,
# generates each worst-case input into a temporary folder, runs assetlint on it under GNU time and
# prints one Markdown row per case with its wall-clock time, CPU time (user + system: what a busy
# machine changes least) and peak resident memory (which includes the pages of a memory-mapped
# input), plus how many WPT URL cases parse as browsers do.
#
#   scripts/worst-cases.sh [ASSETLINT]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-}
if [ -z "$binary" ]; then
    swift build -c release --product assetlint >/dev/null
    binary=.build/release/assetlint
fi
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import json, os, sys
w = sys.argv[1]
# 200 S3 rules of 1,000 origins each, every origin distinct: C313 compares each rule with the
# rules before it.
rules = [{"AllowedOrigins": ["https://%d.%d.ango.io" % (o, r) for o in range(1000)], "AllowedMethods": ["GET"]} for r in range(200)]
with open(os.path.join(w, 'cors-s3-200x1000.json'), 'w') as f:
    json.dump({"CORSRules": rules}, f, separators=(',', ':'))
with open(os.path.join(w, 'million-findings.json'), 'w') as f:
    f.write('[' + ','.join('{"data":"https://b.s3.amazonaws.com/a%d.jpg","externalId":"i%d","width":"603","height":450}' % (i, i) for i in range(1_000_000)) + ']')
# 256 MB externalIds: ASCII, then two whose characters the Unicode checks look at one by one
# (decomposed letters for M116, zero-width spaces for M114).
for name, unit in (('external-id-256mb.json', 'abcdefgh'), ('external-id-nfd-256mb.json', 'e\u0301'),
                   ('external-id-zero-width-256mb.json', 'a\u200b')):
    block = unit * ((1 << 20) // len(unit.encode()))
    with open(os.path.join(w, name), 'w', encoding='utf-8') as f:
        f.write('[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "')
        for _ in range(256): f.write(block)
        f.write('"}]\n')
with open(os.path.join(w, 'url-200mb-of-percent-20.json'), 'w') as f:
    f.write('[{"data": "https://b.s3.amazonaws.com/')
    chunk = 'a%20' * (1 << 18)
    for _ in range(50_000_000 // (1 << 18)): f.write(chunk)
    f.write('a%20' * (50_000_000 % (1 << 18)))
    f.write('.jpg", "externalId": "a"}]\n')
PY

# One row: label, size, then the command (run from the work folder); time -v gives wall and RSS.
row() {
    local label=$1 size=$2
    shift 2
    local status=0
    # The inputs and the reports before are written back to disk first: otherwise the kernel's
    # writeback of hundreds of megabytes competes for the cores during the row.
    sync
    (cd "$work" && /usr/bin/time -v -o "$work/time" "$@" >"$work/out" 2>"$work/err") || status=$?
    local wall cpu rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s }' "$work/time")
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$work/time")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%d", $2 / 1024 }' "$work/time")
    echo "| $label | $size | exit $status | ${wall} s | ${cpu} s | ${rss} MiB |"
}

size() { du -h --apparent-size "$work/$1" | cut -f1; }

echo "| input | size | result | wall | CPU | peak memory |"
echo "|---|---|---|---|---|---|"
row "S3 CORS, 200 rules x 1,000 origins" "$(size cors-s3-200x1000.json)" "$binary" cors-s3-200x1000.json --format concise
for format in json sarif junit github; do
    row "a million findings, \`--format $format=FILE\`" "$(size million-findings.json)" "$binary" million-findings.json --format "$format=report.$format"
done
row "a 256 MB \`externalId\`" "$(size external-id-256mb.json)" "$binary" external-id-256mb.json --format concise
row "a 256 MB \`externalId\` of \`e\` + U+0301" "$(size external-id-nfd-256mb.json)" "$binary" external-id-nfd-256mb.json --format concise
row "a 256 MB \`externalId\` of \`a\` + U+200B" "$(size external-id-zero-width-256mb.json)" "$binary" external-id-zero-width-256mb.json --format concise
row "a 200 MB URL of \`%20\`s (\`a%20\` x 50M)" "$(size url-200mb-of-percent-20.json)" "$binary" url-200mb-of-percent-20.json --format concise

# The WPT URL cases: every absolute http(s) case through `assetlint url --format json`, compared
# with the browsers' answer (failure, or the same href).
python3 - "$binary" Fixtures/urls/wpt/urltestdata.json <<'PY'
import json, re, subprocess, sys
binary, path = sys.argv[1], sys.argv[2]
cases = []
for entry in json.load(open(path, encoding='utf-8')):
    if not isinstance(entry, dict): continue
    text = entry['input'].lstrip(''.join(chr(c) for c in range(0x21))).replace('\t', '').replace('\n', '').replace('\r', '')
    match = re.match(r'([A-Za-z][A-Za-z0-9+.-]*):', text)
    if not match or match.group(1).lower() not in ('http', 'https'): continue
    base = entry.get('base')
    if base and base.split(':')[0].lower() == match.group(1).lower() and not text[len(match.group(0)):].startswith('//'): continue
    cases.append(entry)
# A NUL byte cannot be passed as an argument: those few cases are left to WPTURLTests.
checked = [c for c in cases if '\0' not in c['input']]
out = subprocess.run([binary, 'url', '--format', 'json', '--'] + [c['input'] for c in checked], capture_output=True)
results = json.loads(out.stdout)['urls']
passed = sum(1 for c, r in zip(checked, results)
             if (r['href'] is None if c.get('failure') else r['href'] == c['href']))
print('| WPT URL tests, http(s) cases | %d cases (%d with a NUL byte: `swift test` only) | %d/%d pass | | | |'
      % (len(cases), len(cases) - len(checked), passed, len(checked)))
PY
