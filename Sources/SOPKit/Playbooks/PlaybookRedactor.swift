/// The one rule for what may leave a site in a bundle. Export runs it on the playbook and writes
/// what comes out; import runs the very same rule on the decoded bundle and refuses it if the rule
/// would change anything, so a bundle export would not have written never gets in.
///
/// Removed: the `provenance` and `private` blocks, every `*_private` field, values under secret
/// keys (`password`, `api_key`, `*_token`…) and customer keys (`customer_name`…), secrets and
/// personal data inside any text (`SensitiveDataScanner`), invisible and control characters, and
/// the source site's URLs, names and people. Coupon rules, order statuses and the provider choice
/// become `<<local: …>>` placeholders and required local changes.
struct PlaybookRedactor {
    typealias Redaction = PlaybookExport.Redaction

    /// Where a value sits in its source file: its first line, and whether the text's own line
    /// breaks are lines of the file (a YAML block scalar) or not (a JSON string).
    struct Origin: Sendable, Hashable {
        var line: Int
        var linesFollowText: Bool
    }

    struct Result {
        var playbook: JSONValue
        var redactions: [Redaction] = []
        var changes: [PlaybookBundle.Manifest.Change] = []
        var replacedSiteStrings = false
        /// Every amount, limit and discount rule found in prose, with what was decided.
        var decisions: [PlaybookExport.PolicyDecision] = []
    }

    static let customerKeys: Set<String> = ["customer", "customer_name", "customer_email", "customer_phone", "order_number", "order_id",
                                            "customer_address"]
    static let placeholderPaths: [String: (id: String, what: String, change: String, why: String)] = [
        "assumptions.coupon_rules": ("coupon-rules", "coupon rules", "Set this site's coupon rules",
                                     "site-specific WooCommerce value (coupon rules and codes)"),
        "assumptions.order_status_conventions": ("order-statuses", "order status slugs", "Set this site's order status slugs",
                                                 "site-specific WooCommerce value (order status slugs)"),
        "assumptions.provider_setup": ("provider-setup", "provider setup", "Choose this site's AI provider and model", "provider choice"),
    ]

    let scanner = SensitiveDataScanner()
    /// The source site's strings (export); empty on import, where the source is unknown.
    let references: [PlaybookExport.SourceReference]
    /// Export's rule for amounts, limits and discount rules in prose; nil on import, where the
    /// exporting agency's decisions (`--keep`) are not known.
    var prose: PrivatePolicyProse? = nil

    func redact(_ playbook: JSONValue, origins: [String: Origin]) -> Result {
        var result = Result(playbook: playbook)
        result.playbook = value(playbook, path: "", origins: origins, into: &result)
        return result
    }

    private func value(_ value: JSONValue, path: String, origins: [String: Origin], into result: inout Result) -> JSONValue {
        switch value {
        case .string(let original):
            return .string(text(original, path: path, origin: origins[path], into: &result))
        case .array(let items):
            return .array(items.enumerated().map { self.value($1, path: "\(path)[\($0)]", origins: origins, into: &result) })
        case .object(let members):
            var kept: [JSONValue.Member] = []
            for member in members {
                let (key, child) = (member.key, member.value)
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                let line = origins[childPath]?.line ?? 0
                func replace(with replacement: JSONValue, why: String) {
                    if child != replacement { result.redactions.append(Redaction(path: childPath, line: line, what: "the value", why: why)) }
                    kept.append(.init(key: key, value: replacement))
                }
                if path.isEmpty, key == "provenance" || key == "private" {
                    result.redactions.append(Redaction(path: childPath, line: line, what: "the whole \(key) block",
                        why: key == "private" ? "marked private" : "the source copy's own history; the manifest replaces it"))
                } else if key.hasSuffix("_private") {
                    result.redactions.append(Redaction(path: childPath, line: line, what: "the value", why: "marked private"))
                } else if SecretKeys.looksSecret(key) {
                    replace(with: .string("[removed: secret]"), why: "a secret under '\(key)'")
                } else if Self.customerKeys.contains(key.lowercased()) {
                    replace(with: .string("[removed: customer data]"), why: "customer data")
                } else if let placeholder = Self.placeholderPaths[childPath] {
                    let mark = LocalPlaceholder.make(placeholder.what)
                    result.changes.append(.init(id: placeholder.id, change: placeholder.change))
                    replace(with: child.string != nil ? .string(mark) : .array([.string(mark)]), why: "\(placeholder.why); becomes a required local change")
                } else {
                    kept.append(.init(key: key, value: self.value(child, path: childPath, origins: origins, into: &result)))
                }
            }
            return .object(kept)
        case .number, .bool, .null:
            return .string("")
        }
    }

    private func text(_ original: String, path: String, origin: Origin?, into result: inout Result) -> String {
        let baseLine = origin?.line ?? 0
        var text = UnsafeCharacters.removing(from: original)
        if text != original {
            let found = UnsafeCharacters.found(in: original).map(UnsafeCharacters.name).joined(separator: ", ")
            result.redactions.append(Redaction(path: path, line: baseLine, what: found, why: "invisible or control characters"))
        }
        for reference in references where !reference.failsClosed && text.localizedCaseInsensitiveContains(reference.text) {
            text = text.replacingOccurrences(of: reference.text, with: reference.placeholder, options: .caseInsensitive)
            result.redactions.append(Redaction(path: path, line: baseLine, what: "'\(reference.text)'", why: reference.reason))
            result.replacedSiteStrings = true
        }
        let (redacted, findings) = scanner.redact(text)
        for finding in findings {
            let offset = origin?.linesFollowText == true ? text[..<finding.range.lowerBound].filter { $0 == "\n" }.count : 0
            result.redactions.append(Redaction(path: path, line: baseLine + offset, what: "\(finding.text.prefix(8))…", why: finding.kind))
        }
        guard let prose else { return redacted }
        var decided = redacted
        // From the end, so earlier ranges stay valid.
        for finding in prose.findings(in: redacted).reversed() {
            let offset = origin?.linesFollowText == true ? redacted[..<finding.range.lowerBound].filter { $0 == "\n" }.count : 0
            let kept = prose.isKept(finding)
            result.decisions.insert(.init(path: path, line: baseLine + offset, text: finding.text, kind: finding.kind, kept: kept), at: 0)
            if !kept { decided.replaceSubrange(finding.range, with: PrivatePolicyProse.placeholder(finding.kind)) }
        }
        return decided
    }

    /// What must not be in a finished bundle, searched in every key and text (decoded, never as
    /// escaped JSON): a finding of the scanner, an invisible or control character, a string of
    /// the source site.
    func leftovers(in value: JSONValue, under root: String) -> [String] {
        var found: [String] = []
        for (path, text, isKey) in value.strings(at: root) {
            let place = isKey ? "a key of \(path)" : path
            found += scanner.scan(text).map { "\($0.kind) in \(place): \($0.text.prefix(12))…" }
            let unsafe = isKey ? UnsafeCharacters.found(in: text, allowingLineBreaks: false) : UnsafeCharacters.found(in: text)
            if !unsafe.isEmpty { found.append("\(unsafe.map(UnsafeCharacters.name).joined(separator: ", ")) in \(place)") }
            for reference in references where reference.occurs(in: text) {
                found.append("\(reference.reason) '\(reference.text)' in \(place)")
            }
            if let prose, !isKey {
                for finding in prose.findings(in: text) where !prose.isKept(finding) {
                    found.append("\(finding.kind.rawValue) in prose in \(place): '\(finding.text)'")
                }
            }
        }
        return found
    }
}
