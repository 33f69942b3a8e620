/// Identifiers (logins, plan ids, policy ids, event names) are short and plain, and an export holds
/// millions of them: most are told clean from their bytes, and only the rest go through `scan`.
extension SensitiveDataScanner {
    /// What a key detector's match starts with (`detectors`, case aside): an identifier holding
    /// none of them cannot hold a key, a token or a JSON Web Token.
    static let keyPrefixes: [[UInt8]] = ["sk-", "sk_", "rk_", "pk_", "aiza", "gocspx-", "akia", "asia", "agpa", "aida", "aroa",
                                         "whsec_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "sg.", "ck_", "cs_",
                                         "eyj"].map { Array($0.utf8) }

    /// True when `scan` cannot find anything in `bytes`, told from the bytes alone. Either a UUID
    /// (which `scan` never reports), or ASCII letters, digits, `.`, `_` and `-` with
    /// - no run of 24 letters, digits, `_` and `-` (the entropy net's shortest token),
    /// - fewer than ten digits (a phone number has ten or more, a card number 13),
    /// - none of `keyPrefixes` in any case (every key detector starts with one);
    /// an email address, a URL, a credential, a connection string or a PEM block needs a
    /// character outside that set. A new detector must keep this true;
    /// `SensitiveDataScannerIdentifierTests` holds the two together.
    public static func cannotHoldFinding(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if isUUID(bytes) { return true }
        var digits = 0, run = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                run += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                run += 1
            case UInt8(ascii: "."):
                run = 0
            default:
                return false
            }
            if run >= 24 { return false }
        }
        guard digits < 10 else { return false }
        return !containsKeyPrefix(bytes)
    }

    public static func cannotHoldFinding(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { cannotHoldFinding($0) }
    }

    /// 8-4-4-4-12 hex digits, nothing around them.
    static func isUUID(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                let lower = byte | 0x20
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(lower) else {
                    return false
                }
            }
        }
        return true
    }

    /// `keyPrefixes` by their first byte, so a position whose byte starts none costs one look.
    private static let keyPrefixesByFirstByte: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for prefix in keyPrefixes { table[Int(prefix[0])].append(prefix) }
        return table
    }()

    private static func folded(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    /// Whether any of `keyPrefixes` stands anywhere in `bytes`, ASCII letters compared without case.
    private static func containsKeyPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for start in bytes.indices {
            for prefix in keyPrefixesByFirstByte[Int(folded(bytes[start]))] where start + prefix.count <= bytes.count {
                var index = 1
                while index < prefix.count, folded(bytes[start + index]) == prefix[index] { index += 1 }
                if index == prefix.count { return true }
            }
        }
        return false
    }
}
