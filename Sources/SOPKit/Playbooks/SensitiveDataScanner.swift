import Foundation

/// Finds secrets and personal data in text: provider keys and tokens in the formats people paste,
/// credentials inside URLs, private keys, JWTs, long high-entropy strings, email addresses, phone
/// numbers and payment card numbers (Luhn-checked). Keys and tokens are matched by their
/// published prefixes; entropy is the net for the rest.
public struct SensitiveDataScanner: Sendable {
    public struct Finding: Sendable, Hashable {
        public var kind: String
        public var range: Range<String.Index>
        public var text: String
    }

    struct Detector: @unchecked Sendable {
        var kind: String
        var pattern: NSRegularExpression
        var accept: @Sendable (String) -> Bool = { _ in true }
    }

    private static func detector(_ kind: String, _ pattern: String, accept: @escaping @Sendable (String) -> Bool = { _ in true }) -> Detector {
        // The patterns are literals checked by the tests; a typo fails every scan test at once.
        Detector(kind: kind, pattern: try! NSRegularExpression(pattern: pattern), accept: accept)
    }

    static let detectors: [Detector] = [
        detector("PEM private key", #"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z]+ )*PRIVATE KEY-----|$)"#),
        detector("Anthropic API key", #"\bsk-ant-[A-Za-z0-9]+-[A-Za-z0-9_\-]{20,}"#),
        detector("OpenAI API key", #"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}"#),
        detector("Google API key", #"\bAIza[0-9A-Za-z_\-]{35}\b"#),
        detector("Google OAuth client secret", #"\bGOCSPX-[A-Za-z0-9_\-]{20,}"#),
        detector("AWS access key", #"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b"#),
        detector("Stripe key", #"\b(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}"#),
        detector("Stripe webhook secret", #"\bwhsec_[A-Za-z0-9]{20,}"#),
        detector("GitHub token", #"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})"#),
        detector("Slack token", #"\bxox[abeoprs]-[A-Za-z0-9\-]{10,}"#),
        detector("Slack webhook", #"https://hooks\.slack\.com/services/[A-Za-z0-9/]+"#),
        detector("WooCommerce REST key", #"\b(?:ck|cs)_[0-9a-f]{40}\b"#),
        detector("JSON Web Token", #"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"#),
        detector("credentials in a URL", #"\b[a-z][a-z0-9+.\-]*://[^\s/:@]+:[^\s/@]+@[^\s/]+"#),
        detector("email address", #"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b"#),
        detector("payment card number", #"\b\d(?:[ \-]?\d){12,18}\b"#, accept: isLuhnValid),
        detector("phone number", #"(?:\+\d{1,3}[ .\-]?)?(?:\(\d{2,5}\)[ .\-]?)?\d{2,5}(?:[ .\-]\d{2,5}){1,4}"#, accept: isPhoneNumber),
        detector("high-entropy string", #"[A-Za-z0-9+/_\-]{24,}={0,2}"#, accept: isHighEntropySecret),
    ]

    public init() {}

    public func scan(_ text: String) -> [Finding] {
        var findings: [Finding] = []
        let whole = NSRange(text.startIndex..., in: text)
        for detector in Self.detectors {
            for match in detector.pattern.matches(in: text, range: whole) {
                guard let range = Range(match.range, in: text) else { continue }
                let found = String(text[range])
                guard detector.accept(found), !findings.contains(where: { $0.range.overlaps(range) }) else { continue }
                findings.append(Finding(kind: detector.kind, range: range, text: found))
            }
        }
        return findings.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Replaces every finding with `[removed: kind]`.
    public func redact(_ text: String) -> (text: String, findings: [Finding]) {
        let findings = scan(text)
        var output = text
        for finding in findings.reversed() {
            output.replaceSubrange(finding.range, with: "[removed: \(finding.kind)]")
        }
        return (output, findings)
    }

    // MARK: - Acceptance rules

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
        if core.range(of: #"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"#, options: .regularExpression) != nil { return false }
        let segments = core.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "/" })
        // Slugs and compound words: every segment is a short lower-case word or a number.
        if segments.count >= 3, segments.allSatisfy({ $0.count <= 12 && ($0.allSatisfy(\.isLowercase) || $0.allSatisfy(\.isNumber)) }) { return false }
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
}
