#!/usr/bin/env python3
"""What a user would write by hand to check a manifest against bucket listings: every listed key in
a Python set per bucket, each asset URL's decoded key looked up, and for a miss the near misses
looked up in dicts of normalized keys. The speed and memory peer of `assetlint --inventory`.

usage: reference_inventory.py MANIFEST LISTING... (gsutil ls lines, or S3 Inventory CSV)"""
import csv, json, sys, unicodedata, urllib.parse

IMAGE = {'jpg': 'jpg', 'jpeg': 'jpg', 'tif': 'tif', 'tiff': 'tif', 'png': 'png'}
INVISIBLE = dict.fromkeys(map(ord, '\u200b\u200c\u200d\u2060\ufeff\u00ad'))


def normalizations(key):
    stem, dot, ext = key.rpartition('.')
    return {
        'unicode-normalization': unicodedata.normalize('NFC', key),
        'plus-or-space': key.replace(' ', '+'),
        'percent-encoding': urllib.parse.unquote(key),
        'invisible-character': key.translate(INVISIBLE).rstrip(),
        'image-extension': stem + '.' + IMAGE[ext.lower()] if dot and ext.lower() in IMAGE else key,
        'letter-case': key.lower(),
    }


def main():
    manifest, listings = sys.argv[1], sys.argv[2:]
    buckets = {}
    for path in listings:
        with open(path, encoding='utf-8', newline='') as f:
            if path.endswith('.csv'):
                for row in csv.reader(f):
                    buckets.setdefault(('s3', row[0]), set()).add(urllib.parse.unquote_plus(row[1]))
            else:
                for line in f:
                    line = line.rstrip('\n')
                    if line.startswith('gs://') and not line.endswith('/:'):
                        bucket, _, key = line[5:].partition('/')
                        buckets.setdefault(('gcs', bucket), set()).add(key)
    indexes = {}
    with open(manifest, encoding='utf-8') as f:
        items = json.load(f)
    missing = near = 0
    for index, item in enumerate(items):
        url = urllib.parse.urlsplit(item['data'])
        if url.hostname == 'storage.googleapis.com':
            bucket, _, raw = url.path[1:].partition('/')
            name, key = ('gcs', bucket), urllib.parse.unquote(raw)
        elif url.hostname and '.s3.' in url.hostname:
            name, key = ('s3', url.hostname.split('.s3.')[0]), urllib.parse.unquote_plus(url.path[1:])
        else:
            continue
        keys = buckets.get(name)
        if keys is None or key in keys:
            continue
        if name not in indexes:
            indexes[name] = {}
            for listed in keys:
                for kind, normal in normalizations(listed).items():
                    indexes[name].setdefault((kind, normal), []).append(listed)
        candidates = []
        for kind, normal in normalizations(key).items():
            candidates = indexes[name].get((kind, normal), []) or ([normal] if normal in keys else [])
            if candidates:
                break
        if candidates:
            near += 1
            print(f"item {index}: {key!r} not listed; near miss {candidates[0]!r}")
        else:
            missing += 1
            print(f"item {index}: {key!r} not listed")
    print(f"{missing} missing, {near} near misses", file=sys.stderr)


main()
