import AssetLint

/// The server's settings, from `initializationOptions` or `workspace/didChangeConfiguration`
/// (either the object itself or its `assetlint` member):
///
/// ```json
/// {"configuration": "ci/.assetlint.yml", "select": ["U", "M"], "ignore": ["M130"],
///  "maxDiagnostics": 1000, "debounceMilliseconds": 200}
/// ```
///
/// `configuration`, `select` and `ignore` are the command line's `--config`, `--select` and
/// `--ignore`; a relative configuration path is taken from the workspace's root folder.
struct ServerSettings: Equatable {
    var configuration: String?
    var select: [String]?
    var ignore: [String] = []
    /// At most this many diagnostics are published for a document; one more says how many there are.
    var maxDiagnostics = 1000
    /// How long typing must pause before a document is linted again (push diagnostics).
    var debounceMilliseconds = 200

    static let maxDiagnosticsRange = 1...100_000
    static let debounceRange = 0...10_000

    /// The settings in `value` over `base`, and a sentence for each setting that was not understood.
    static func read(_ value: JSONValue?, over base: ServerSettings = ServerSettings()) -> (settings: ServerSettings, problems: [String]) {
        guard var value else { return (base, []) }
        if let nested = value["assetlint"] { value = nested }
        guard case .object(let members) = value else {
            return value.isNull ? (base, []) : (base, ["the settings are not an object; they are ignored"])
        }
        var settings = base
        var problems: [String] = []
        for member in members {
            switch member.key {
            case "configuration":
                if member.value.isNull {
                    settings.configuration = nil
                } else if let path = member.value.string, !path.isEmpty {
                    settings.configuration = path
                } else {
                    problems.append("'configuration' must be the path of an .assetlint.yml")
                }
            case "select", "ignore":
                guard let list = selectorList(member.value) else {
                    problems.append("'\(member.key)' must be a list of rule ids, names or prefixes")
                    continue
                }
                if member.key == "select" { settings.select = list.isEmpty ? nil : list } else { settings.ignore = list }
            case "maxDiagnostics":
                guard let count = member.value.int, maxDiagnosticsRange.contains(count) else {
                    problems.append("'maxDiagnostics' must be a whole number from 1 to \(maxDiagnosticsRange.upperBound)")
                    continue
                }
                settings.maxDiagnostics = count
            case "debounceMilliseconds":
                guard let milliseconds = member.value.int, debounceRange.contains(milliseconds) else {
                    problems.append("'debounceMilliseconds' must be a whole number from 0 to \(debounceRange.upperBound)")
                    continue
                }
                settings.debounceMilliseconds = milliseconds
            default:
                problems.append("unknown setting '\(member.key)' (known: configuration, select, ignore, maxDiagnostics, debounceMilliseconds)")
            }
        }
        return (settings, problems)
    }

    /// `["U", "M130"]` or `"U,M130"`.
    private static func selectorList(_ value: JSONValue) -> [String]? {
        let items: [String]
        if let text = value.string {
            items = [text]
        } else if let array = value.array, array.allSatisfy({ $0.string != nil }) {
            items = array.compactMap(\.string)
        } else {
            return nil
        }
        return items.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
