import Foundation

/// The tests that tell a secret from something that only looks like one.
extension SensitiveDataScanner {
    static func isLuhnValid(_ text: String) -> Bool {
        let digits = text.compactMap(\.wholeNumberValue)
        guard (13...19).contains(digits.count), Set(digits).count > 1 else { return false }
        var sum = 0
        for (index, digit) in digits.reversed().enumerated() {
            if index % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    /// Ten to fifteen digits in phone-like groups: not a date, a version, an ISO timestamp or a SKU.
    static func isPhoneNumber(_ text: String) -> Bool {
        let digits = text.filter(\.isNumber)
        guard (10...15).contains(digits.count) else { return false }
        if text.contains(".") && !text.contains(" ") && !text.hasPrefix("+") { return false }   // 10.2.3.4567 versions
        let groups = text.split(whereSeparator: { " .-()".contains($0) }).filter { !$0.isEmpty }
        if groups.first?.count == 4, groups.count >= 3, groups[1].count == 2, groups[2].count == 2 { return false } // 2026-11-21
        return text.hasPrefix("+") || text.hasPrefix("0") || text.hasPrefix("(") || groups.count >= 3
    }

    /// Long strings with a random-looking mix of characters; identifiers people write (UUIDs,
    /// hex colours, slugs, SKUs, paths, words joined by dashes) are not secrets.
    static func isHighEntropySecret(_ text: String) -> Bool {
        let core = text.trimmingCharacters(in: CharacterSet(charactersIn: "="))
        guard core.count >= 24 else { return false }
        let uuid = #"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"#
        if core.range(of: uuid, options: .regularExpression) != nil { return false }
        let segments = core.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "/" })
        // Slugs and compound words: every segment is a short lower-case word or a number.
        if segments.count >= 3,
           segments.allSatisfy({ $0.count <= 12 && ($0.allSatisfy(\.isLowercase) || $0.allSatisfy(\.isNumber)) }) {
            return false
        }
        let hasUpper = core.contains(where: \.isUppercase), hasLower = core.contains(where: \.isLowercase)
        let hasDigit = core.contains(where: \.isNumber)
        let isHex = core.allSatisfy(\.isHexDigit)
        if isHex { return core.count >= 32 && hasDigit && entropy(core) >= 3.0 }
        guard hasDigit, (hasUpper && hasLower) || core.count >= 32 else { return false }
        return entropy(core) >= 3.7
    }

    static func entropy(_ text: String) -> Double {
        var counts: [Character: Int] = [:]
        for character in text { counts[character, default: 0] += 1 }
        let length = Double(text.count)
        return counts.values.reduce(0) { total, count in
            let p = Double(count) / length
            return total - p * log2(p)
        }
    }

    /// Values that say where a credential is, or that there is none, rather than being one.
    static let referenceWords: Set<String> = [
        "none", "n/a", "na", "null", "nil", "empty", "unset", "blank", "required", "optional", "hidden", "redacted",
        "removed", "masked", "changed", "reset", "rotated", "see", "ask", "stored", "vault", "yes", "no", "true",
        "false", "on", "off", "enabled", "disabled", "provided", "set", "same", "unknown", "tbd", "todo",
    ]

    /// The value of `password: …`, `token=…`: a credential unless it is a reference (`$DB_PASSWORD`,
    /// `{{…}}`, `<<local: …>>`, `[removed: …]`), a mask (`******`), a reference word (`none`,
    /// `see vault`), or a word or number that carries on as prose (`Password: use the reset link`,
    /// `Token: 30 minutes`).
    static func isCredentialValue(_ raw: String, separator: String, rest: String) -> Bool {
        var value = raw
        let quoted = value.count >= 2 && (value.first == "\"" || value.first == "'") && value.last == value.first
        if quoted {
            value = String(value.dropFirst().dropLast())
        } else {
            while let last = value.last, ".,;:)]".contains(last) { value.removeLast() }
        }
        guard value.contains(where: { $0.isLetter || $0.isNumber }) else { return false }
        let lowered = value.lowercased()
        if ["[removed", "<<local", "{{", "<", "$", "%", "…", "..."].contains(where: lowered.hasPrefix) { return false }
        if Set(lowered).count == 1 { return false }
        if referenceWords.contains(lowered) { return false }
        if !quoted, separator == ":" {
            // What follows the value on its line, after any punctuation the value ended with.
            let after = raw.reversed().prefix { ".,;:)]".contains($0) }.count
            let tail = String(repeating: ".", count: after) + rest
            let next = tail.drop { $0 == " " || $0 == "\t" || ".,;:!?)".contains($0) }
            let carriesOn = tail.first.map { $0 == " " || $0 == "\t" || ",;".contains($0) } == true && next.first?.isLetter == true
            if carriesOn, value.allSatisfy(\.isLetter) || value.allSatisfy(\.isNumber) { return false }
        }
        return true
    }

    /// `name=value;…` pairs with a credential among them: a storage account key, a shared access
    /// key or signature, a password.
    static func isConnectionString(_ text: String) -> Bool {
        let credentials: Set<String> = ["accountkey", "sharedaccesskey", "sharedaccesssignature", "password", "pwd",
                                        "clientsecret", "secret", "token", "sig"]
        let names = text.split(separator: ";").compactMap { $0.split(separator: "=", maxSplits: 1).first }
        return names.contains { credentials.contains($0.lowercased().filter { $0.isLetter }) }
    }
}
