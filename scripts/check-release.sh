#!/usr/bin/env bash
# Verifies the artifacts of scripts/release.sh as a user without Swift gets them:
#
#   - names, checksums, contents; the binary says the version the names carry; it needs nothing
#     but the C library family (readelf, ldd) and is at most 60 MB; the wheel's RECORD holds and
#     `auditwheel show` finds the same platform tag as the wheel's name;
#   - then, in a mount namespace where the Swift toolchain and every ICU shared library are hidden
#     (empty folders and files mounted over them): the tarball's binary and the wheel's console
#     script lint the hub's example manifest (exit 0) and a broken one (exit 1); the binary reads a
#     gzipped S3 Inventory listing (zlib is linked in) and reports
#     byte for byte what the development build reports on every fixture, on IDNA hosts and on
#     custom-rule patterns that load ICU data (ICU's data is cut in the release binary); and the
#     real pre-commit installs the README's hook configurations from the wheel, offline, and a
#     broken manifest fails a commit that a clean one passes.
#
#   scripts/check-release.sh [DIST]          DIST: default dist/
#
# Needs root (unshare -m), python3 with venv, pre-commit and auditwheel (pip), git, binutils.
# ASSETLINT_REFERENCE names the development build to compare with (default .build/debug/assetlint,
# else .build/release/assetlint); without one the comparison is skipped with a warning.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
version=$(scripts/release/version)
arch=x86_64

fail() { echo "check-release.sh: FAILED: $*" >&2; exit 1; }
pass() { echo "  ok: $*"; }
# EXPECTED DESCRIPTION COMMAND...: COMMAND exits with EXPECTED (its output kept in $work/last.out).
expect_status() {
    local expected=$1 description=$2 status=0
    shift 2
    "$@" >"$work/last.out" 2>&1 || status=$?
    [ "$status" -eq "$expected" ] || { cat "$work/last.out" >&2; fail "$description: exit $status, expected $expected"; }
    pass "$description (exit $status)"
}
# TEXT DESCRIPTION COMMAND...: COMMAND exits with 1 and its output has TEXT (a finding, not a crash).
expect_findings() {
    local text=$1 description=$2 status=0
    shift 2
    "$@" >"$work/last.out" 2>&1 || status=$?
    if [ "$status" -ne 1 ] || ! grep -q -- "$text" "$work/last.out"; then
        cat "$work/last.out" >&2
        fail "$description: exit $status, expected 1 with '$text' in the output"
    fi
    pass "$description (exit 1, $text)"
}

# The inputs both builds lint, written as one output file each into OUT (BINARY OUT).
lint_cases() {
    local binary=$1 out=$2 status
    mkdir -p "$out"
    run_case() { # NAME DIRECTORY ARGUMENTS...
        local name=$1 directory=$2
        shift 2
        status=0
        (cd "$directory" && NO_COLOR=1 "$binary" "$@") >"$out/$name" 2>&1 || status=$?
        echo "exit $status" >>"$out/$name"
    }
    local fixtures
    mapfile -t fixtures < <(cd "$root" && find Fixtures -name '*.json' -not -path '*/golden/*' -not -path '*/schemas/*' -not -path '*/configured/*' | sort)
    run_case fixtures.json "$root" --format json "${fixtures[@]}"
    run_case fixtures.text "$root" "${fixtures[@]}"
    run_case configured.json "$root/Fixtures/urls/configured" --format json .
    run_case idna.json "$root" url --format json "${idna_urls[@]}"
    run_case custom-patterns.json "$cases/custom" --format json ids.json
    run_case rules.json "$root" rules --format json
}

# Hosts through UTS #46 (uts46.nrm, with its bidi and joiner rules) and paths through NFC: with the
# fixtures' ids (confusable skeletons from confusables.cfu), what the system ICU's cut data answers.
idna_urls=(
    "https://Bücher.example/a.jpg" "https://xn--bcher-kva.example/a.jpg" "https://faß.de/a.jpg"
    "https://ﬁnance.example/a.jpg" "https://ＥＸＡＭＰＬＥ.com/a.jpg" "https://a‍b.example/a.jpg"
    "https://مثال.إختبار/a.jpg" "https://xn--a.example/a.jpg" "https://ex%41mple.com/a.jpg"
    "https://bucket.s3.amazonaws.com/cafe%CC%81.jpg" "https://storage.googleapis.com/b/caf%C3%A9.jpg"
    "https://аpple.com/a.jpg" "https://[::1]/a.jpg" "https://192.168.0.1./a.jpg"
)

write_cases() {
    mkdir -p "$cases/custom"
    # Patterns that make NSRegularExpression load data from Foundation's ICU (foundation-icu-items.txt).
    cat >"$cases/custom/.assetlint.yml" <<'EOF'
custom:
  - {id: X001, name: starts-with-c, pointer: /*/externalId, pattern: "^\\N{LATIN SMALL LETTER C}", message: starts with c}
  - {id: X002, name: no-emoji, pointer: /*/externalId, pattern: "^\\P{Emoji_Presentation}*$", message: no emoji}
  - {id: X003, name: nfkc-folded, pointer: /*/externalId, pattern: "^\\P{Changes_When_NFKC_Casefolded}*$", message: NFKC case-folded}
  - {id: X004, name: short, pointer: /*/externalId, pattern: "^\\X{1,5}$", message: at most five characters}
  - {id: X005, name: named, pointer: /*/externalId, pattern: "^\\p{Name=LATIN SMALL LETTER C}", message: starts with c by name}
EOF
    cat >"$cases/custom/ids.json" <<'EOF'
[
  {"data": "https://bucket.s3.amazonaws.com/1.jpg", "externalId": "café"},
  {"data": "https://bucket.s3.amazonaws.com/2.jpg", "externalId": "cafe\u0301"},
  {"data": "https://bucket.s3.amazonaws.com/3.jpg", "externalId": "cat😀"},
  {"data": "https://bucket.s3.amazonaws.com/4.jpg", "externalId": "ｃａｔ"},
  {"data": "https://bucket.s3.amazonaws.com/5.jpg", "externalId": "👩‍👩‍👧‍👦ok"},
  {"data": "https://bucket.s3.amazonaws.com/6.jpg", "externalId": "сat"},
  {"data": "https://bucket.s3.amazonaws.com/7.jpg", "externalId": "cat"},
  {"data": "https://bucket.s3.amazonaws.com/8.jpg", "externalId": "catalogue"}
]
EOF
}

# The fenced ```yaml block that follows `<!-- check-release: NAME -->` in the README.
readme_snippet() {
    awk -v marker="<!-- check-release: $1 -->" '
        $0 == marker { found = 1; next }
        found && /^```yaml/ { inside = 1; next }
        inside && /^```/ { exit }
        inside { print }' "$root/README.md"
}

# NAME CONFIG: a scratch repository with CONFIG as its .pre-commit-config.yaml, where a commit of a
# broken manifest must fail on assetlint's findings and a commit of the hub's example must pass.
precommit_case() {
    local name=$1 config=$2 repo="$work/precommit-$1"
    local git=(git -c user.name=check -c user.email=check@example.invalid -c init.defaultBranch=main)
    rm -rf "$repo" && mkdir -p "$repo/assets"
    [ -n "$config" ] || fail "the README has no '$name' snippet"
    printf '%s\n' "$config" >"$repo/.pre-commit-config.yaml"
    (cd "$repo" && "${git[@]}" init -q . && "${git[@]}" add .pre-commit-config.yaml && "${git[@]}" commit -qm config \
        && pre-commit install >/dev/null)
    cp "$root/Fixtures/manifests/broken.json" "$repo/assets/import.json"
    (cd "$repo" && "${git[@]}" add assets/import.json)
    expect_findings M106 "pre-commit ($name): a broken manifest fails the commit" bash -c "cd '$repo' && ${git[*]} commit -qm broken"
    cp "$root/Fixtures/manifests/hub-example.json" "$repo/assets/import.json"
    (cd "$repo" && "${git[@]}" add assets/import.json)
    expect_status 0 "pre-commit ($name): the hub's example manifest passes" bash -c "cd '$repo' && ${git[*]} commit -qm clean"
}

# --- inside the mount namespace --------------------------------------------------------------
if [ "${1:-}" = --hidden ]; then
    work=$2 dist=$3 cases=$2/cases
    bin=$work/tarball/assetlint-$version-$arch-linux/assetlint
    swift_home=$(cat "$work/swift-home")
    mount --make-rprivate /
    mkdir -p "$work/empty" && : >"$work/empty-file"
    mount --bind "$work/empty" "$swift_home"
    hidden=0
    while read -r library; do
        mount --bind "$work/empty-file" "$library"
        hidden=$((hidden + 1))
    done <"$work/icu-libraries"
    echo "==> hidden: $swift_home and $hidden ICU shared libraries"
    ! command -v swift >/dev/null 2>&1 || fail "swift is still on PATH"
    [ ! -e "$(cat "$work/swift-binary")" ] || fail "the Swift toolchain is still reachable"
    while read -r library; do [ ! -s "$library" ] || fail "$library is still readable"; done <"$work/icu-libraries"
    if [ -x "$(cat "$work/reference-binary")" ]; then
        expect_status 127 "control: the development build cannot start here" "$(cat "$work/reference-binary")" --version
    fi

    echo "==> the tarball's binary"
    expect_status 0 "hub's example manifest" "$bin" "$root/Fixtures/manifests/hub-example.json"
    expect_findings M106 "broken manifest" "$bin" "$root/Fixtures/manifests/broken.json"
    # zlib is linked in: a gzipped S3 Inventory report is read ("file 2.jpg" is listed, "file 3.jpg" not).
    printf '[\n  {"data": "https://bucket-name.s3.amazonaws.com/file%%202.jpg", "externalId": "a"},\n  {"data": "https://bucket-name.s3.amazonaws.com/file%%203.jpg", "externalId": "b"}\n]\n' >"$work/inventory-manifest.json"
    expect_findings 'no object "file 3.jpg"' "gzipped S3 Inventory listing" \
        "$bin" --inventory "$root/Fixtures/inventory/s3-inventory/2024-03-01T00-00Z/manifest.json" "$work/inventory-manifest.json"
    ! grep -q 'file 2.jpg' "$work/last.out" || { cat "$work/last.out" >&2; fail "a listed object of the gzipped listing is reported"; }
    if [ -d "$work/reference" ]; then
        lint_cases "$bin" "$work/release"
        diff -r "$work/reference" "$work/release" >"$work/diff" || { head -n 40 "$work/diff" >&2; fail "the release binary reports otherwise than the development build"; }
        pass "same reports as the development build: $(ls "$work/reference" | tr '\n' ' ')"
    fi

    echo "==> the wheel's console script (pip, offline)"
    python3 -m venv "$work/venv"
    PIP_NO_INDEX=1 PIP_FIND_LINKS=$dist "$work/venv/bin/pip" install --quiet --disable-pip-version-check "assetlint==$version"
    expect_status 0 "hub's example manifest" "$work/venv/bin/assetlint" "$root/Fixtures/manifests/hub-example.json"
    expect_findings M106 "broken manifest" "$work/venv/bin/assetlint" "$root/Fixtures/manifests/broken.json"
    cmp -s "$work/venv/bin/assetlint" "$bin" || fail "the wheel's console script is not the tarball's binary"

    echo "==> pre-commit with the README's configurations (pip, offline)"
    export PIP_NO_INDEX=1 PIP_FIND_LINKS=$dist PRE_COMMIT_HOME=$work/pre-commit-home NO_COLOR=1
    # The repository as a user names it: its address (here this checkout) and a commit of it (so the
    # hook is what HEAD has; uncommitted changes to it are not what pre-commit installs).
    wheel_config=$(readme_snippet pre-commit-wheel | sed -e "s|ASSETLINT_REPOSITORY|$root|" -e "s|ASSETLINT_REVISION|$(cat "$work/revision")|")
    precommit_case wheel "$wheel_config"
    (export PATH=$work/venv/bin:$PATH && precommit_case installed "$(readme_snippet pre-commit-installed)") || exit 1
    echo "check-release.sh: all checks passed"
    exit 0
fi

# --- outside: the files themselves, then the namespace ----------------------------------------
for tool in python3 pre-commit auditwheel git readelf ldd unshare; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed (pre-commit and auditwheel: pip install pre-commit auditwheel)"
done
[ "$(id -u)" -eq 0 ] || fail "the namespace that hides Swift and ICU needs root (unshare -m)"
dist=$(cd "${1:-dist}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cases=$work/cases
tarball=$dist/assetlint-$version-$arch-linux.tar.gz
shopt -s nullglob
wheels=("$dist"/assetlint-"$version"-py3-none-*.whl)
shopt -u nullglob

echo "==> artifacts in $dist"
[ -f "$tarball" ] || fail "no $(basename "$tarball")"
[ ${#wheels[@]} -eq 1 ] || fail "expected one assetlint-$version-py3-none-*.whl, found ${#wheels[@]}"
wheel=${wheels[0]}
(cd "$dist" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not match"
[ "$(awk '{print $2}' "$dist/SHA256SUMS" | sort | tr '\n' ' ')" = "$(printf '%s\n' "$(basename "$tarball")" "$(basename "$wheel")" | sort | tr '\n' ' ')" ] \
    || fail "SHA256SUMS does not list exactly the tarball and the wheel"
pass "SHA256SUMS"
mkdir -p "$work/tarball"
tar -xzf "$tarball" -C "$work/tarball"
top=$work/tarball/assetlint-$version-$arch-linux
for file in assetlint README.md THIRD-PARTY-NOTICES completions/assetlint.bash completions/_assetlint completions/assetlint.fish; do
    [ -s "$top/$file" ] || fail "the tarball has no $file"
done
[ ! -f "$root/LICENSE" ] || cmp -s "$root/LICENSE" "$top/LICENSE" || fail "the tarball's LICENSE is not the repository's"
pass "tarball contents: $(cd "$top" && find . -type f | sort | tr '\n' ' ')"
bin=$top/assetlint
[ "$("$bin" --version)" = "$version" ] || fail "assetlint --version says $("$bin" --version), the names say $version"
pass "assetlint --version: $version"
stale=$(grep -oE 'assetlint-[0-9]+\.[0-9]+\.[0-9]+-|assetlint==[0-9]+\.[0-9]+\.[0-9]+' "$root/README.md" | grep -v -- "$version" | sort -u | tr '\n' ' ' || true)
[ -z "$stale" ] || fail "the README names other versions than $version: $stale"

echo "==> what the binary needs"
size=$(stat -c %s "$bin")
[ "$size" -le 60000000 ] || fail "the binary has $size bytes, more than 60 MB"    # 60 * 10^6
pass "size: $size bytes"
needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
for library in $needed; do
    case $library in
        libc.so.6 | libm.so.6 | libstdc++.so.6 | libgcc_s.so.1 | ld-linux-x86-64.so.2 | libpthread.so.0 | libdl.so.2 | librt.so.1 | libutil.so.1) ;;
        *) fail "the binary needs $library (NEEDED: $needed)" ;;
    esac
done
pass "NEEDED: $needed"
ldd "$bin" | sed 's/^/    /'
if ldd "$bin" | grep -Eq 'libicu|libswift|libFoundation|libdispatch|_FoundationICU|not found'; then fail "ldd shows a dynamic dependency beyond the C library family"; fi

echo "==> the wheel"
python3 - "$wheel" "$bin" <<'PY' || fail "the wheel's RECORD or contents are wrong"
import base64, hashlib, sys, zipfile
wheel, binary = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as archive:
    names = archive.namelist()
    record = [n for n in names if n.endswith(".dist-info/RECORD")]
    assert len(record) == 1, "one RECORD"
    listed = {}
    for line in archive.read(record[0]).decode().splitlines():
        path, digest, size = line.rsplit(",", 2)
        listed[path] = (digest, size)
    assert set(listed) == set(names), "RECORD lists exactly the wheel's files"
    for name in names:
        if name == record[0]:
            continue
        data = archive.read(name)
        digest = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        assert listed[name] == (digest, str(len(data))), "hash and size of " + name
    scripts = [n for n in names if ".data/scripts/" in n]
    assert [n.rsplit("/", 1)[1] for n in scripts] == ["assetlint"], "the one console script"
    assert (archive.getinfo(scripts[0]).external_attr >> 16) & 0o111, "the console script is executable"
    assert archive.read(scripts[0]) == open(binary, "rb").read(), "the console script is the tarball's binary"
print("  ok: RECORD (hashes and sizes of %d files); the console script is the tarball's binary" % (len(names) - 1))
PY
wheel_tag=$(basename "$wheel" .whl | sed "s/^assetlint-$version-py3-none-//" | cut -d. -f1)
auditwheel show "$wheel" >"$work/auditwheel" 2>&1 || { cat "$work/auditwheel" >&2; fail "auditwheel show failed"; }
audit_tag=$(tr '\n' ' ' <"$work/auditwheel" | sed -n 's/.*consistent with the following platform tag: *"\([^"]*\)".*/\1/p')
[ "$audit_tag" = "$wheel_tag" ] || { cat "$work/auditwheel" >&2; fail "auditwheel finds $audit_tag, the wheel is tagged $wheel_tag"; }
pass "auditwheel show: consistent with $audit_tag, the wheel's tag"

echo "==> reference reports"
reference=${ASSETLINT_REFERENCE:-}
if [ -z "$reference" ]; then
    for candidate in .build/debug/assetlint .build/release/assetlint; do
        if [ -x "$candidate" ]; then reference=$root/$candidate; break; fi
    done
fi
write_cases
if [ -n "$reference" ]; then
    lint_cases "$reference" "$work/reference"
    pass "$(ls "$work/reference" | wc -l) reports from $reference"
else
    echo "  warning: no development build (.build/debug/assetlint) to compare the release binary with" >&2
fi
echo "$reference" >"$work/reference-binary"

# What the namespace hides: the toolchain's folder, and every ICU shared library on the system.
swift_binary=$(readlink -f "$(command -v swift)" 2>/dev/null || true)
[ -n "$swift_binary" ] || fail "no swift on PATH: this check hides the toolchain, so it needs one to hide"
swift_home=$(dirname "$(dirname "$(dirname "$swift_binary")")")    # /opt/swift for /opt/swift/usr/bin/swift
case $swift_home in /usr | / | "") fail "the toolchain lives in $swift_home, which cannot be hidden alone" ;; esac
echo "$swift_binary" >"$work/swift-binary"
echo "$swift_home" >"$work/swift-home"
{ ldconfig -p | awk '/libicu/ { print $NF }'; find /usr/lib /usr/local/lib /lib /opt -name 'libicu*.so*' 2>/dev/null; } \
    | while read -r library; do readlink -f "$library"; done | grep -v "^$swift_home/" | sort -u >"$work/icu-libraries"
git rev-parse HEAD >"$work/revision"
unshare -m "$0" --hidden "$work" "$dist"
