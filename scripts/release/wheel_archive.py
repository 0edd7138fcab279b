"""Writes a wheel (PEP 427): a zip of the payload and a NAME-VERSION.dist-info with METADATA, WHEEL
and RECORD. Shared by make_wheel.py (the assetlint wheel) and pre_commit_backend.py (the hook's
metadata-only package). Reproducible: entries sorted with the dist-info last, timestamps from
SOURCE_DATE_EPOCH (default and minimum 1980-01-01), modes as given.
"""
import base64
import hashlib
import os
import re
import subprocess
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def product_version():
    """The product's version, from its one source (scripts/release/version reads Version.swift)."""
    return subprocess.run(["sh", os.path.join(HERE, "version")], check=True, capture_output=True, text=True).stdout.strip()


def wheel_name(distribution):
    """A distribution name as wheel file names and dist-info folders spell it."""
    return re.sub(r"[-_.]+", "_", distribution).lower()


def metadata_text(fields, description=""):
    text = "".join("%s: %s\n" % field for field in fields)
    return text + ("\n" + description if description else "")


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (name, digest, len(data))


def write_wheel(directory, distribution, version, tags, metadata, payload=(), info_files=(), pure=False):
    """Writes DISTRIBUTION-VERSION-TAGS.whl into DIRECTORY and returns its path.

    tags: the compressed tag's parts, e.g. ["py3-none-manylinux_2_17_x86_64", "py3-none-manylinux2014_x86_64"]
    payload: (path in the wheel, bytes, mode) for the files pip installs
    info_files: (file name, bytes) for extra files in the dist-info folder (license texts)
    """
    name = wheel_name(distribution)
    info = "%s-%s.dist-info" % (name, version)
    wheel = "Wheel-Version: 1.0\nGenerator: assetlint scripts/release/wheel_archive.py\n"
    wheel += "Root-Is-Purelib: %s\n" % ("true" if pure else "false")
    wheel += "".join("Tag: %s\n" % tag for tag in tags)
    entries = list(payload)
    entries += [("%s/%s" % (info, file), content, 0o644) for file, content in info_files]
    entries += [("%s/METADATA" % info, metadata.encode(), 0o644), ("%s/WHEEL" % info, wheel.encode(), 0o644)]
    entries.sort(key=lambda entry: (entry[0].startswith(info + "/"), entry[0]))
    record = "".join(_record_line(path, content) + "\n" for path, content, _ in entries) + "%s/RECORD,,\n" % info
    entries.append(("%s/RECORD" % info, record.encode(), 0o644))

    python, abi = tags[0].split("-")[:2]
    platforms = ".".join(tag.split("-", 2)[2] for tag in tags)
    target = os.path.join(directory, "%s-%s-%s-%s-%s.whl" % (name, version, python, abi, platforms))
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800)
    stamp = time.gmtime(epoch)[:6]
    os.makedirs(directory, exist_ok=True)
    partial = target + ".partial"
    with zipfile.ZipFile(partial, "w") as archive:
        for path, content, mode in entries:
            entry = zipfile.ZipInfo(path, date_time=stamp)
            entry.external_attr = (0o100000 | mode) << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, content, compresslevel=9)
    os.replace(partial, target)
    return target
