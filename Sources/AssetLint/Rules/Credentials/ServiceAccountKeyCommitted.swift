/// K401: a GCP service-account key with its private key, in any linted file.
public final class ServiceAccountKeyCommitted: Rule, DocumentRule, ItemRule {
    public static let metadata = RuleMetadata(
        id: "K401", name: "service-account-key", severity: .error, kinds: Set(DocumentKind.allCases),
        summary: "A file holds a GCP service-account key with its private key (`\"type\": \"service_account\"` and `private_key`).",
        rationale: """
            A service-account key file is a password that never expires: whoever reads it can act as the \
            service account, with every bucket permission it holds, from anywhere, until the key is deleted. \
            In a repository it is copied to every clone, fork, CI cache and backup, and it stays in the history \
            after the file is removed.

            The hub does not need the file in your repository: upload it once in the hub's storage integration \
            dialog, which stores it encrypted and signs asset URLs with it. Then delete the local copy. If the \
            key was ever committed or pushed, delete it in Google Cloud (*IAM & Admin › Service accounts › Keys*) \
            and create a new one; rewriting history does not un-leak it.

            The rule runs on every file, whatever its kind, including keys nested inside other JSON. The \
            diagnostic points at the key's `"type"` member and never contains key material: no output format \
            prints `private_key` or `private_key_id`. K402 checks the key's fields when you lint it on purpose.
            """,
        triggering: [
            RuleExample(.serviceAccount, """
                {
                  "type": "service_account",
                  "project_id": "example-project",
                  "private_key_id": "0000000000000000000000000000000000000000",
                  "private_key": "-----BEGIN PRIVATE KEY-----\\nMBZGQUtFLUtFWS1GT1ItRE9DUy1PTkxZ\\n-----END PRIVATE KEY-----\\n",
                  "client_email": "importer@example-project.iam.gserviceaccount.com"
                }
                """, note: "a key file (the key material here is a placeholder)"),
        ],
        nonTriggering: [
            RuleExample(.json, #"{"type": "service_account", "project_id": "example-project", "client_email": "importer@example-project.iam.gserviceaccount.com"}"#,
                        note: "account metadata without a private key"),
        ])

    /// In a manifest, a key is an item of its own (members that are no manifest fields) or an
    /// object nested in one.
    static let reportsOn: ItemSignals = [.notObject, .unknownMember, .nestedValue]

    public init() {}

    public func check(document tree: JSONTree, context: LintContext) {
        report(in: tree, context: context)
    }

    public func check(item: JSONTree.Index, at index: Int, in tree: JSONTree, context: LintContext) {
        report(in: tree, context: context)
    }

    private func report(in tree: JSONTree, context: LintContext) {
        for object in ServiceAccountKeys.keyObjects(in: tree) {
            guard let type = tree.member("type", of: object) else { continue }
            let nested = tree[object].parent != JSONNode.none
            let subject = nested ? "this object is a GCP service-account key with its private key" : "this file is a GCP service-account key with its private key"
            context.report(
                Self.self,
                "\(subject): anyone who can read it, or the repository history once it is committed, can act as the service account; do not commit it: upload the key in the hub's storage integration dialog instead and delete this copy, and if it was ever pushed, delete the key in Google Cloud (IAM & Admin > Service accounts > Keys) and create a new one",
                at: tree[type].keyRange ?? tree[type].range, pointer: tree.pointer(object))
        }
    }
}
