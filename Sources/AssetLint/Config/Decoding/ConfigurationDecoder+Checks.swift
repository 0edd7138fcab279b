import Foundation

/// Checks on values whose type is right: ids, names, pointers, patterns, buckets, hosts, origins.
extension ConfigurationDecoder {
    func isCustomID(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        return scalars.count == 4 && scalars[0] == "X" && scalars[1...].allSatisfy { ("0"..."9").contains($0) }
    }

    func isKebabCase(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        guard let first = scalars.first, ("a"..."z").contains(first), scalars.last != "-" else { return false }
        var previousDash = false
        for scalar in scalars {
            if scalar == "-" {
                if previousDash { return false }
                previousDash = true
            } else if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                previousDash = false
            } else {
                return false
            }
        }
        return true
    }

    func isIdentifier(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        guard let first = scalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        return scalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }

    /// RFC 6901, plus `*` as a whole reference token for any array index or key.
    func pointerProblem(_ pointer: String) -> String? {
        if pointer.isEmpty { return nil }
        guard pointer.hasPrefix("/") else {
            return "invalid JSON Pointer '\(pointer)': it must start with '/' (like '/*/externalId'), or be empty for the whole document"
        }
        let scalars = Array(pointer.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar == "~" {
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if next != "0" && next != "1" {
                return "invalid JSON Pointer '\(pointer)': '~' must be followed by 0 ('~' itself) or 1 ('/')"
            }
        }
        return nil
    }

    /// Why the pattern would not compile, for both NSRegularExpression (ICU) and Swift `Regex`, so
    /// rules may use either.
    func regexProblem(_ pattern: String) -> String? {
        var swiftProblem: String?
        do {
            _ = try Regex(pattern)
        } catch {
            swiftProblem = "\(error)"
        }
        do {
            _ = try NSRegularExpression(pattern: pattern)
        } catch {
            return swiftProblem ?? "the pattern is not valid ICU regular expression syntax"
        }
        return swiftProblem
    }

    func bucketProblem(_ bucket: String) -> String? {
        if bucket.trimmingCharacters(in: .whitespaces).isEmpty { return "empty bucket name in 'storage.buckets'" }
        if let range = bucket.range(of: "://") {
            let rest = bucket[range.upperBound...]
            let name = rest.split(separator: "/").first.map(String.init) ?? String(rest)
            return "'\(bucket)' is a URL; 'storage.buckets' lists bucket names, like '\(name)'"
        }
        if bucket.contains(where: { $0.isWhitespace }) { return "bucket name '\(bucket)' contains whitespace" }
        return nil
    }

    func hostProblem(_ host: String) -> String? {
        if host.isEmpty { return "empty host name" }
        if host.contains("://") || host.contains("/") {
            return "'\(host)' is not a host name: write only the host, like 'storage.googleapis.com'"
        }
        if host.contains(where: { $0.isWhitespace }) { return "host name '\(host)' contains whitespace" }
        return nil
    }

    /// Why `origin` is not `scheme://host[:port]` as a browser sends it, or nil: the same analysis as
    /// C305's, and no wildcard (the hub's pages send one origin each).
    func originProblem(_ origin: String) -> String? {
        let shown = "origin '\(origin)'"
        if origin.contains("*") || origin == "null" {
            return "\(shown) is not an origin a page sends: list the hub's origins themselves, like 'https://hub.ango.ai'"
        }
        let analysis = OriginAnalysis.analyze(origin, provider: .gcs)
        guard !analysis.isValid else { return nil }
        return "\(shown) \(analysis.explanation)" + (analysis.corrected.map { "; write '\($0)'" } ?? "")
    }
}
