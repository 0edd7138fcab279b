#!/usr/bin/env python3
"""Make a manifest defective: every K-th item is replaced by a broken variant.

usage: inject_defects.py IN OUT [--seed S] [--every K]

IN is a manifest written by ../shared/bench/gen_manifest.py (one item per line:
`[`, `  {item},` ..., `]`). The file is streamed line by line, so memory stays flat
for any size. Items 1-based K, 2K, 3K, ... (default K = 1000) are replaced, cycling
through the defect kinds below, each of which the reference validator
(reference_check.py) detects; within a kind the variants cycle too. The output is
still valid JSON, one item per line, so item i is on line i + 2. A summary of what
was injected goes to standard error."""
import json
import random
import sys

# kind -> variants; the kinds are applied in this order, round robin.
KINDS = [
    ('not-object', ['bare-url-string', 'null', 'number', 'nested-array']),
    ('unknown-key', ['externalID-typo', 'url-for-data', 'heigth-typo', 'custom-key']),
    ('data-not-string', ['number', 'null']),
    ('not-https', ['http', 'no-scheme', 'bucket-uri']),
    ('raw-space', ['space']),
    ('plus-in-path', ['plus']),
    ('bad-escape', ['%zz', '%4']),
    ('invalid-utf8', ['%C3%28']),
    ('nfd-path', ['e%CC%81']),
    ('missing-externalId', ['deleted']),
    ('empty-externalId', ['""']),
    ('duplicate-externalId', ['earlier-id']),
    ('dimension-pair', ['width-only', 'height-only']),
    ('bad-dimension', ['0', '-5', '12.5', '"640"', 'true']),
]


def insert_before_extension(url, text):
    """Put text into the file name, just before its extension."""
    dot = url.rfind('.')
    if dot <= url.rfind('/'):
        return url + text
    return url[:dot] + text + url[dot:]


def replace_space_escape(url, by):
    """Replace the first %20 of the path (every generated path has one) by `by`."""
    at = url.find('%20')
    if at < 0:
        return insert_before_extension(url, by + 'x')
    return url[:at] + by + url[at + 3:]


def dims(item, rnd):
    if 'width' not in item or 'height' not in item:
        item['width'], item['height'] = rnd.randint(64, 8000), rnd.randint(64, 8000)


def rebuild(item, rename=None, drop=(), put=None):
    """A copy of item with keys renamed / dropped / set, keeping the key order."""
    out = {}
    for k, v in item.items():
        if k in drop:
            continue
        out[(rename or {}).get(k, k)] = v
    out.update(put or {})
    return out


def make_defect(kind, variant, item, occurrence, rnd, id_pool):
    """Return the defective replacement (any JSON value) for item."""
    url = item['data']
    if kind == 'not-object':
        return {'bare-url-string': url, 'null': None, 'number': 42,
                'nested-array': [item]}[variant]
    if kind == 'unknown-key':
        if variant == 'externalID-typo':
            return rebuild(item, rename={'externalId': 'externalID'})
        if variant == 'url-for-data':
            return rebuild(item, rename={'data': 'url'})
        if variant == 'heigth-typo':
            dims(item, rnd)
            return rebuild(item, rename={'height': 'heigth'})
        return rebuild(item, put={'camera': 'front'})
    if kind == 'data-not-string':
        return rebuild(item, put={'data': {'number': 12345, 'null': None}[variant]})
    if kind == 'not-https':
        bare = url.split('://', 1)[1]
        if variant == 'http':
            return rebuild(item, put={'data': 'http://' + bare})
        if variant == 'no-scheme':
            return rebuild(item, put={'data': bare})
        # the CLI names of the object: gs://BUCKET/PATH, s3://BUCKET/PATH
        host, _, path = bare.partition('/')
        if host == 'storage.googleapis.com':
            return rebuild(item, put={'data': 'gs://' + path})
        return rebuild(item, put={'data': f"s3://{host.split('.', 1)[0]}/{path}"})
    if kind == 'raw-space':
        return rebuild(item, put={'data': replace_space_escape(url, ' ')})
    if kind == 'plus-in-path':
        return rebuild(item, put={'data': replace_space_escape(url, '+')})
    if kind in ('bad-escape', 'invalid-utf8'):
        # before the '.' of the extension, so '%4' is never followed by a hex digit
        return rebuild(item, put={'data': insert_before_extension(url, variant)})
    if kind == 'nfd-path':
        return rebuild(item, put={'data': insert_before_extension(url, '-cafe%CC%81')})
    if kind == 'missing-externalId':
        return rebuild(item, drop=('externalId',))
    if kind == 'empty-externalId':
        return rebuild(item, put={'externalId': ''})
    if kind == 'duplicate-externalId':
        # an id of an earlier, clean item, picked at random (so duplicates are far apart)
        index, ext_id = id_pool.pop(rnd.randrange(len(id_pool)))
        return rebuild(item, put={'externalId': ext_id})
    if kind == 'dimension-pair':
        dims(item, rnd)
        return rebuild(item, drop=('height',) if variant == 'width-only' else ('width',))
    if kind == 'bad-dimension':
        dims(item, rnd)
        field = 'width' if (occurrence // len(KINDS[-1][1])) % 2 == 0 else 'height'
        value = {'0': 0, '-5': -5, '12.5': 12.5, '"640"': '640', 'true': True}[variant]
        return rebuild(item, put={field: value})
    raise ValueError(kind)


def main():
    args = sys.argv[1:]
    if len(args) < 2 or args[0].startswith('-') or args[1].startswith('-'):
        sys.exit(__doc__)
    src, dst = args[0], args[1]
    seed = int(args[args.index('--seed') + 1]) if '--seed' in args else 7
    every = int(args[args.index('--every') + 1]) if '--every' in args else 1000
    if every < 2:
        sys.exit('--every must be at least 2 (a duplicate needs a clean earlier item)')
    rnd = random.Random(seed)
    counts = {kind: {v: 0 for v in variants} for kind, variants in KINDS}
    occurrences = {kind: 0 for kind, _ in KINDS}
    id_pool = []          # (index, externalId) of clean items just before a defect
    prev_clean = None     # (index, line) of the last item left untouched
    index = -1
    defects = 0
    with open(src, encoding='utf-8') as fin, open(dst, 'w', encoding='utf-8') as fout:
        for line in fin:
            body = line.strip()
            if not body.startswith('{'):
                fout.write(line)          # the '[' and ']' lines
                continue
            index += 1
            if (index + 1) % every:
                prev_clean = (index, line)
                fout.write(line)
                continue
            comma = body.endswith(',')
            item = json.loads(body[:-1] if comma else body)
            if prev_clean is not None:
                prev = prev_clean[1].strip()
                id_pool.append((prev_clean[0], json.loads(prev.rstrip(','))['externalId']))
                prev_clean = None
            kind, variants = KINDS[defects % len(KINDS)]
            if kind == 'duplicate-externalId' and not id_pool:
                kind, variants = KINDS[0]
            n = occurrences[kind]
            variant = variants[n % len(variants)]
            occurrences[kind] += 1
            counts[kind][variant] += 1
            defects += 1
            value = make_defect(kind, variant, item, n, rnd, id_pool)
            text = json.dumps(value, ensure_ascii=False)
            fout.write(line[:len(line) - len(line.lstrip())] + text + (',\n' if comma else '\n'))
    width = max(len(k) for k, _ in KINDS)
    print(f'inject_defects: {defects} of {index + 1} items made defective (every {every}th, seed {seed})',
          file=sys.stderr)
    for kind, variants in KINDS:
        detail = ', '.join(f'{v} {counts[kind][v]}' for v in variants if counts[kind][v])
        print(f'  {kind:<{width}} {occurrences[kind]:>7}' + (f'   ({detail})' if detail else ''),
              file=sys.stderr)


main()
