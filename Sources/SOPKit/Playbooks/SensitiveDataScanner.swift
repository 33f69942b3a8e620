import Foundation

/// Finds secrets and personal data in text: provider keys and tokens in the formats people paste,
/// credentials written as `password: …` in prose, connection strings, credentials inside URLs,
/// private keys, JWTs, long high-entropy strings, email addresses, phone numbers and payment card
/// numbers (Luhn-checked). Keys and tokens are matched by their published prefixes; entropy is the
/// net for the rest. Text is scanned folded (`FoldedText`), and a finding always covers the whole
/// token it sits in, so no part of a secret is left behind.
public struct SensitiveDataScanner: Sendable {
    public struct Finding: Sendable, Hashable {
        public var kind: String
        public var range: Range<String.Index>
        public var text: String
    }

    /// One kind of secret: a pattern, the capture group that is the secret (0 for the whole match),
    /// and a test on the match's groups that rules out look-alikes.
    struct Detector: @unchecked Sendable {
        var kind: String
        var pattern: NSRegularExpression
        var group = 0
        /// Grow the finding to the whole token around it (keys, not emails or phone numbers).
        var wholeToken = false
        /// A key with a published prefix: also looked for with line breaks inside tokens joined.
        var readsAcrossLines: Bool { wholeToken && kind != "high-entropy string" }
        /// Grow the finding over every following character that is not a space or a quote: the
        /// pattern reads at most 1,024 characters of a value (ICU gives up silently on longer runs).
        var wholeValue = false
        /// Characters dropped from the end of a finding: a full stop after a password is prose.
        var trimming: Set<Character> = []
        var accept: @Sendable ([String]) -> Bool = { _ in true }
    }

    private static func detector(_ kind: String, _ pattern: String, group: Int = 0, wholeToken: Bool = false, wholeValue: Bool = false,
                                 trimming: String = "",
                                 accept: @escaping @Sendable ([String]) -> Bool = { _ in true }) -> Detector {
        // The patterns are literals checked by the tests; a typo fails every scan test at once.
        Detector(kind: kind, pattern: try! NSRegularExpression(pattern: pattern), group: group, wholeToken: wholeToken,
                 wholeValue: wholeValue, trimming: Set(trimming), accept: accept)
    }

    /// To the END line across lines of key material; without an END line, to the end of the BEGIN line.
    static let pem = #"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"#
        + #"(?:[ \t]*[A-Za-z0-9+/= \t]*?(?:\r?\n[ \t]*(?:[A-Za-z0-9+/=]*|(?:Proc-Type|DEK-Info|Version|Comment):[^\r\n]*)[ \t]*)*?"#
        + #"\r?\n?[ \t]*-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[^\r\n]*)"#
    /// `name=value;name=value;…`, two pairs or more, starting with a name connection strings use.
    /// Quantifiers are bounded or possessive throughout, so a 2 MB line of
    /// `a=a=a=…` costs linear time.
    static let connectionKeys = "DefaultEndpointsProtocol|AccountName|AccountKey|EndpointSuffix|BlobEndpoint|QueueEndpoint|TableEndpoint|"
        + "FileEndpoint|SharedAccessSignature|SharedAccessKeyName|SharedAccessKey|Endpoint|EntityPath|Server|Data Source|Host|"
        + "Database|Initial Catalog|User ID|UID|Username|User|Password|PWD|ClientId|ClientSecret|TenantId"
    static let connectionString = #"(?i)(?<![A-Za-z0-9_])(?:"# + connectionKeys + #")=[^;\s]{0,4096}+"#
        + #"(?:;[ \t]*[A-Za-z][A-Za-z0-9_ ]{0,40}+=[^;\s]{0,4096}+)++;?"#
    /// `password: …`, `client_secret=…`, `"api_key": "…"`, the value possibly on the next line.
    static let assignment = #"(?i)(?<![A-Za-z0-9])((?:[A-Za-z0-9]{1,32}+[_\-]){0,4}(?:password|passwd|passphrase|pwd|secret|token|"#
        + #"api[_\- ]?key|apikey|(?:access|secret|private|account)[_\-]?key)|(?:[A-Za-z0-9]{1,32}+_){1,4}pass)["']?"#
        + #"[ \t]*(:=|=>|[:=])[ \t]*(?:\r?\n[ \t]*)?("[^"\r\n]{0,256}"|'[^'\r\n]{0,256}'|[^\s"']{1,1024}+)(?=([^\r\n]{0,64}))"#

    static let detectors: [Detector] = [
        detector("PEM private key", pem),
        detector("connection string", connectionString, accept: { isConnectionString($0[0]) }),
        detector("credential", #"(?i)define\(\s*['"][A-Z_]*(?:PASSWORD|KEY|SALT|SECRET|TOKEN)['"]\s*,\s*('[^'\r\n]*'|"[^"\r\n]*")"#, group: 1),
        detector("Anthropic API key", #"\bsk-ant-[A-Za-z0-9]+-[A-Za-z0-9_\-]{20,}"#, wholeToken: true),
        detector("OpenAI API key", #"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}"#, wholeToken: true),
        detector("Google API key", #"\bAIza[0-9A-Za-z_\-]{35}\b"#, wholeToken: true),
        detector("Google OAuth client secret", #"\bGOCSPX-[A-Za-z0-9_\-]{20,}"#, wholeToken: true),
        detector("AWS access key", #"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b"#, wholeToken: true),
        detector("Stripe key", #"\b(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}"#, wholeToken: true),
        detector("Stripe webhook secret", #"\bwhsec_[A-Za-z0-9]{20,}"#, wholeToken: true),
        detector("GitHub token", #"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})"#, wholeToken: true),
        detector("Slack token", #"\bxox[abeoprs]-[A-Za-z0-9\-]{10,}"#, wholeToken: true),
        detector("Slack webhook", #"https://hooks\.slack\.com/services/[A-Za-z0-9/]+"#),
        detector("SendGrid key", #"\bSG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,}"#, wholeToken: true),
        detector("WooCommerce REST key", #"\b(?:ck|cs)_[0-9a-f]{40}\b"#, wholeToken: true),
        detector("JSON Web Token", #"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"#, wholeToken: true),
        detector("credentials in a URL", #"(?<![a-z0-9+.\-])[a-z][a-z0-9+.\-]{0,30}+://[^\s/:@]{1,256}+:[^\s/@]{1,256}+@[^\s/]++"#),
        detector("credential", assignment, group: 3, wholeValue: true, trimming: ".,;:)]", accept: { isCredentialValue($0[3], separator: $0[2], rest: $0[4]) }),
        detector("email address", #"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{1,64}+@[A-Za-z0-9\-]{1,63}+(?:\.[A-Za-z0-9\-]{1,63}+){0,8}\.[A-Za-z]{2,24}\b"#),
        detector("payment card number", #"\b\d(?:[ \-]?\d){12,18}\b"#, accept: { isLuhnValid($0[0]) }),
        detector("phone number", #"(?<!\d)(?:\+\d{1,3}[ .\-]?)?(?:\(\d{2,5}\)[ .\-]?)?\d{2,5}(?:[ .\-]\d{2,6}){1,4}(?!\d)"#, accept: { isPhoneNumber($0[0]) }),
        detector("high-entropy string", #"[A-Za-z0-9+/_\-]{24,}+={0,2}"#, wholeToken: true, accept: { isHighEntropySecret($0[0]) }),
    ]

    /// A UUID standing as a token of its own (8-4-4-4-12 hex digits).
    static let uuid = try! NSRegularExpression(
        pattern: #"(?<![0-9A-Za-z_])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Za-z_])"#)

    public init() {}

    /// Every secret in `text`, each once: where detectors overlap, the finding is the union of
    /// their ranges, named by the detector listed first.
    public func scan(_ text: String) -> [Finding] {
        scan(text, detectors: Array(Self.detectors.indices))
    }

    /// `scan` without the entropy net, for text where random names are routine (a file's path:
    /// temporary folders, hashes): only findings with a format of their own.
    func scanByFormat(_ text: String) -> [Finding] {
        scan(text, detectors: Self.detectors.indices.filter { Self.detectors[$0].kind != "high-entropy string" })
    }

    private func scan(_ text: String, detectors: [Int]) -> [Finding] {
        var candidates = Self.candidates(in: FoldedText(text), detectors: detectors)
        // A key wrapped onto the next line: the key detectors once more over the text with such breaks joined.
        // On scalars: CRLF is one `Character`, which `contains("\n")` missed.
        if text.unicodeScalars.contains(where: FoldedText.isLineBreak) {
            let keyDetectors = detectors.filter { Self.detectors[$0].readsAcrossLines }
            candidates += Self.candidates(in: FoldedText(text, joiningLines: true), detectors: keyDetectors)
        }
        // A UUID is an identifier, never a secret: its digit groups read as a card or phone
        // number now and then (1 in 5,000 random ones), and nothing else can stand inside one.
        if !candidates.isEmpty, text.contains("-") {
            let uuids = Self.uuid.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text) }
            candidates.removeAll { candidate in uuids.contains { $0.contains(candidate.range.lowerBound) && candidate.range.upperBound <= $0.upperBound } }
        }
        var findings: [Finding] = []
        var cluster: (priority: Int, range: Range<String.Index>)?
        for candidate in candidates.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            if let current = cluster, candidate.range.lowerBound < current.range.upperBound {
                cluster = (min(current.priority, candidate.priority),
                           current.range.lowerBound..<max(current.range.upperBound, candidate.range.upperBound))
                continue
            }
            if let current = cluster { findings.append(finding(current, in: text)) }
            cluster = candidate
        }
        if let current = cluster { findings.append(finding(current, in: text)) }
        return findings
    }

    private static func candidates(in folded: FoldedText, detectors: [Int]) -> [(priority: Int, range: Range<String.Index>)] {
        let text = folded.original, scanned = folded.folded
        let whole = NSRange(scanned.startIndex..., in: scanned)
        var candidates: [(priority: Int, range: Range<String.Index>)] = []
        for priority in detectors {
            let detector = Self.detectors[priority]
            for match in detector.pattern.matches(in: scanned, range: whole) {
                let groups = (0..<match.numberOfRanges).map { index in
                    Range(match.range(at: index), in: scanned).map { String(scanned[$0]) } ?? ""
                }
                guard detector.accept(groups), var range = folded.originalRange(match.range(at: detector.group)) else { continue }
                if detector.wholeToken { range = Self.wholeToken(around: range, in: text) }
                if detector.wholeValue, !text[range].hasPrefix("\""), !text[range].hasPrefix("'") {
                    let rest = text[range.upperBound...]
                    range = range.lowerBound..<(rest.firstIndex { $0.isWhitespace || $0 == "\"" || $0 == "'" } ?? text.endIndex)
                }
                while !range.isEmpty, detector.trimming.contains(text[text.index(before: range.upperBound)]) {
                    range = range.lowerBound..<text.index(before: range.upperBound)
                }
                guard !range.isEmpty else { continue }
                candidates.append((priority, range))
            }
        }
        return candidates
    }

    private func finding(_ cluster: (priority: Int, range: Range<String.Index>), in text: String) -> Finding {
        Finding(kind: Self.detectors[cluster.priority].kind, range: cluster.range, text: String(text[cluster.range]))
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

    /// Grows a range over the token characters around it: `SG.` before a key's body, `.more`
    /// after it. A dot joins only when token characters stand on both sides (a sentence's full
    /// stop stays).
    static func wholeToken(around range: Range<String.Index>, in text: String) -> Range<String.Index> {
        func isToken(_ character: Character) -> Bool {
            character.isASCII && (character.isLetter || character.isNumber || "_-+/".contains(character))
        }
        var lower = range.lowerBound, upper = range.upperBound
        while lower > text.startIndex {
            let previous = text.index(before: lower)
            if isToken(text[previous]) {
                lower = previous
            } else if text[previous] == ".", previous > text.startIndex, isToken(text[text.index(before: previous)]) {
                lower = previous
            } else {
                break
            }
        }
        while upper < text.endIndex {
            let next = text.index(after: upper)
            if isToken(text[upper]) || text[upper] == "=" {
                upper = next
            } else if text[upper] == ".", next < text.endIndex, isToken(text[next]) {
                upper = next
            } else {
                break
            }
        }
        return lower..<upper
    }
}
