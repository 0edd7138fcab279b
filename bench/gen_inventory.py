#!/usr/bin/env python3
"""Write a bucket listing and a manifest for the inventory benchmark and tests.

usage: gen_inventory.py N OUTDIR [--every E] [--seed S]
       gen_inventory.py --shuffle MANIFEST OUT   the same items in a random order

N objects, half in the GCS bucket `my-bucket` (listed as `gsutil ls -r` prints it: gcs.txt) and
half in the S3 bucket `my-bucket` (an S3 Inventory CSV, keys URL-encoded with `+` for a space:
s3-inventory.csv), and a manifest of N items (manifest.json), one per object. Every E-th item
(default 1000) is planted instead: a URL to a missing object, or a near miss of one kind (cycled:
NFD, + for a space, percent-encoding, trailing space, invisible character, image extension,
letter case). planted.tsv lists them: item index, kind, the listed key a near miss should name
('-' for a missing object)."""
import random, sys, unicodedata, urllib.parse

KINDS = ['missing', 'unicode-normalization', 'plus-or-space', 'percent-encoding', 'trailing-space',
         'invisible-character', 'image-extension', 'letter-case']
WORDS = ['cat', 'dog', 'street', 'frame', 'scan', 'café', 'naïve', 'Zürich', '東京', 'photo', 'lidar', 'crème brûlée']
HOSTS = {'gcs': 'https://storage.googleapis.com/my-bucket/', 's3': 'https://my-bucket.s3.eu-central-1.amazonaws.com/'}


def shuffle(manifest, out):
    with open(manifest, encoding='utf-8') as f:
        items = [line.rstrip('\n').rstrip(',') for line in f if line.startswith('  {')]
    random.Random(5).shuffle(items)
    with open(out, 'w', encoding='utf-8') as f:
        f.write('[\n' + ',\n'.join(items) + '\n]\n')


def main():
    args = sys.argv[1:]
    if args[:1] == ['--shuffle']:
        return shuffle(args[1], args[2])
    if len(args) < 2:
        sys.exit(__doc__)
    n, out = int(args[0]), args[1]
    every = int(args[args.index('--every') + 1]) if '--every' in args else 1000
    rnd = random.Random(int(args[args.index('--seed') + 1]) if '--seed' in args else 11)
    gcs, s3, items, planted = [], [], [], []
    kind_number = 0
    for i in range(n):
        provider = 'gcs' if i % 2 == 0 else 's3'
        key = unicodedata.normalize('NFC', f"{rnd.choice(WORDS)} {i:08d}/{rnd.choice(WORDS).lower()}_{i}.jpg")
        wanted = key
        if every and i % every == every - 1:
            kind = KINDS[kind_number % len(KINDS)]
            kind_number += 1
            listed, wanted = plant(kind, key, provider)
            planted.append((i, kind, '-' if listed is None else listed))
            key = listed
        if key is not None:
            (gcs if provider == 'gcs' else s3).append(key)
        items.append((HOSTS[provider] + encode(wanted, provider, kind if every and i % every == every - 1 else None), f"asset-{i:08d}"))
    with open(f"{out}/gcs.txt", 'w', encoding='utf-8') as f:
        f.write('gs://my-bucket/:\n')
        for key in gcs:
            f.write(f"gs://my-bucket/{key}\n")
    with open(f"{out}/s3-inventory.csv", 'w', encoding='utf-8') as f:
        for key in s3:
            f.write(f'"my-bucket","{urllib.parse.quote_plus(key, safe="/")}","1024","2024-03-01T10:00:00.000Z"\n')
    with open(f"{out}/manifest.json", 'w', encoding='utf-8') as f:
        f.write('[\n')
        for i, (url, external_id) in enumerate(items):
            f.write(f'  {{"data": "{url}", "externalId": "{external_id}"}}' + (',\n' if i + 1 < n else '\n'))
        f.write(']\n')
    with open(f"{out}/planted.tsv", 'w', encoding='utf-8') as f:
        for i, kind, listed in planted:
            f.write(f"{i}\t{kind}\t{listed}\n")


def plant(kind, key, provider):
    """The key the listing holds and the key the URL asks for."""
    stem, dot, extension = key.rpartition('.')
    if kind == 'missing':
        return None, key
    if kind == 'unicode-normalization':
        return unicodedata.normalize('NFD', 'été ' + key), 'été ' + key
    if kind == 'plus-or-space':
        return key.replace(' ', '+'), key
    if kind == 'percent-encoding':
        return key.replace(' ', '%20'), key
    if kind == 'trailing-space':
        return key + ' ', key
    if kind == 'invisible-character':
        return stem + '\u200b.' + extension, key
    if kind == 'image-extension':
        return stem + '.jpeg', key
    if kind == 'letter-case':
        return key.upper(), key
    raise ValueError(kind)


def encode(key, provider, kind):
    # The URL spells the wanted key percent-encoded, as a careful manifest writer would.
    return urllib.parse.quote(key, safe='/')


main()
