#!/usr/bin/env bash
# Prints the notices of the third-party code the release binary links in, from the license files
# of the installed toolchain, the Debian ICU package and the package checkouts (nothing is kept in
# this repository).
#
#   scripts/release/notices.sh SCRATCH      SCRATCH: the release build's folder (its checkouts/)
set -euo pipefail
scratch=${1:?usage: scripts/release/notices.sh SCRATCH}
swift_root=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")

section() {
    printf '%s\n' "================================================================================"
    printf '%s\n\n' "$1"
    cat "$2"
    printf '\n'
}

echo "assetlint links the following third-party code into its executable."
echo
section "Swift standard library, runtime, Foundation and Dispatch (the Swift toolchain)" \
    "$swift_root/share/swift/LICENSE.txt"
section "swift-argument-parser" "$scratch/checkouts/swift-argument-parser/LICENSE.txt"
section "Yams (with libyaml as its CYaml module; libyaml: Copyright (c) 2006-2016 Kirill Simonov, Copyright (c) 2017-2020 Ingy döt Net, under the same MIT terms as Yams below)" \
    "$scratch/checkouts/Yams/LICENSE"
icu_copyright=$(ls /usr/share/doc/libicu[0-9]*/copyright | head -n 1)
section "ICU $(basename "$(dirname "$icu_copyright")" | sed 's/^libicu//') (the system's, as packaged by Debian; its data cut to the items assetlint uses)" \
    <(sed '/^Files: debian/,$d' "$icu_copyright")
zlib_copyright=/usr/share/doc/zlib1g/copyright
section "zlib (the system's, as packaged by Debian)" <(sed '/^Files: debian/,$d' "$zlib_copyright")
printf '%s\n' "================================================================================"
printf '%s\n' "ICU inside Foundation (_FoundationICU, from the Swift toolchain; its data cut to the items"
printf '%s\n' "assetlint uses) is under the Unicode License v3: https://www.unicode.org/license.txt"
