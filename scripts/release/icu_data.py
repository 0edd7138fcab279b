#!/usr/bin/env python3
"""Reads an ICU common data package (the `icudtNNl.dat` blob that a static ICU links in).

    icu_data.py name PACKAGE                 the package's name, the items' prefix (icudt72l)
    icu_data.py list PACKAGE                 one item name a line, without the package prefix
    icu_data.py extract PACKAGE DIR ITEM...  writes each item to DIR/ITEM (tree folders created)

Debian's `icupkg` does the same for the system ICU's own package, but refuses a newer, larger
package (the toolchain's Foundation ICU: "total length of item name strings too long"), so the
release script reads both with this and packs the cut data with `icupkg`. The format is ICU's
"CmnD": a data header, then a table of contents of (name offset, data offset) pairs relative to
its own start, the names, and the items in the order of the table. An item ends where the next
one starts (the last one at the end of the package); trailing padding is harmless to ICU.
"""
import os
import struct
import sys


class PackageError(Exception):
    pass


def read_items(blob):
    """Returns (prefix, [(name, bytes)]) for a little-endian ASCII common data package."""
    if len(blob) < 32:
        raise PackageError("too short for an ICU data header")
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27):
        raise PackageError("not ICU data (magic bytes)")
    info_size, _, big_endian, charset_family = struct.unpack_from("<HHBB", blob, 4)
    data_format = blob[12:16]
    if big_endian or charset_family != 0:
        raise PackageError("only little-endian ASCII packages are read")
    if data_format != b"CmnD":
        raise PackageError("not a common data package (format %r)" % data_format)
    toc = header_size
    (count,) = struct.unpack_from("<I", blob, toc)
    entries = [struct.unpack_from("<II", blob, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for index, (name_offset, data_offset) in enumerate(entries):
        start = toc + name_offset
        name = blob[start:blob.index(b"\0", start)].decode("ascii")
        end = toc + entries[index + 1][1] if index + 1 < count else len(blob)
        items.append((name, blob[toc + data_offset:end]))
    prefixes = {name.split("/", 1)[0] for name, _ in items}
    if len(prefixes) != 1:
        raise PackageError("items carry more than one package prefix: %s" % sorted(prefixes))
    prefix = prefixes.pop()
    return prefix, [(name[len(prefix) + 1:], data) for name, data in items]


def main(argv):
    if len(argv) < 3 or argv[1] not in ("name", "list", "extract") or (argv[1] == "extract" and len(argv) < 5):
        sys.stderr.write(__doc__)
        return 2
    with open(argv[2], "rb") as f:
        prefix, items = read_items(f.read())
    if argv[1] == "name":
        print(prefix)
        return 0
    if argv[1] == "list":
        for name, _ in items:
            print(name)
        return 0
    folder, wanted = argv[3], argv[4:]
    found = dict(items)
    missing = [name for name in wanted if name not in found]
    if missing:
        sys.stderr.write("%s: no item %s in %s\n" % (argv[0], ", ".join(missing), prefix))
        return 1
    for name in wanted:
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(found[name])
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except PackageError as error:
        sys.stderr.write("%s: %s\n" % (sys.argv[0], error))
        sys.exit(1)
