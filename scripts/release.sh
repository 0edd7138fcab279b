#!/usr/bin/env bash
# Builds the release artifacts into dist/:
#
#   assetlint-VERSION-x86_64-linux.tar.gz   the self-contained `assetlint` executable (Swift runtime,
#                                            Foundation, ICU and zlib linked in; it needs only the C library
#                                            family), README, LICENSE, third-party notices, completions
#   assetlint-VERSION-py3-none-PLATFORM.whl the same executable as a pip console script
#   SHA256SUMS                              for both
#
#   scripts/release.sh              then scripts/check-release.sh to verify them
#
# Needs Swift 6, libicu-dev (ICU's static archives), zlib1g-dev (zlib's), icu-devtools (icupkg),
# binutils and python3.
# The build has its own scratch folder, .build-release/, so the development build is left alone.
# The archives' timestamps come from SOURCE_DATE_EPOCH (default: the last commit's), so one binary
# always gives the same tarball and wheel.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
version=$(scripts/release/version)
scratch=$root/.build-release
dist=$root/dist
arch=$(uname -m)
[ "$arch" = x86_64 ] || { echo "release.sh: builds x86_64 Linux artifacts; this machine is $arch" >&2; exit 1; }
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || echo 315532800)
fi
export SOURCE_DATE_EPOCH

step() { printf '==> %s\n' "$*"; }

step "ICU: static archives, data cut to the items assetlint loads"
scripts/release/icu-static.sh "$scratch/icu"
mapfile -t icu_flags <"$scratch/icu/swift-build-flags"

# zlib (gzipped bucket listings): the CZlib target links -lz, found as the static archive in a
# folder searched before the system's, so the binary needs no libz.so.
step "zlib: static archive"
zlib_archive=$(gcc -print-file-name=libz.a)
[ -f "$zlib_archive" ] || { echo "release.sh: libz.a not found (apt-get install zlib1g-dev)" >&2; exit 1; }
mkdir -p "$scratch/zlib"
ln -sf "$zlib_archive" "$scratch/zlib/libz.a"
icu_flags+=(-Xlinker "-L$scratch/zlib")

step "assetlint $version: release build, Swift runtime linked statically"
built=$(swift build -c release --scratch-path "$scratch" --show-bin-path)/assetlint
rm -f "$built"    # the build does not track the ICU objects the flags name: always link again
swift build -c release --product assetlint --static-swift-stdlib --scratch-path "$scratch" "${icu_flags[@]}"

name=assetlint-$version-$arch-linux
stage=$scratch/stage/$name
rm -rf "$scratch/stage"
mkdir -p "$stage/completions"
strip -o "$stage/assetlint" "$built"
"$stage/assetlint" --generate-completion-script bash >"$stage/completions/assetlint.bash"
"$stage/assetlint" --generate-completion-script zsh >"$stage/completions/_assetlint"
"$stage/assetlint" --generate-completion-script fish >"$stage/completions/assetlint.fish"
cp README.md "$stage/"
notices=("$stage/THIRD-PARTY-NOTICES")
if [ -f LICENSE ]; then
    cp LICENSE "$stage/"
    notices=("$stage/LICENSE" "${notices[@]}")
else
    echo "release.sh: warning: the repository has no LICENSE file; the artifacts carry only third-party notices" >&2
fi
scripts/release/notices.sh "$scratch" >"$stage/THIRD-PARTY-NOTICES"

step "dist/: tarball, wheel, checksums"
rm -rf "$dist"
mkdir -p "$dist"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C "$scratch/stage" -cf - "$name" | gzip -n -9 >"$dist/$name.tar.gz"
notice_args=()
for file in "${notices[@]}"; do notice_args+=(--notice "$file"); done
python3 scripts/release/make_wheel.py --binary "$stage/assetlint" --readme README.md "${notice_args[@]}" --out "$dist" >/dev/null
(cd "$dist" && sha256sum -- *.tar.gz *.whl >SHA256SUMS)

ls -l "$dist"
printf 'assetlint: %s bytes stripped (%s before stripping)\n' "$(stat -c %s "$stage/assetlint")" "$(stat -c %s "$built")"
