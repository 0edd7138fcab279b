/// The URL Standard's basic URL parser, without a base URL (asset URLs must be absolute) and
/// without state overrides (there is no setter API).
///
/// The parser walks the input's UTF-8 bytes once and writes the serialization straight into a
/// byte buffer, the way the standard's state machine appends to the URL record's components; the
/// states that only move the pointer back and forth are written as plain control flow.
public enum URLParser {
    public static func parse(_ input: String) -> URLParseResult {
        if let result = input.utf8.withContiguousStorageIfAvailable(parse(utf8:)) { return result }
        return Array(input.utf8).withUnsafeBufferPointer(parse(utf8:))
    }

    /// Parses UTF-8 bytes. The standard parses scalar value strings: ill-formed UTF-8 is treated
    /// as invalid URL units (and a host containing it fails) rather than trapping.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> URLParseResult {
        var errors: [URLValidationError] = []
        var start = 0, end = bytes.count
        while start < end, bytes[start] <= URLByte.space { start += 1 }
        while end > start, bytes[end - 1] <= URLByte.space { end -= 1 }
        if start > 0 {
            errors.append(URLValidationError(kind: .invalidURLUnit, offset: 0, length: start))
        }
        if end < bytes.count {
            errors.append(URLValidationError(kind: .invalidURLUnit, offset: end, length: bytes.count - end))
        }
        let trimmed = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard trimmed.contains(where: { $0 <= URLByte.carriageReturn && ($0 == URLByte.tab || $0 == URLByte.lineFeed || $0 == URLByte.carriageReturn) }) else {
            var parser = BasicURLParser(input: trimmed, offsets: URLInputOffsets(base: start, map: nil), errors: errors)
            return parser.run()
        }
        // Rare: tabs and newlines are removed, and a map keeps error offsets pointing at the original.
        var filtered: [UInt8] = []
        var map: [Int] = []
        filtered.reserveCapacity(trimmed.count)
        map.reserveCapacity(trimmed.count + 1)
        for (index, byte) in trimmed.enumerated() {
            if byte == URLByte.tab || byte == URLByte.lineFeed || byte == URLByte.carriageReturn {
                errors.append(URLValidationError(kind: .invalidURLUnit, offset: start + index, length: 1))
            } else {
                filtered.append(byte)
                map.append(start + index)
            }
        }
        map.append(end)
        return filtered.withUnsafeBufferPointer { buffer in
            var parser = BasicURLParser(input: buffer, offsets: URLInputOffsets(base: start, map: map), errors: errors)
            return parser.run()
        }
    }
}

/// Maps indices of the preprocessed input back to UTF-8 offsets of the original input.
struct URLInputOffsets {
    var base: Int
    /// Original offset of each preprocessed byte, plus one entry for the end; nil when no tab
    /// or newline was removed, so that offsets are just shifted by the leading trim.
    var map: [Int]?

    @inline(__always)
    func original(_ index: Int) -> Int { map?[index] ?? base + index }

    /// The original range covering preprocessed `range`, not extending over removed characters
    /// at its end.
    func original(_ range: Range<Int>) -> Range<Int> {
        let lower = original(range.lowerBound)
        guard !range.isEmpty else { return lower..<lower }
        return lower..<(original(range.upperBound - 1) + 1)
    }
}

struct BasicURLParser {
    let input: UnsafeBufferPointer<UInt8>
    let offsets: URLInputOffsets
    var errors: [URLValidationError]
    var failure: URLValidationError?
    var out: [UInt8] = []
    var layout = URLLayout()
    var ranges = URLComponentRanges()

    init(input: UnsafeBufferPointer<UInt8>, offsets: URLInputOffsets, errors: [URLValidationError]) {
        self.input = input
        self.offsets = offsets
        self.errors = errors
        out.reserveCapacity(input.count + 8)
    }

    var isSpecial: Bool { layout.schemeKind != .other }

    mutating func run() -> URLParseResult {
        let succeeded = parseScheme()
        var url: WebURL?
        if succeeded {
            url = WebURL(href: String(decoding: out, as: UTF8.self), layout: layout)
        }
        return URLParseResult(url: url, validationErrors: errors, failure: failure, ranges: ranges)
    }

    // MARK: - Reporting

    mutating func report(_ kind: URLValidationError.Kind, at index: Int, length: Int = 1, idnaErrors: UInt32 = 0) {
        let range = offsets.original(index..<min(index + length, input.count))
        errors.append(URLValidationError(kind: kind, offset: range.lowerBound, length: range.count, idnaErrors: idnaErrors))
    }

    /// Records the error that ends parsing; always returns false so callers can `return fail(...)`.
    mutating func fail(_ kind: URLValidationError.Kind, at index: Int, length: Int = 1, idnaErrors: UInt32 = 0) -> Bool {
        report(kind, at: index, length: length, idnaErrors: idnaErrors)
        failure = errors.last
        return false
    }

    @inline(__always)
    func byte(at index: Int) -> UInt8? { index < input.count ? input[index] : nil }

    /// `/`, or `\` in a special URL.
    @inline(__always)
    func isSlash(_ byte: UInt8?) -> Bool { byte == URLByte.slash || (byte == URLByte.backslash && isSpecial) }

    /// End of the authority, host or port: EOF, `/`, `?`, `#`, or `\` in a special URL.
    @inline(__always)
    func endsAuthority(_ byte: UInt8?) -> Bool {
        byte == nil || byte == URLByte.question || byte == URLByte.hash || isSlash(byte)
    }

    func hasTwoHexDigits(after index: Int) -> Bool {
        guard let first = byte(at: index + 1), let second = byte(at: index + 2) else { return false }
        return Hex.isDigit(first) && Hex.isDigit(second)
    }

    func originalRange(_ range: Range<Int>) -> Range<Int> { offsets.original(range) }

    // MARK: - Scheme

    /// Scheme start and scheme states; with no base URL, input without a scheme fails.
    mutating func parseScheme() -> Bool {
        guard let first = byte(at: 0), URLByte.isAlpha(first) else {
            return fail(.missingSchemeNonRelativeURL, at: 0)
        }
        var end = 1
        while let c = byte(at: end), URLByte.isAlphanumeric(c) || c == URLByte.plus || c == URLByte.minus || c == URLByte.dot {
            end += 1
        }
        guard byte(at: end) == URLByte.colon else { return fail(.missingSchemeNonRelativeURL, at: 0) }
        for index in 0..<end { out.append(URLByte.lowercased(input[index])) }
        out.append(URLByte.colon)
        layout.schemeEnd = end
        layout.schemeKind = URLSchemeKind(out[0..<end])
        ranges.scheme = originalRange(0..<end)
        setEmptyCredentials()

        let rest = end + 1
        switch layout.schemeKind {
        case .file:
            if !(byte(at: rest) == URLByte.slash && byte(at: rest + 1) == URLByte.slash) {
                report(.specialSchemeMissingFollowingSolidus, at: rest)
            }
            return parseFile(from: rest)
        case .other:
            if byte(at: rest) == URLByte.slash {
                if byte(at: rest + 1) == URLByte.slash { return parseAuthority(from: rest + 2) }
                ranges.path = rest..<rest
                layout.pathStart = out.count
                return parsePath(from: rest + 1)
            }
            return parseOpaquePath(from: rest)
        default:
            return parseSpecialAuthoritySlashes(from: rest)
        }
    }

    mutating func setEmptyCredentials() {
        layout.usernameStart = out.count
        layout.usernameEnd = out.count
        layout.passwordStart = out.count
        layout.passwordEnd = out.count
    }

    // MARK: - Authority

    /// Special authority slashes and special authority ignore slashes states.
    mutating func parseSpecialAuthoritySlashes(from start: Int) -> Bool {
        var index = start
        if byte(at: index) == URLByte.slash, byte(at: index + 1) == URLByte.slash {
            index += 2
        } else {
            report(.specialSchemeMissingFollowingSolidus, at: index)
        }
        while let c = byte(at: index), c == URLByte.slash || c == URLByte.backslash {
            report(.specialSchemeMissingFollowingSolidus, at: index)
            index += 1
        }
        return parseAuthority(from: index)
    }

    /// Authority and host states in one scan: everything up to the last `@` before the end of
    /// the authority is userinfo; the host ends at the first `:` after it outside brackets.
    mutating func parseAuthority(from start: Int) -> Bool {
        out.append(URLByte.slash)
        out.append(URLByte.slash)
        setEmptyCredentials()
        let interesting = isSpecial ? ASCIIByteSet.specialAuthorityDelimiters : ASCIIByteSet.authorityDelimiters
        var end = start
        var lastAt: Int?
        var colon: Int?
        var insideBrackets = false
        scan: while end < input.count {
            let c = input[end]
            if interesting.contains(c) {
                switch c {
                case URLByte.at:
                    report(.invalidCredentials, at: end)
                    lastAt = end
                    colon = nil
                    insideBrackets = false
                case URLByte.leftBracket:
                    insideBrackets = true
                case URLByte.rightBracket:
                    insideBrackets = false
                case URLByte.colon:
                    if colon == nil, !insideBrackets { colon = end }
                default:
                    break scan
                }
            }
            end += 1
        }
        var hostStart = start
        if let lastAt {
            if lastAt + 1 == end { return fail(.hostMissing, at: end, length: 0) }
            appendUserinfo(start..<lastAt)
            hostStart = lastAt + 1
        }
        return parseHost(hostStart..<(colon ?? end), endedByColon: colon != nil)
    }

    /// The first `:` separates user name and password; other `:` and `@` are percent-encoded.
    mutating func appendUserinfo(_ range: Range<Int>) {
        var colon: Int?
        for index in range {
            let c = input[index]
            if c == URLByte.colon, colon == nil {
                colon = index
                layout.usernameEnd = out.count
                out.append(URLByte.colon)
                layout.passwordStart = out.count
                continue
            }
            if PercentEncodeSet.userinfo.contains(c) { out.appendPercentEncoded(c) } else { out.append(c) }
        }
        if let colon {
            layout.passwordEnd = out.count
            ranges.username = originalRange(range.lowerBound..<colon)
            ranges.password = originalRange((colon + 1)..<range.upperBound)
            if layout.passwordEnd == layout.passwordStart {
                out.removeLast()
                layout.passwordStart = out.count
                layout.passwordEnd = out.count
            }
        } else {
            layout.usernameEnd = out.count
            layout.passwordStart = out.count
            layout.passwordEnd = out.count
            ranges.username = originalRange(range)
        }
        if out.count == layout.usernameStart {
            setEmptyCredentials()
        } else {
            out.append(URLByte.at)
        }
    }

    /// Host state, for the host found by `parseAuthority`.
    mutating func parseHost(_ hostRange: Range<Int>, endedByColon: Bool) -> Bool {
        let end = hostRange.upperBound
        if endedByColon {
            if hostRange.isEmpty { return fail(.hostMissing, at: end, length: 0) }
            guard appendHost(hostRange, isOpaque: !isSpecial) else { return false }
            return parsePort(from: end + 1)
        }
        if isSpecial, hostRange.isEmpty { return fail(.hostMissing, at: end, length: 0) }
        guard appendHost(hostRange, isOpaque: !isSpecial) else { return false }
        return parsePathStart(from: end)
    }

    mutating func parsePort(from start: Int) -> Bool {
        var end = start
        var value = 0
        while let c = byte(at: end), URLByte.isDigit(c) {
            value = min(value * 10 + Int(c - 0x30), 1 << 20)
            end += 1
        }
        if !endsAuthority(byte(at: end)) { return fail(.portInvalid, at: end) }
        if end > start {
            ranges.port = originalRange(start..<end)
            if value > 65535 { return fail(.portOutOfRange, at: start, length: end - start) }
            if value != layout.schemeKind.defaultPort {
                out.append(URLByte.colon)
                out.appendDecimal(value)
                layout.port = value
            }
        }
        return parsePathStart(from: end)
    }

    // MARK: - File

    /// File state and file slash state, without a base URL.
    mutating func parseFile(from start: Int) -> Bool {
        out.append(URLByte.slash)
        out.append(URLByte.slash)
        setEmptyCredentials()
        layout.hostKind = .empty
        layout.hostStart = out.count
        layout.hostEnd = out.count
        var index = start
        for _ in 0..<2 {
            guard let c = byte(at: index), c == URLByte.slash || c == URLByte.backslash else {
                ranges.path = index..<index
                layout.pathStart = out.count
                return parsePath(from: index)
            }
            if c == URLByte.backslash { report(.invalidReverseSolidus, at: index) }
            index += 1
        }
        return parseFileHost(from: index)
    }

    mutating func parseFileHost(from start: Int) -> Bool {
        var end = start
        while let c = byte(at: end), c != URLByte.slash, c != URLByte.backslash, c != URLByte.question, c != URLByte.hash {
            end += 1
        }
        let buffer = start..<end
        if isWindowsDriveLetter(buffer) {
            // The "host" is really the first path segment (file://C:/x is file:///C:/x).
            report(.fileInvalidWindowsDriveLetterHost, at: start, length: 2)
            ranges.path = start..<start
            layout.pathStart = out.count
            return parsePath(from: end, firstSegment: buffer)
        }
        if !buffer.isEmpty {
            guard appendHost(buffer, isOpaque: false) else { return false }
            if layout.hostKind == .domain, out[layout.hostStart..<layout.hostEnd].elementsEqual("localhost".utf8) {
                out.removeSubrange(layout.hostStart..<layout.hostEnd)
                layout.hostKind = .empty
                layout.hostEnd = layout.hostStart
            }
        }
        return parsePathStart(from: end)
    }

    func isWindowsDriveLetter(_ range: Range<Int>) -> Bool {
        range.count == 2 && URLByte.isAlpha(input[range.lowerBound])
            && (input[range.lowerBound + 1] == URLByte.colon || input[range.lowerBound + 1] == URLByte.pipe)
    }

    // MARK: - Path

    mutating func parsePathStart(from index: Int) -> Bool {
        layout.pathStart = out.count
        ranges.path = index..<index
        let c = byte(at: index)
        if isSpecial {
            if c == URLByte.backslash { report(.invalidReverseSolidus, at: index) }
            return parsePath(from: c == URLByte.slash || c == URLByte.backslash ? index + 1 : index)
        }
        switch c {
        case nil:
            finishPath(at: index)
            return true
        case URLByte.question?:
            finishPath(at: index)
            return parseQuery(from: index + 1)
        case URLByte.hash?:
            finishPath(at: index)
            return parseFragment(from: index + 1)
        case URLByte.slash?:
            return parsePath(from: index + 1)
        default:
            return parsePath(from: index)
        }
    }

    /// Path state. The output always holds an open segment, `/` followed by the percent-encoded
    /// bytes read so far; a delimiter closes it, resolving `.` and `..` in place.
    mutating func parsePath(from start: Int, firstSegment: Range<Int>? = nil) -> Bool {
        out.append(URLByte.slash)
        var segmentStart = out.count
        if let firstSegment { out.append(contentsOf: input[firstSegment]) }
        let set = PercentEncodeSet.path
        var index = start
        while true {
            index = appendPlainRun(from: index, set)
            let c = byte(at: index)
            if c == nil || isSlash(c) || c == URLByte.question || c == URLByte.hash {
                if c == URLByte.backslash { report(.invalidReverseSolidus, at: index) }
                closeSegment(at: segmentStart, continuing: isSlash(c))
                if isSlash(c) {
                    out.append(URLByte.slash)
                    segmentStart = out.count
                    index += 1
                    continue
                }
                finishPath(at: index)
                if c == URLByte.question { return parseQuery(from: index + 1) }
                if c == URLByte.hash { return parseFragment(from: index + 1) }
                return true
            }
            index = appendCodePoint(at: index, encoding: set)
        }
    }

    mutating func closeSegment(at segmentStart: Int, continuing: Bool) {
        let segment = out[segmentStart...]
        if URLPathSegment.isDoubleDot(segment) {
            out.removeSubrange((segmentStart - 1)...)
            shortenPath()
            if !continuing { out.append(URLByte.slash) }
        } else if URLPathSegment.isSingleDot(segment) {
            out.removeSubrange((segmentStart - 1)...)
            if !continuing { out.append(URLByte.slash) }
        } else if layout.schemeKind == .file, segmentStart - 1 == layout.pathStart, URLPathSegment.isWindowsDriveLetter(segment) {
            out[segmentStart + 1] = URLByte.colon
        }
    }

    /// Removes the last path segment, except a file URL's lone normalized drive letter.
    mutating func shortenPath() {
        let path = out[layout.pathStart...]
        if layout.schemeKind == .file, path.count == 3, URLPathSegment.isNormalizedWindowsDriveLetter(path.dropFirst()) {
            return
        }
        if let lastSlash = path.lastIndex(of: URLByte.slash) {
            out.removeSubrange(lastSlash...)
        }
    }

    mutating func finishPath(at index: Int) {
        if let start = ranges.path?.lowerBound { ranges.path = originalRange(start..<index) }
        // A host-less URL whose path starts with an empty segment gets "/." so that the
        // serialization does not read as an authority (web+demo:/.//not-a-host/).
        if layout.hostKind == .none, !layout.hasOpaquePath, out.count - layout.pathStart >= 2,
           out[layout.pathStart] == URLByte.slash, out[layout.pathStart + 1] == URLByte.slash {
            out.insert(contentsOf: [URLByte.slash, URLByte.dot], at: layout.pathStart)
            layout.pathStart += 2
        }
        layout.pathEnd = out.count
    }

    /// Opaque path state (`mailto:x`, `urn:isbn:...`).
    mutating func parseOpaquePath(from start: Int) -> Bool {
        layout.hasOpaquePath = true
        layout.pathStart = out.count
        ranges.path = start..<start
        let set = PercentEncodeSet.opaquePath
        var index = start
        while true {
            index = appendPlainRun(from: index, set)
            guard let c = byte(at: index), c != URLByte.question, c != URLByte.hash else { break }
            if c == URLByte.space {
                let next = byte(at: index + 1)
                if next == URLByte.question || next == URLByte.hash {
                    out.appendPercentEncoded(c)
                } else {
                    out.append(c)
                }
                index += 1
                continue
            }
            index = appendCodePoint(at: index, encoding: set)
        }
        finishPath(at: index)
        if byte(at: index) == URLByte.question { return parseQuery(from: index + 1) }
        if byte(at: index) == URLByte.hash { return parseFragment(from: index + 1) }
        return true
    }

    // MARK: - Query and fragment

    mutating func parseQuery(from start: Int) -> Bool {
        out.append(URLByte.question)
        layout.queryStart = out.count
        let set: PercentEncodeSet = isSpecial ? .specialQuery : .query
        var index = appendPlainRun(from: start, set)
        while let c = byte(at: index), c != URLByte.hash {
            index = appendCodePoint(at: index, encoding: set)
            index = appendPlainRun(from: index, set)
        }
        ranges.query = originalRange(start..<index)
        if byte(at: index) == URLByte.hash { return parseFragment(from: index + 1) }
        return true
    }

    mutating func parseFragment(from start: Int) -> Bool {
        out.append(URLByte.hash)
        layout.fragmentStart = out.count
        let set = PercentEncodeSet.fragment
        var index = appendPlainRun(from: start, set)
        while index < input.count {
            index = appendCodePoint(at: index, encoding: set)
            index = appendPlainRun(from: index, set)
        }
        ranges.fragment = originalRange(start..<index)
        return true
    }

    // MARK: - Code points

    /// Copies the run of bytes from `start` that need neither encoding nor a validation error
    /// and do not end the component; returns the index after it. This is the common case.
    @inline(__always)
    mutating func appendPlainRun(from start: Int, _ set: PercentEncodeSet) -> Int {
        var end = start
        while end < input.count, set.plain.contains(input[end]) { end += 1 }
        if end > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<end])) }
        return end
    }

    /// Validates the code point at `index` (invalid-URL-unit for a non-URL code point or a `%`
    /// without two hex digits), appends it UTF-8 percent-encoded with `set`, and returns the
    /// index after it.
    @inline(__always)
    mutating func appendCodePoint(at index: Int, encoding set: PercentEncodeSet) -> Int {
        let c = input[index]
        if c < 0x80 {
            if !URLByte.isURLCodePoint(c), c != URLByte.percent || !hasTwoHexDigits(after: index) {
                report(.invalidURLUnit, at: index)
            }
            if set.contains(c) { out.appendPercentEncoded(c) } else { out.append(c) }
            return index + 1
        }
        let (scalar, length) = UTF8Decoding.decode(input, at: index)
        if scalar.map(URLUTF8.isURLCodePoint) != true {
            report(.invalidURLUnit, at: index, length: length)
        }
        for offset in 0..<length { out.appendPercentEncoded(input[index + offset]) }
        return index + length
    }
}

/// Dot segments and drive letters, over percent-encoded path segments.
enum URLPathSegment {
    /// `.` or `%2e`, ASCII case-insensitively.
    static func isSingleDot(_ segment: ArraySlice<UInt8>) -> Bool {
        switch segment.count {
        case 1: return segment.first == URLByte.dot
        case 3: return isEncodedDot(segment, at: segment.startIndex)
        default: return false
        }
    }

    /// `..`, `.%2e`, `%2e.` or `%2e%2e`, ASCII case-insensitively.
    static func isDoubleDot(_ segment: ArraySlice<UInt8>) -> Bool {
        let s = segment.startIndex
        switch segment.count {
        case 2: return segment[s] == URLByte.dot && segment[s + 1] == URLByte.dot
        case 4:
            return (segment[s] == URLByte.dot && isEncodedDot(segment, at: s + 1))
                || (isEncodedDot(segment, at: s) && segment[s + 3] == URLByte.dot)
        case 6: return isEncodedDot(segment, at: s) && isEncodedDot(segment, at: s + 3)
        default: return false
        }
    }

    private static func isEncodedDot(_ segment: ArraySlice<UInt8>, at index: Int) -> Bool {
        segment[index] == URLByte.percent && segment[index + 1] == 0x32 && segment[index + 2] | 0x20 == 0x65
    }

    /// An ASCII letter followed by `:` or `|`.
    static func isWindowsDriveLetter(_ segment: ArraySlice<UInt8>) -> Bool {
        segment.count == 2 && URLByte.isAlpha(segment[segment.startIndex])
            && (segment[segment.startIndex + 1] == URLByte.colon || segment[segment.startIndex + 1] == URLByte.pipe)
    }

    static func isNormalizedWindowsDriveLetter(_ segment: ArraySlice<UInt8>) -> Bool {
        segment.count == 2 && URLByte.isAlpha(segment[segment.startIndex]) && segment[segment.startIndex + 1] == URLByte.colon
    }
}
