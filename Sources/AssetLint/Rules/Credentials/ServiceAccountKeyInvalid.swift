/// K402: a service-account key linted on purpose has a missing or malformed field.
public final class ServiceAccountKeyInvalid: Rule, DocumentRule {
    public static let metadata = RuleMetadata(
        id: "K402", name: "service-account-key-invalid", severity: .error, kinds: [.serviceAccount],
        summary: "A GCP service-account key (`--kind service-account`) has a missing or malformed `type`, `project_id`, `private_key_id`, `private_key` PEM, `client_email` or `token_uri`.",
        rationale: """
            Before uploading a key to the hub's integration dialog, lint it with `--kind service-account` to \
            catch the copies that fail there: a key whose `private_key` lost its line breaks or had them \
            escaped twice (`\\\\n`), a PEM cut off by a clipboard, a hand-edited `client_email`, an \
            encrypted key, a JSON file of another type (an OAuth client secret, a user credential).

            Checked: `type` is `service_account`; `project_id` is a project ID (6–30 lower-case letters, \
            digits and hyphens, optionally `domain:`-prefixed); `private_key_id` is 40 hexadecimal digits; \
            `private_key` is one unencrypted PEM `PRIVATE KEY` (or `RSA PRIVATE KEY`) block with a valid \
            base64 body whose DER length is intact; `client_email` is a service-account address \
            (`…@PROJECT.iam.gserviceaccount.com`, or the default `developer.` / `appspot.gserviceaccount.com` \
            accounts) of the same project; `token_uri` is Google's token endpoint.

            The rule runs on files of kind `service-account` (chosen with `--kind`, a configuration glob, or \
            detected from `"type": "service_account"`) and reports only what is malformed: a valid key gets \
            K401 alone. A document with `"type": "service_account"` but no `private_key` is account metadata, \
            not a key, and is left alone: it is detected as this kind as well, and advising to add a private \
            key to a file that may be committed would be wrong. Messages name the field and the problem, never its value: findings on `private_key` \
            and `private_key_id` point at the key name, not the secret. Do not repair a key by hand; create \
            a new one.
            """,
        triggering: [
            RuleExample(.serviceAccount, """
                {
                  "type": "service_account",
                  "project_id": "example-project",
                  "private_key_id": "not-hex",
                  "private_key": "-----BEGIN PRIVATE KEY-----\\nMBZGQUtFLUtFWS1GT1ItRE9DUy1PTkxZ\\n-----END PRIVATE KEY-----\\n",
                  "client_email": "importer@example-project.iam.gserviceaccount.com",
                  "token_uri": "https://oauth2.googleapis.com/token"
                }
                """),
        ],
        nonTriggering: [
            RuleExample(.serviceAccount, """
                {
                  "type": "service_account",
                  "project_id": "example-project",
                  "private_key_id": "0123456789abcdef0123456789abcdef01234567",
                  "private_key": "-----BEGIN PRIVATE KEY-----\\nMBZGQUtFLUtFWS1GT1ItRE9DUy1PTkxZ\\n-----END PRIVATE KEY-----\\n",
                  "client_email": "importer@example-project.iam.gserviceaccount.com",
                  "client_id": "100000000000000000000",
                  "token_uri": "https://oauth2.googleapis.com/token"
                }
                """, note: "a well-formed key (the key material here is a placeholder)"),
        ])

    public init() {}

    static let tokenURIs = ["https://oauth2.googleapis.com/token", "https://accounts.google.com/o/oauth2/token"]
    static let required = ["type", "project_id", "private_key_id", "private_key", "client_email", "token_uri"]

    public func check(document tree: JSONTree, context: LintContext) {
        let root = tree.root
        guard root != JSONNode.none else { return }
        guard tree[root].kind == .object else {
            context.report(
                Self.self, "a service-account key file is a JSON object, not \(CORSShape.article(tree[root].kind)); download the key again from Google Cloud",
                at: CORSShape.openingRange(root, in: tree), pointer: "")
            return
        }
        // `"type": "service_account"` without a private key is account metadata, not a key. Detection gives
        // such a file this kind too, and the rule cannot tell that from `--kind`; asking for a private key
        // in a file that may live in a repository would be the wrong advice, so it is left alone.
        let declaresServiceAccount = tree.member("type", of: root).flatMap(tree.string) == "service_account"
        if declaresServiceAccount, tree.member("private_key", of: root) == nil { return }
        var missing: [String] = []
        for field in Self.required {
            guard let node = tree.member(field, of: root) else {
                missing.append(field)
                continue
            }
            guard tree[node].kind == .string, let value = tree.string(node) else {
                report(field, "must be a string, not \(CORSShape.article(tree[node].kind))", node: node, tree: tree, context: context)
                continue
            }
            check(field, value: value, node: node, root: root, tree: tree, context: context)
        }
        if !missing.isEmpty {
            let list = missing.map { JSONText.quote($0) }.joinedAsChoice("and")
            let what = declaresServiceAccount
                ? "this service-account key has no \(list)"
                : "this is not a complete GCP service-account key: it has no \(list)"
            context.report(
                Self.self, "\(what); Google Cloud libraries and the hub's integration dialog reject it: download a new JSON key for the service account",
                at: CORSShape.openingRange(root, in: tree), pointer: "/" + missing[0])
        }
    }

    private func check(_ field: String, value: String, node: JSONTree.Index, root: JSONTree.Index, tree: JSONTree, context: LintContext) {
        switch field {
        case "type":
            if value != "service_account" {
                let kind: String
                switch value {
                case "authorized_user": kind = "a user credential (from `gcloud auth application-default login`)"
                case "external_account": kind = "a workload identity federation configuration"
                case "impersonated_service_account": kind = "an impersonation configuration"
                default: kind = "not a service-account key"
                }
                report(field, "is \(JSONText.quote(value)): this is \(kind); the hub needs a service-account key (\"type\": \"service_account\")", node: node, tree: tree, context: context)
            }
        case "project_id":
            if !Self.isProjectID(value) {
                report(field, "\(JSONText.quote(value)) is not a project ID (6 to 30 lower-case letters, digits and hyphens, starting with a letter)", node: node, tree: tree, context: context)
            }
        case "private_key_id":
            let hex = value.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
            if value.utf8.count != 40 || !hex {
                report(field, "is not 40 lower-case hexadecimal digits, so it names no key Google issued; the file was edited or damaged", node: node, tree: tree, context: context, secret: true)
            }
        case "private_key":
            let problems = PrivateKeyPEM.problems(value)
            if !problems.isEmpty {
                report(field, "is malformed: \(problems.map(\.message).joined(separator: "; and "))", node: node, tree: tree, context: context, secret: true)
            }
        case "client_email":
            checkEmail(value, node: node, root: root, tree: tree, context: context)
        case "token_uri":
            if !Self.tokenURIs.contains(value) {
                report(field, "is \(JSONText.quote(value)), not Google's token endpoint \(JSONText.quote(Self.tokenURIs[0])); libraries would send the signed assertion there", node: node, tree: tree, context: context)
            }
        default:
            break
        }
    }

    private func checkEmail(_ value: String, node: JSONTree.Index, root: JSONTree.Index, tree: JSONTree, context: LintContext) {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        let domain = parts.count == 2 ? String(parts[1]) : ""
        let valid = parts.count == 2 && !parts[0].isEmpty
            && (domain.hasSuffix(".iam.gserviceaccount.com") || domain == "developer.gserviceaccount.com" || domain == "appspot.gserviceaccount.com")
        guard valid else {
            report("client_email", "\(JSONText.quote(value)) is not a service-account address (NAME@PROJECT.iam.gserviceaccount.com)", node: node, tree: tree, context: context)
            return
        }
        guard domain.hasSuffix(".iam.gserviceaccount.com"), let projectNode = tree.member("project_id", of: root),
            let project = tree.string(projectNode), !project.contains(":")
        else { return }
        let emailProject = String(domain.dropLast(".iam.gserviceaccount.com".count))
        if Self.isProjectID(project), emailProject != project {
            report("client_email", "belongs to project \(JSONText.quote(emailProject)) but project_id is \(JSONText.quote(project)); a key file has both from the same project, so this one was edited", node: node, tree: tree, context: context)
        }
    }

    private func report(_ field: String, _ problem: String, node: JSONTree.Index, tree: JSONTree, context: LintContext, secret: Bool = false) {
        let message = "\(field) \(problem)\(secret ? "; do not repair a key by hand: create a new key for the service account" : "")"
        // Secrets: point at the member's name, never at the value's bytes.
        let range = secret ? (tree[node].keyRange ?? tree[node].range) : tree[node].range
        context.report(Self.self, message, at: range, pointer: tree.pointer(node))
    }

    static func isProjectID(_ text: String) -> Bool {
        var id = Substring(text)
        if let colon = text.lastIndex(of: ":") {
            let domain = text[..<colon]
            guard !domain.isEmpty, domain.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "." || $0 == "-") }) else { return false }
            id = text[text.index(after: colon)...]
        }
        guard (6...30).contains(id.count), let first = id.first, first.isASCII, first.isLowercase, id.last != "-" else { return false }
        return id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }
}
