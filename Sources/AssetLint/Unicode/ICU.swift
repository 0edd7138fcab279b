import CICU

/// Swift face of the `CICU` shim. Callers take the ASCII fast paths before coming here:
/// ASCII text is always NFC, has no confusable skeleton of interest and no invisible characters.
public enum ICU {
    public static var version: String { String(cString: cicu_version()) }

    /// Whether `text` is in Normalization Form C.
    public static func isNFC<S: StringProtocol>(_ text: S) -> Bool {
        var text = String(text)
        return text.withUTF8 { buffer in
            if isASCII(buffer) { return true }
            return buffer.withMemoryRebound(to: CChar.self) { cicu_is_nfc($0.baseAddress, Int32($0.count)) } != 0
        }
    }

    public static func isNFC(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if isASCII(bytes) { return true }
        return bytes.withMemoryRebound(to: CChar.self) { cicu_is_nfc($0.baseAddress, Int32($0.count)) } != 0
    }

    public static func nfc(_ text: String) -> String { normalize(text, form: 0) }
    public static func nfd(_ text: String) -> String { normalize(text, form: 1) }

    /// The UTS #39 skeleton: two strings that look alike have the same skeleton.
    public static func confusableSkeleton(_ text: String) -> String {
        callReturningUTF8(text) { source, length, dest, capacity in
            cicu_confusable_skeleton(source, length, dest, capacity)
        } ?? text
    }

    /// Result of UTS #46 ToASCII as the URL Standard uses it.
    public struct DomainResult: Sendable {
        public var ascii: String
        public var errors: UInt32
    }

    public static func domainToASCII(_ domain: String) -> DomainResult {
        var errors: UInt32 = 0
        let ascii = callReturningUTF8(domain) { source, length, dest, capacity in
            cicu_domain_to_ascii(source, length, dest, capacity, &errors)
        } ?? ""
        return DomainResult(ascii: ascii, errors: errors)
    }

    public static func domainToUnicode(_ domain: String) -> DomainResult {
        var errors: UInt32 = 0
        let text = callReturningUTF8(domain) { source, length, dest, capacity in
            cicu_domain_to_unicode(source, length, dest, capacity, &errors)
        } ?? ""
        return DomainResult(ascii: text, errors: errors)
    }

    public enum CharacterClass: Int32, Sendable {
        case ordinary = 0, control, bidiControl, zeroWidth, unassigned, privateUse, whitespace
    }

    public static func characterClass(_ scalar: Unicode.Scalar) -> CharacterClass {
        CharacterClass(rawValue: cicu_char_class(scalar.value)) ?? .ordinary
    }

    // MARK: - Plumbing

    @inline(__always)
    static func isASCII(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in buffer where byte >= 0x80 { return false }
        return true
    }

    private static func normalize(_ text: String, form: Int32) -> String {
        var copy = text
        if copy.withUTF8({ isASCII($0) }) { return text }
        return callReturningUTF8(text) { source, length, dest, capacity in
            cicu_normalize(form, source, length, dest, capacity)
        } ?? text
    }

    /// Calls a shim function that writes UTF-8 into a caller buffer, growing the buffer once if needed.
    private static func callReturningUTF8(
        _ text: String,
        _ body: (UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<CChar>?, Int32) -> Int32
    ) -> String? {
        var input = text
        return input.withUTF8 { source -> String? in
            source.withMemoryRebound(to: CChar.self) { source -> String? in
                var capacity = max(64, source.count * 3 + 16)
                for _ in 0..<2 {
                    var output = [CChar](repeating: 0, count: capacity)
                    let needed = output.withUnsafeMutableBufferPointer {
                        body(source.baseAddress, Int32(source.count), $0.baseAddress, Int32(capacity))
                    }
                    if needed < 0 { return nil }
                    if Int(needed) <= capacity {
                        return output.withUnsafeBufferPointer {
                            $0.withMemoryRebound(to: UInt8.self) {
                                String(decoding: UnsafeBufferPointer(rebasing: $0[0..<Int(needed)]), as: UTF8.self)
                            }
                        }
                    }
                    capacity = Int(needed) + 1
                }
                return nil
            }
        }
    }
}
