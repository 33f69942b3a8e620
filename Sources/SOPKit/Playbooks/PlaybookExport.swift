import Foundation
import Yams

/// `sopgen playbook export`: a playbook as a bundle another site can import, with the repeatable
/// structure only. Secrets, customer data, private fields and the source site's URLs and names are
/// removed; site-specific WooCommerce values and provider choices become `<<local: …>>`
/// placeholders listed as required local changes. The finished bundle is scanned again and the
/// export fails closed if anything still fires.
public struct PlaybookExport: Sendable {
    public struct Redaction: Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var what: String
        public var why: String
        public var description: String { "  \(path) (line \(line)): \(what) — \(why)" }
    }

    public struct Outcome: Sendable {
        /// Nil when the export failed closed.
        public var bundle: String?
        public var redactions: [Redaction]
        public var requiredChanges: [(id: String, change: String)]
        /// What the final scan still found; non-empty means nothing was written.
        public var leftovers: [String]
    }

    static let customerKeys: Set<String> = ["customer", "customer_name", "customer_email", "customer_phone", "order_number", "order_id", "customer_address"]
    static let placeholderPaths: [String: (id: String, what: String, change: String, why: String)] = [
        "assumptions.coupon_rules": ("coupon-rules", "coupon rules", "Set this site's coupon rules", "site-specific WooCommerce value (coupon rules and codes)"),
        "assumptions.order_status_conventions": ("order-statuses", "order status slugs", "Set this site's order status slugs", "site-specific WooCommerce value (order status slugs)"),
        "assumptions.provider_setup": ("provider-setup", "provider setup", "Choose this site's AI provider and model", "provider choice"),
    ]

    let pack: Pack
    let scanner = SensitiveDataScanner()

    public init(pack: Pack) {
        self.pack = pack
    }

    public func export(_ id: String, date: String, sourceLabel: String?) throws -> Outcome {
        let path = "playbooks/\(id).yml"
        guard let file = pack.sources[path], let root = try Yams.compose(yaml: file.text) else {
            throw PlaybookError.unknownPlaybook(id, pack.playbooks.map(\.id))
        }
        guard let playbook = pack.playbooks.first(where: { $0.id == id }) else { throw PlaybookError.unknownPlaybook(id, pack.playbooks.map(\.id)) }
        let references = sourceReferences()
        var walker = Walker(scanner: scanner, references: references)
        let content = walker.value(root, path: "")
        var changes = walker.changes
        if walker.replacedSiteStrings { changes.append(("site-references", "Point the playbook at this site's URLs and name")) }
        let site = pack.defaultSite?.id ?? pack.sites.first?.id ?? "pack"
        var manifest: [String: Any] = [
            "source_site": sourceLabel ?? PlaybookBundle.pseudonym(for: site, in: pack.settings.title),
            "export_date": date,
            "version": playbook.version ?? "unversioned",
            "owner": playbook.owner?.value ?? "unassigned",
            "required_local_changes": changes.map { ["id": $0.id, "change": $0.change] },
        ]
        // Fail closed: the whole bundle but its checksum, scanned again, and the site's strings searched.
        let scanned = try PlaybookBundle.prettyJSON(["manifest": manifest, "playbook": content])
        var leftovers = scanner.scan(scanned).map { "\($0.kind): \($0.text.prefix(12))…" }
        for reference in references where scanned.localizedCaseInsensitiveContains(reference.text) {
            leftovers.append("\(reference.reason) '\(reference.text)'")
        }
        guard leftovers.isEmpty else {
            return Outcome(bundle: nil, redactions: walker.redactions, requiredChanges: changes, leftovers: leftovers)
        }
        manifest["checksum"] = try PlaybookBundle.checksum(of: content)
        let bundle: [String: Any] = ["format": PlaybookBundle.format, "format_version": PlaybookBundle.formatVersion,
                                     "manifest": manifest, "playbook": content]
        return Outcome(bundle: try PlaybookBundle.prettyJSON(bundle), redactions: walker.redactions, requiredChanges: changes, leftovers: [])
    }

    /// Something from the source site that must not leave it, and what it is.
    struct SourceReference: Sendable {
        enum Kind: String, Sendable { case url = "URL", name, person }
        var text: String
        var kind: Kind

        var placeholder: String { LocalPlaceholder.make(kind == .url ? "site URL" : kind == .person ? "person" : "site name") }
        var reason: String { kind == .person ? "a person at the source site" : "the source site's \(kind.rawValue)" }
    }

    /// The source site's URLs, hosts and names, its people, and the client's organisation.
    func sourceReferences() -> [SourceReference] {
        var references: [SourceReference] = []
        for site in pack.sites {
            for url in [site.productionURL, site.stagingURL].compactMap({ $0 }) {
                references.append(.init(text: url, kind: .url))
                if let host = URL(string: url)?.host { references.append(.init(text: host, kind: .url)) }
            }
            if site.name.count >= 4 { references.append(.init(text: site.name, kind: .name)) }
            let people = [site.setupOwner, site.supportOwner, site.restoredBy] + site.providers.map(\.credentialsOwner)
            for person in people.compactMap({ $0 }) {
                // "Priya Raman (site administrator)" names Priya Raman.
                let name = person.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? person
                if name.count >= 4 { references.append(.init(text: name, kind: .person)) }
            }
        }
        if pack.settings.organisation.count >= 4 { references.append(.init(text: pack.settings.organisation, kind: .name)) }
        // Longest first, so a URL is replaced before its host.
        var seen: Set<String> = []
        return references.filter { seen.insert($0.text.lowercased()).inserted }.sorted { ($0.text.count, $0.text) > ($1.text.count, $1.text) }
    }

    struct Walker {
        let scanner: SensitiveDataScanner
        let references: [SourceReference]
        var redactions: [Redaction] = []
        var changes: [(id: String, change: String)] = []
        var replacedSiteStrings = false

        mutating func value(_ node: Node, path: String) -> Any {
            switch node {
            case .scalar(let scalar):
                return text(scalar.string, node: node, path: path)
            case .sequence(let sequence):
                return sequence.enumerated().map { value($1, path: "\(path)[\($0)]") }
            case .mapping(let mapping):
                var result: [String: Any] = [:]
                for (keyNode, child) in mapping {
                    let key = keyNode.scalar?.string ?? "?"
                    let childPath = path.isEmpty ? key : "\(path).\(key)"
                    let line = child.mark?.line ?? keyNode.mark?.line ?? 0
                    if path.isEmpty, key == "provenance" || key == "private" {
                        redactions.append(Redaction(path: childPath, line: line, what: "the whole \(key) block",
                                                    why: key == "private" ? "marked private" : "the source copy's own history; the manifest replaces it"))
                        continue
                    }
                    if key.hasSuffix("_private") {
                        redactions.append(Redaction(path: childPath, line: line, what: "the value", why: "marked private"))
                        continue
                    }
                    if SecretKeys.looksSecret(key) {
                        redactions.append(Redaction(path: childPath, line: line, what: "the value", why: "a secret under '\(key)'"))
                        result[key] = "[removed: secret]"
                        continue
                    }
                    if PlaybookExport.customerKeys.contains(key.lowercased()) {
                        redactions.append(Redaction(path: childPath, line: line, what: "the value", why: "customer data"))
                        result[key] = "[removed: customer data]"
                        continue
                    }
                    if let placeholder = PlaybookExport.placeholderPaths[childPath] {
                        redactions.append(Redaction(path: childPath, line: line, what: "the value", why: "\(placeholder.why); becomes a required local change"))
                        changes.append((placeholder.id, placeholder.change))
                        let mark = LocalPlaceholder.make(placeholder.what)
                        result[key] = child.scalar != nil ? mark : [mark]
                        continue
                    }
                    result[key] = value(child, path: childPath)
                }
                return result
            case .alias:
                return ""
            }
        }

        mutating func text(_ original: String, node: Node, path: String) -> String {
            var text = original
            let baseLine = (node.mark?.line ?? 0) + (node.scalar?.style == .literal || node.scalar?.style == .folded ? 1 : 0)
            for reference in references where text.localizedCaseInsensitiveContains(reference.text) {
                text = text.replacingOccurrences(of: reference.text, with: reference.placeholder, options: .caseInsensitive)
                redactions.append(Redaction(path: path, line: baseLine, what: "'\(reference.text)'", why: reference.reason))
                replacedSiteStrings = true
            }
            let (redacted, findings) = scanner.redact(text)
            for finding in findings {
                let line = baseLine + text[text.startIndex..<finding.range.lowerBound].filter { $0 == "\n" }.count
                redactions.append(Redaction(path: path, line: line, what: "\(finding.text.prefix(8))…", why: finding.kind))
            }
            return redacted
        }
    }
}

public enum PlaybookError: Error, CustomStringConvertible {
    case unknownPlaybook(String, [String])
    case unreadableBundle(String)
    case unsupportedFormat(String)
    case tampered
    case leftoverSecrets([String])
    case exists(String)
    case unknownSite(String, [String])

    public var description: String {
        switch self {
        case .unknownPlaybook(let id, let known):
            return "no playbook '\(id)' in playbooks/\(Suggestion.didYouMean(id, in: known))"
        case .unreadableBundle(let reason):
            return "cannot read the bundle: \(reason)"
        case .unsupportedFormat(let found):
            return "not a sopgen playbook bundle of a version this sopgen reads (\(found))"
        case .tampered:
            return "the bundle's checksum does not match its playbook: it was changed after export; refusing it"
        case .leftoverSecrets(let findings):
            return "the bundle still carries secrets or personal data (\(findings.joined(separator: "; "))); refusing it"
        case .exists(let path):
            return "\(path) exists; pass --replace to overwrite it"
        case .unknownSite(let id, let known):
            return "no site '\(id)' in sites/\(Suggestion.didYouMean(id, in: known))"
        }
    }
}
