/// Identifiers (logins, plan ids, policy ids, event names) are short and plain, and an export holds
/// millions of them: most are told clean from their bytes, and only the rest go through `scan`.
extension SensitiveDataScanner {
    /// True when `scan` cannot find anything in `bytes`, told from the bytes alone: at most 19
    /// ASCII letters, digits, `.`, `_` and `-`, fewer than ten digits, and no `xox`. Every
    /// detector needs more than that: a key with a published prefix is 20 characters or longer
    /// (Slack's `xox…` tokens, 15, are why `xox` is ruled out), a high-entropy string 24, a phone
    /// number ten digits, a card number 13, and an email address, a URL, a credential, a
    /// connection string or a PEM block a character outside the set. A new detector that needs
    /// less must change this; `SensitiveDataScannerIdentifierTests` holds the two together.
    public static func cannotHoldFinding(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= 19 else { return false }
        var digits = 0
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): break
            default: return false
            }
            if byte | 0x20 == UInt8(ascii: "x"), index + 2 < bytes.count,
               bytes[index + 1] | 0x20 == UInt8(ascii: "o"), bytes[index + 2] | 0x20 == UInt8(ascii: "x") {
                return false
            }
        }
        return digits < 10
    }

    public static func cannotHoldFinding(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { cannotHoldFinding($0) }
    }
}
