#!/usr/bin/env bash
# Runs the test suite with the system ICU's data cut as the release binary has it: in a mount
# namespace, the shared library built from the cut package (icu-static.sh) is mounted over the
# system's libicudata, so every test that reaches ICU (normalization, IDNA, confusables, character
# classes) runs on the release's data. A control first shows the cut data is the one in use: ICU's
# own converter tool, which needs data the cut leaves out, must fail.
#
#   scripts/release/test-with-cut-icu-data.sh [SWIFT-TEST-ARGUMENTS...]
#
# Needs root (unshare -m), icu-devtools (uconv) and the build of the tests (swift build --build-tests).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" = --inside ]; then
    cut=$2 system=$3
    shift 3
    mount --make-rprivate /
    mount --bind "$cut" "$system"
    cmp -s "$cut" "$system" || { echo "test-with-cut-icu-data.sh: $system is not the cut data" >&2; exit 1; }
    if echo "abc" | uconv -f iso-8859-1 -t utf-8 >/dev/null 2>&1; then
        echo "test-with-cut-icu-data.sh: uconv converted Latin-1, so ICU still finds its full data" >&2
        exit 1
    fi
    echo "==> $system is the cut data ($(stat -c %s "$cut") bytes); uconv cannot convert Latin-1 (control)"
    exec swift test "$@"
fi

scripts/release/icu-static.sh .build-release/icu >/dev/null
system_lib=$(dirname "$(gcc -print-file-name=libicudata.so)")
soname=$(readelf -d "$system_lib/libicudata.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
cut=$(pwd)/.build-release/icu/shared/$soname
system=$(readlink -f "$system_lib/$soname")
unshare -m "$0" --inside "$cut" "$system" "$@"
