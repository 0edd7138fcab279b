"""The PEP 517 build backend of the repository's own Python package, `assetlint-pre-commit`, which
exists only for pre-commit: a `language: python` hook makes pre-commit `pip install .` the hook's
repository. The package holds no code; it requires `assetlint` at this checkout's version, so pip
installs the platform wheel (from an index or from PIP_FIND_LINKS) and its `assetlint` console
script is the hook's entry. The backend needs nothing but the standard library, so the install
works offline; pyproject.toml names it (backend-path).
"""
import io
import os
import tarfile

import wheel_archive

DISTRIBUTION = "assetlint-pre-commit"
SUMMARY = "pre-commit's install of assetlint: requires the assetlint wheel of the same version."
ROOT = os.path.dirname(os.path.dirname(wheel_archive.HERE))
# What an sdist needs to build this package again.
SDIST_FILES = [
    "pyproject.toml",
    "Sources/AssetLint/Version.swift",
    "scripts/release/version",
    "scripts/release/wheel_archive.py",
    "scripts/release/pre_commit_backend.py",
]


def _metadata(version):
    return wheel_archive.metadata_text([
        ("Metadata-Version", "2.1"),
        ("Name", DISTRIBUTION),
        ("Version", version),
        ("Summary", SUMMARY),
        ("Requires-Dist", "assetlint==%s" % version),
    ])


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    version = wheel_archive.product_version()
    info = "%s-%s.dist-info" % (wheel_archive.wheel_name(DISTRIBUTION), version)
    os.makedirs(os.path.join(metadata_directory, info), exist_ok=True)
    with open(os.path.join(metadata_directory, info, "METADATA"), "w", encoding="utf-8") as f:
        f.write(_metadata(version))
    return info


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    version = wheel_archive.product_version()
    path = wheel_archive.write_wheel(wheel_directory, DISTRIBUTION, version, ["py3-none-any"], _metadata(version), pure=True)
    return os.path.basename(path)


def build_sdist(sdist_directory, config_settings=None):
    version = wheel_archive.product_version()
    base = "%s-%s" % (wheel_archive.wheel_name(DISTRIBUTION), version)
    path = os.path.join(sdist_directory, base + ".tar.gz")
    with tarfile.open(path, "w:gz") as archive:
        for name in SDIST_FILES:
            archive.add(os.path.join(ROOT, name), arcname="%s/%s" % (base, name))
        info = tarfile.TarInfo("%s/PKG-INFO" % base)
        data = _metadata(version).encode()
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return os.path.basename(path)
