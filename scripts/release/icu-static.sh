#!/usr/bin/env bash
# Prepares the ICU that the release binary links statically, its data cut to the items assetlint
# loads (system-icu-items.txt, foundation-icu-items.txt):
#
#   OUT/lib/libicui18n.a, libicuuc.a   the system's (libicu-dev), linked instead of its shared libraries
#   OUT/lib/libicudata.a               the system ICU's data package, cut
#   OUT/shared/libicudata.so.NN        the same as a shared library, to run the development build
#                                      and its tests with the cut data (test-with-cut-icu-data.sh)
#   OUT/foundation-icudata.o           the toolchain Foundation's ICU data package, cut
#   OUT/swift-build-flags              the `swift build` flags that link the above, one a line
#   OUT/*.items                        what each cut package holds (icupkg -l)
#
#   scripts/release/icu-static.sh OUT
#
# Both packages are read out of the archives they come in, cut with icupkg and assembled into an
# object under the symbol ICU looks for. The system one is found as -licudata in OUT/lib, ahead of
# the system's own library folders. The Foundation one replaces the member of lib_FoundationICU.a
# that holds the full package: the linker defines that member's symbol from the cut object before
# it reads the archive (--defsym), so the member is never pulled in.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: scripts/release/icu-static.sh OUT}
mkdir -p "$out/lib"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "icu-static.sh: $*" >&2; exit 1; }

# ARCHIVE -> the data package it links in, written to WORK/source/NAME.dat (icupkg wants a package
# file named after the package); prints NAME (icudt72l).
extract_package() {
    local archive=$1 member name
    member=$(nm -A --defined-only "$archive" 2>/dev/null | sed -n 's/^[^:]*:\([^:]*\):.* [RD] icudt[0-9]*_dat$/\1/p' | head -n 1)
    [ -n "$member" ] || fail "no ICU data package (icudtNN_dat) in $archive"
    mkdir -p "$work/source"
    (cd "$work" && ar x "$archive" "$member" && objcopy --dump-section .rodata=package.dat "$member" discard.o && rm -f "$member" discard.o)
    name=$(python3 "$here/icu_data.py" name "$work/package.dat")
    mv "$work/package.dat" "$work/source/$name.dat"
    echo "$name"
}

# PACKAGE LIST NAME -> WORK/NAME.dat holding only LIST's items, and their names in OUT/NAME.items
# (icupkg builds it; the items are read with icu_data.py, which also reads packages too large for
# this icupkg).
cut_package() {
    local package=$1 list=$2 name=$3 items="$work/items-$3"
    # shellcheck disable=SC2046
    python3 "$here/icu_data.py" extract "$package" "$items" $(sed 's/#.*//' "$list")
    # Items that only other items name (line and word rules of brkitr/root.res) stay out on purpose.
    icupkg --ignore-deps new "$work/$name.dat" -a "$list" -s "$items" 2>"$work/icupkg.log" \
        || { cat "$work/icupkg.log" >&2; fail "icupkg could not build $name"; }
    icupkg --ignore-deps -l "$work/$name.dat" >"$out/$name.items"
    same_items "$work/$name.dat"
}

# PACKAGE: icu_data.py and icupkg must read the same items from it (icupkg is the reference).
same_items() {
    if ! diff <(python3 "$here/icu_data.py" list "$1" | sort) <(icupkg --ignore-deps -l "$1" | sort) >"$work/diff"; then
        head -n 20 "$work/diff" >&2
        fail "icu_data.py and icupkg list different items in $(basename "$1")"
    fi
}

# NAME SYMBOL OBJECT -> an object whose read-only data is the package NAME.dat under SYMBOL.
assemble() {
    local name=$1 symbol=$2 object=$3
    cat >"$work/$name.s" <<EOF
	.section .rodata.$symbol,"a",@progbits
	.balign 16
	.globl $symbol
	.type $symbol, @object
$symbol:
	.incbin "$work/$name.dat"
	.size $symbol, . - $symbol
	.section .note.GNU-stack,"",@progbits
EOF
    as --64 -o "$object" "$work/$name.s"
}

system_data=$(gcc -print-file-name=libicudata.a)
[ -f "$system_data" ] || fail "libicudata.a not found (apt-get install libicu-dev)"
system_lib=$(dirname "$system_data")
for library in libicuuc.a libicui18n.a; do
    [ -f "$system_lib/$library" ] || fail "$system_lib/$library not found (apt-get install libicu-dev)"
    ln -sf "$system_lib/$library" "$out/lib/$library"
done
system_name=$(extract_package "$system_data")
same_items "$work/source/$system_name.dat"
cut_package "$work/source/$system_name.dat" "$here/system-icu-items.txt" "$system_name"
system_symbol="${system_name%[lbe]}_dat"
rm -f "$out/lib/libicudata.a"
assemble "$system_name" "$system_symbol" "$work/icudata.o"
ar rcs "$out/lib/libicudata.a" "$work/icudata.o"
system_soname=$(readelf -d "$system_lib/libicudata.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
mkdir -p "$out/shared"
gcc -shared -nostdlib -Wl,-soname,"$system_soname" -o "$out/shared/$system_soname" "$work/icudata.o"

swift_bin=$(dirname "$(readlink -f "$(command -v swift)")")
foundation_icu="$swift_bin/../lib/swift_static/linux/lib_FoundationICU.a"
[ -f "$foundation_icu" ] || fail "$foundation_icu not found (a Swift toolchain with static libraries)"
foundation_name=$(extract_package "$(readlink -f "$foundation_icu")")
cut_package "$work/source/$foundation_name.dat" "$here/foundation-icu-items.txt" "$foundation_name"
foundation_symbol="${foundation_name%[lbe]}_dat"
assemble "$foundation_name" "assetlint_foundation_$foundation_symbol" "$out/foundation-icudata.o"

cat >"$out/swift-build-flags" <<EOF
-Xlinker
-L$out/lib
-Xlinker
$out/foundation-icudata.o
-Xlinker
--defsym
-Xlinker
$foundation_symbol=assetlint_foundation_$foundation_symbol
EOF
printf '%s: %s items, %s bytes; %s: %s items, %s bytes\n' \
    "$system_name" "$(wc -l <"$out/$system_name.items")" "$(stat -c %s "$work/$system_name.dat")" \
    "$foundation_name" "$(wc -l <"$out/$foundation_name.items")" "$(stat -c %s "$work/$foundation_name.dat")"
