/// The reports' JSON string escaping, for other writers of JSON (the language server's messages).
public enum JSONQuoting {
    /// Appends `value` as a JSON string literal, quotes included (see `ReportJSONWriter`).
    public static func append(_ value: String, to output: inout [UInt8]) {
        ReportJSONWriter.appendQuoted(value, to: &output)
    }
}
