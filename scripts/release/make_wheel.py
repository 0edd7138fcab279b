#!/usr/bin/env python3
"""Writes the platform wheel whose one payload is the static `assetlint` executable, which pip
installs as a console script (the binary itself in assetlint-VERSION.data/scripts/, as ruff ships).

    make_wheel.py --binary FILE --readme README.md [--notice FILE ...] --out DIR

The version is the product's (scripts/release/version). The platform tag is read off the binary:
the newest glibc symbol version it needs (`objdump -T`) gives manylinux_2_N, together with the
legacy alias (manylinux2014 and the like) that older pip versions understand.
"""
import argparse
import os
import re
import subprocess
import sys

import wheel_archive

SUMMARY = "Lint asset-import manifests, bucket CORS configurations and service-account keys before they reach the labeling hub."
# PEP 600's aliases for the tags of PEP 513, 571 and 599.
LEGACY_ALIASES = {(2, 5): "manylinux1", (2, 12): "manylinux2010", (2, 17): "manylinux2014"}
ELF_MACHINES = {62: "x86_64", 183: "aarch64"}


def elf_architecture(path):
    with open(path, "rb") as f:
        header = f.read(20)
    if header[:4] != b"\x7fELF" or header[4] != 2 or header[5] != 1:
        sys.exit("make_wheel.py: %s is not a little-endian 64-bit ELF file" % path)
    machine = int.from_bytes(header[18:20], "little")
    if machine not in ELF_MACHINES:
        sys.exit("make_wheel.py: %s is for ELF machine %d, which has no manylinux tag here" % (path, machine))
    return ELF_MACHINES[machine]


def needed_glibc(path):
    """The newest GLIBC_x.y version among the dynamic symbols the binary takes from elsewhere."""
    table = subprocess.run(["objdump", "-T", path], check=True, capture_output=True, text=True).stdout
    versions = set()
    for line in table.splitlines():
        match = re.search(r"\bGLIBC_(\d+)\.(\d+)(?:\.\d+)?\b", line)
        if "*UND*" in line and match:
            versions.add((int(match.group(1)), int(match.group(2))))
    if not versions:
        sys.exit("make_wheel.py: %s needs no versioned glibc symbol; is it linked against glibc?" % path)
    return max(versions)


def platform_tags(path):
    arch = elf_architecture(path)
    glibc = needed_glibc(path)
    tags = ["manylinux_%d_%d_%s" % (glibc + (arch,))]
    if glibc in LEGACY_ALIASES:
        tags.append("%s_%s" % (LEGACY_ALIASES[glibc], arch))
    return tags


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--readme", required=True)
    parser.add_argument("--notice", action="append", default=[], help="a license or notice file for the dist-info")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    version = wheel_archive.product_version()
    with open(args.binary, "rb") as f:
        binary = f.read()
    with open(args.readme, encoding="utf-8") as f:
        readme = f.read()
    notices = []
    for path in args.notice:
        with open(path, "rb") as f:
            notices.append((os.path.basename(path), f.read()))
    metadata = wheel_archive.metadata_text([
        ("Metadata-Version", "2.1"),
        ("Name", "assetlint"),
        ("Version", version),
        ("Summary", SUMMARY),
        ("Keywords", "linter,json,cors,manifest,pre-commit"),
        ("License", "MIT"),
        ("Classifier", "License :: OSI Approved :: MIT License"),
        ("Classifier", "Environment :: Console"),
        ("Classifier", "Operating System :: POSIX :: Linux"),
        ("Classifier", "Topic :: Software Development :: Quality Assurance"),
        ("Description-Content-Type", "text/markdown"),
    ], readme)
    payload = [("assetlint-%s.data/scripts/assetlint" % version, binary, 0o755)]
    tags = ["py3-none-" + tag for tag in platform_tags(args.binary)]
    print(wheel_archive.write_wheel(args.out, "assetlint", version, tags, metadata, payload, notices))


if __name__ == "__main__":
    main()
