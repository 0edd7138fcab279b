/// Finds, for every rule of a list at once, the earlier rules that leave it nothing to answer (C313),
/// without comparing every origin entry with every other one.
///
/// Rule `i` is shadowed when for each of its origin entries and methods some earlier rule covers
/// both (and, on S3 and Azure, every header rule `i` allows): the first such rule is the one that
/// shadows that pair. An earlier rule covers an origin entry when it lists `"*"`, lists the same
/// entry, or (S3) lists a wildcard `A*B` whose expansions include the entry's. The entries are
/// indexed once: exact entries in a hash table, `"*"` in a list, and S3 wildcards by their prefix
/// `A` and then by their suffix `B`, so an entry is compared only with the wildcards whose prefix it
/// starts with and whose suffix it ends with. The work grows with the number of entries (times the
/// few distinct lengths of wildcard prefixes and suffixes), where comparing each entry with every
/// earlier entry grew with its square: 200 rules of 1,000 origins took 87 s.
///
/// The answer is the one `OriginMatcher.covers` and `headerCovers` give pair by pair (the tests
/// keep that pairwise evaluation as the reference and compare the two on generated rule lists).
struct CORSShadowing {
    let provider: CORSProvider
    let rules: [CORSRuleSpec]
    /// Candidate rules looked at and index probes made, for the tests' bound on the work.
    private(set) var steps = 0

    /// Rules that list `"*"`, in order.
    private var everything: [Int] = []
    /// Each literal entry (a wildcard entry too: it covers itself), with the rules that list it, in order.
    private var exact: [String: [Int]] = [:]
    /// S3 wildcards `A*B`, by the bytes of `A`, then by the bytes of `B`.
    private var wildcards: [ArraySlice<UInt8>: SuffixTable] = [:]
    /// The distinct lengths of the `A`s, so an entry is probed once per length, not once per byte.
    private var prefixLengths: [Int] = []
    private var methods: [MethodSet] = []
    private var headers: [HeaderSet] = []

    private struct SuffixTable {
        var rules: [ArraySlice<UInt8>: [Int]] = [:]
        var lengths: [Int] = []
    }

    private struct MethodSet {
        var names: Set<String>
        var any: Bool
    }

    /// A rule's allowed headers as coverage needs them: `"*"`, the lower-cased names, and the
    /// entries holding a `*` (compared one by one, as they are few).
    private struct HeaderSet {
        var any: Bool
        var lowercased: Set<String>
        var patterns: [String]
    }

    init(provider: CORSProvider, rules: [CORSRuleSpec]) {
        self.provider = provider
        self.rules = rules
        var prefixLengths = Set<Int>()
        exact.reserveCapacity(rules.reduce(0) { $0 + $1.origins.count })
        for (index, rule) in rules.enumerated() {
            for entry in rule.origins {
                if entry == "*" {
                    Self.append(index, to: &everything)
                    continue
                }
                Self.append(index, to: &exact[entry, default: []])
                guard provider == .s3 else { continue }
                let parts = entry.split(separator: "*", omittingEmptySubsequences: false)
                guard parts.count == 2 else { continue }
                let prefix = ArraySlice(parts[0].utf8)
                let suffix = ArraySlice(parts[1].utf8)
                prefixLengths.insert(prefix.count)
                var table = wildcards[prefix] ?? SuffixTable()
                if table.rules[suffix] == nil { table.lengths.append(suffix.count) }
                Self.append(index, to: &table.rules[suffix, default: []])
                wildcards[prefix] = table
            }
            methods.append(MethodSet(names: Set(rule.methods), any: provider.allowsMethodWildcard && rule.methods.contains("*")))
            headers.append(HeaderSet(
                any: rule.allowedHeaders.contains("*"),
                lowercased: Set(rule.allowedHeaders.map { $0.lowercased() }),
                patterns: rule.allowedHeaders.filter { $0.contains("*") }))
        }
        for key in wildcards.keys {
            wildcards[key]!.lengths = Array(Set(wildcards[key]!.lengths)).sorted()
        }
        self.prefixLengths = prefixLengths.sorted()
    }

    private static func append(_ index: Int, to list: inout [Int]) {
        if list.last != index { list.append(index) }
    }

    /// For each rule, the earlier rules that shadow it (sorted), or nil when some request still reaches it.
    mutating func shadowingRules() -> [[Int]?] {
        rules.indices.map { shadowingRules(of: $0) }
    }

    /// The earlier rules that together leave rule `index` nothing to answer, or nil.
    mutating func shadowingRules(of index: Int) -> [Int]? {
        let rule = rules[index]
        guard !rule.unresolved, !rule.origins.isEmpty, !rule.methods.isEmpty else { return nil }
        var distinctMethods: [String] = []
        for method in rule.methods where !distinctMethods.contains(method) { distinctMethods.append(method) }
        let requestHeaders = provider.matchesRequestHeaders ? rule.allowedHeaders : []
        var headersCovered: [Int: Bool] = [:]
        var shadowing: Set<Int> = []
        var seenEntries: Set<String> = []
        for entry in rule.origins where seenEntries.insert(entry).inserted {
            let lists = candidates(covering: entry)
            for method in distinctMethods {
                var first = Int.max
                for list in lists {
                    for earlier in list {
                        steps += 1
                        if earlier >= min(index, first) { break }
                        guard !rules[earlier].unresolved else { continue }
                        let methodSet = methods[earlier]
                        guard methodSet.any || methodSet.names.contains(method) else { continue }
                        if !requestHeaders.isEmpty {
                            let covered = headersCovered[earlier] ?? {
                                let value = covers(headers: requestHeaders, by: earlier)
                                headersCovered[earlier] = value
                                return value
                            }()
                            guard covered else { continue }
                        }
                        first = earlier
                        break
                    }
                }
                guard first != Int.max else { return nil }
                shadowing.insert(first)
            }
        }
        return shadowing.sorted()
    }

    /// The lists of rules (each in order) that hold an entry covering `entry`.
    private mutating func candidates(covering entry: String) -> [[Int]] {
        var lists: [[Int]] = []
        if !everything.isEmpty { lists.append(everything) }
        if entry == "*" { return lists }
        steps += 1
        if let listed = exact[entry] { lists.append(listed) }
        guard provider == .s3, !wildcards.isEmpty else { return lists }
        let parts = entry.split(separator: "*", omittingEmptySubsequences: false)
        let head: ArraySlice<UInt8>
        let tail: ArraySlice<UInt8>
        switch parts.count {
        case 1:
            // A*B expands to the entry when the entry starts with A, ends with B and is long enough for both.
            head = ArraySlice(entry.utf8)
            tail = head
        case 2:
            // C*D lies within A*B when C starts with A and D ends with B.
            head = ArraySlice(parts[0].utf8)
            tail = ArraySlice(parts[1].utf8)
        default:
            return lists
        }
        let whole = parts.count == 1
        for prefixLength in prefixLengths {
            guard prefixLength <= head.count else { break }
            steps += 1
            guard let table = wildcards[head.prefix(prefixLength)] else { continue }
            let room = whole ? head.count - prefixLength : tail.count
            for suffixLength in table.lengths {
                guard suffixLength <= room else { break }
                steps += 1
                if let listed = table.rules[tail.suffix(suffixLength)] { lists.append(listed) }
            }
        }
        return lists
    }

    /// Whether every header in `requested` is admitted by rule `index`'s allowed headers.
    private func covers(headers requested: [String], by index: Int) -> Bool {
        let allowed = headers[index]
        if allowed.any { return true }
        return requested.allSatisfy { header in
            allowed.lowercased.contains(header.lowercased())
                || allowed.patterns.contains { OriginMatcher.headerCovers($0, header, provider: provider) }
        }
    }
}
