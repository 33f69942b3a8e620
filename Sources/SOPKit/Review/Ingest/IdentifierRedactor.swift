import Crypto

/// An identifier from an export or a roster (a login, a plan id, a policy id, an event name, a
/// column name) as sopgen stores and prints it: itself, or, when the scanner finds a secret or
/// personal data in it, the identifier with each finding replaced (`[removed: OpenAI API key]`)
/// followed by ` #` and eight hex digits of the SHA-256 of the whole identifier. The mark keeps two
/// different identifiers apart (plans still chain, users still count apart, a redacted login
/// still meets its roster entry) without a way back to the value. One rule for every identifier;
/// prompt and note text go through the scanner whole (`EventNormaliser`).
struct IdentifierRedactor {
    private static let scanner = SensitiveDataScanner()
    private var known = ScanCache()

    init() {}

    /// The identifier of `bytes` (UTF-8) as kept. Plain identifiers, nearly all of them, are told
    /// from their bytes; the others are scanned once per distinct value.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        if SensitiveDataScanner.cannotHoldFinding(bytes) { return text }
        return known.kinds(of: text) { [Self.redacted($0)] }[0]
    }

    /// `text` as kept (no cache: for values read once, such as a roster's logins or a diagnostic).
    static func redacted(_ text: String) -> String {
        if SensitiveDataScanner.cannotHoldFinding(text) { return text }
        let redaction = scanner.redact(text)
        guard !redaction.findings.isEmpty else { return text }
        let digest = SHA256.hash(data: Array(text.utf8)).prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let mark = String(digest, radix: 16)
        return redaction.text + " #" + String(repeating: "0", count: 8 - mark.count) + mark
    }

    static func redacted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        redacted(String(decoding: bytes, as: UTF8.self))
    }
}
