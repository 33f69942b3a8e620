import Crypto

/// An identifier from an export or a roster (a login, a plan id, a policy id, an event name) as
/// sopgen stores and prints it: itself, or, when the scanner finds a secret or personal data in
/// it, the identifier with each finding replaced (`[removed: OpenAI API key]`) followed by ` #`
/// and sixteen hex digits of an HMAC-SHA-256 of the whole identifier keyed with the store's salt.
/// The mark keeps two different identifiers apart (plans still chain, users still count apart, a
/// redacted login still meets its roster entry) without a way back to the value: keyed, so that a
/// report's reader cannot try every phone number or card number of a range against it; 64 bits,
/// so that two of the millions of random plan ids a store holds do not share one. One rule for
/// every identifier; prompt and note text go through the scanner whole (`EventNormaliser`).
/// Text that is only shown, never matched (a cell quoted in a diagnostic, a file's path), is
/// `shown(_:)`: the findings replaced and no mark.
struct IdentifierRedactor: Sendable {
    private static let scanner = SensitiveDataScanner()
    /// The HMAC key (kept as bytes: `SymmetricKey` is not `Sendable`).
    private let salt: [UInt8]
    private var known = ScanCache()

    /// `salt` is the review store's own (`meta.salt`): marks are the same within one store.
    init(salt: [UInt8]) {
        self.salt = salt
    }

    /// The identifier of `bytes` (UTF-8) as kept. Plain identifiers, nearly all of them, are told
    /// from their bytes; the others are scanned once per distinct value.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        if SensitiveDataScanner.cannotHoldFinding(bytes) { return text }
        // The salt alone is captured: a copy of `self` would share the cache's storage, and the
        // cache would be copied whole at every value it has not seen.
        let salt = salt
        return known.kinds(of: text) { [Self.kept($0, salt: salt)] }[0]
    }

    /// `text` as kept (no cache: for values read once, such as a roster's logins).
    func kept(_ text: String) -> String {
        Self.kept(text, salt: salt)
    }

    private static func kept(_ text: String, salt: [UInt8]) -> String {
        if SensitiveDataScanner.cannotHoldFinding(text) { return text }
        let redaction = Self.scanner.redact(text)
        guard !redaction.findings.isEmpty else { return text }
        let mark = HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: SymmetricKey(data: salt)).prefix(8)
            .map { String($0 >> 4, radix: 16) + String($0 & 0xF, radix: 16) }.joined()
        return redaction.text + " #" + mark
    }

    /// `text` as shown where nothing needs to tell it from another: each finding replaced.
    static func shown(_ text: String) -> String {
        if SensitiveDataScanner.cannotHoldFinding(text) { return text }
        return scanner.redact(text).text
    }

    static func shown(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        shown(String(decoding: bytes, as: UTF8.self))
    }

    /// A file's path as shown (`--list`, reports, the review record, diagnostics): each folder and
    /// the file name on its own, every finding with a format of its own (a key's prefix, an email
    /// address, a phone or card number, a credential) that stands apart replaced. Not the entropy
    /// net, nor a number inside a word: a temporary folder (`sopgen-test-D99A0986-7979-476B-…`,
    /// macOS's `/var/folders/…`) or a hash is routine in a path, and the path would be lost for nothing.
    static func shownPath(_ path: String) -> String {
        PathText.components(path, omittingEmpty: false).map { part in
            if SensitiveDataScanner.cannotHoldFinding(part) { return part }
            var shown = part
            for finding in scanner.scanByFormat(part).reversed() where standsApart(finding.range, in: part) {
                shown.replaceSubrange(finding.range, with: "[removed: \(finding.kind)]")
            }
            return shown
        }.joined(separator: "/")
    }

    /// Not glued to a letter or a digit on either side: `0986-7979-476` inside a UUID's
    /// `D99A0986-7979-476B` is no phone number.
    private static func standsApart(_ range: Range<String.Index>, in text: String) -> Bool {
        func isGlue(_ character: Character) -> Bool { character.isLetter || character.isNumber }
        if range.lowerBound > text.startIndex, isGlue(text[text.index(before: range.lowerBound)]) { return false }
        if range.upperBound < text.endIndex, isGlue(text[range.upperBound]) { return false }
        return true
    }
}
