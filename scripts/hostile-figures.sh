#!/usr/bin/env bash
# Regenerates the hostile-corpus table of the README's Reliability section: builds the release
# binary, generates each hostile input into a temporary folder, runs `assetlint FILE` on it under
# GNU time and prints one Markdown row per input (findings by rule, exit status, peak resident
# memory, CPU seconds).
#
#   scripts/hostile-figures.sh [ASSETLINT]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-}
if [ -z "$binary" ]; then
    swift build -c release --product assetlint >/dev/null
    binary=.build/release/assetlint
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import os, random, sys
w = sys.argv[1]
def put(name, data):
    with open(os.path.join(w, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())
item = '{"data": "https://b.s3.amazonaws.com/a%d.jpg", "externalId": "%s"}'
put('million-open-brackets.json', '[' * 1_000_000)
put('million-nested-closed.json', '[' * 1_000_000 + ']' * 1_000_000)
with open(os.path.join(w, 'string-256mb.json'), 'w') as f:
    f.write('[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "')
    block = 'abcdefgh' * (1 << 17)
    for _ in range(256): f.write(block)
    f.write('"}]\n')
with open(os.path.join(w, 'unterminated-256mb.json'), 'w') as f:
    f.write('{"k": "')
    block = 'abcdefgh' * (1 << 17)
    for _ in range(256): f.write(block)
put('nul-bytes.json', b'[{"data": "https://b.s3.amazonaws.com/a\x00.jpg", "externalId": "a"}]')
put('overlong-utf8.json', b'[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "\xc0\xaf"}]')
t = '[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "a"}]'
put('utf16le-bom.json', t.encode('utf-16'))
put('utf32be.json', t.encode('utf-32-be'))
random.seed(1)
put('random-1mb.json', bytes(random.getrandbits(8) for _ in range(1 << 20)))
put('dimensions-1e400.json', '[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "a", "width": 1e400, "height": 1234567890123456789012345678901234567890}]')
put('same-external-id-100k.json', '[\n' + ',\n'.join(item % (i, 'same') for i in range(100_000)) + '\n]\n')
put('keys-300k.json', '{' + ','.join('"k%d": %d' % (i, i) for i in range(300_000)) + '}')
put('same-key-200k.json', '{' + ','.join('"k": %d' % i for i in range(200_000)) + '}')
put('million-findings.json', '[' + ','.join('{"data":"https://b.s3.amazonaws.com/a%d.jpg","externalId":"i%d","width":"603","height":450}' % (i, i) for i in range(1_000_000)) + ']')
put('million-items-clean.json', '[' + ','.join('{"data":"https://b.s3.amazonaws.com/a%d.jpg","externalId":"i%d","width":603,"height":450}' % (i, i) for i in range(1_000_000)) + ']')
PY

echo "| input | size | findings | exit | peak memory | CPU |"
echo "|---|---|---|---|---|---|"
for file in "$work"/*.json; do
    name=$(basename "$file")
    size=$(du -h --apparent-size "$file" | cut -f1)
    status=0
    /usr/bin/time -f "%M %U %S" -o "$work/time" "$binary" "$file" --format concise >"$work/out" 2>/dev/null || status=$?
    read -r kb user sys < <(tail -1 "$work/time")
    findings=$(grep -o '\(error\|warning\|info\)\[[A-Z0-9]*\]' "$work/out" | sed 's/.*\[\(.*\)\]/\1/' | sort | uniq -c | awk '{printf "%s%s×%s", sep, $2, $1; sep=", "}' || true)
    more=$(grep -o 'and [0-9]* more [A-Z0-9]*' "$work/out" | awk '{printf " (+%s %s)", $2, $4}' || true)
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
    echo "| \`$name\` | $size | ${findings:-none}${more} | $status | $((kb / 1024)) MiB | ${cpu} s |"
done
