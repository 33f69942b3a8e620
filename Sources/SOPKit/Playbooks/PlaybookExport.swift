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

    let pack: Pack

    public init(pack: Pack) {
        self.pack = pack
    }

    /// Exports playbook `id`. With a signing key, the manifest carries an Ed25519 signature over
    /// the same bytes as the checksum.
    public func export(_ id: String, date: String, sourceLabel: String?, signingKey: BundleSigningKey? = nil) throws(PlaybookError) -> Outcome {
        let path = "playbooks/\(id).yml"
        guard let file = pack.sources[path], let root = try? Yams.compose(yaml: file.text),
              let playbook = pack.playbooks.first(where: { $0.id == id }) else {
            throw .unknownPlaybook(id, pack.playbooks.map(\.id))
        }
        let redactor = PlaybookRedactor(references: sourceReferences())
        var origins: [String: PlaybookRedactor.Origin] = [:]
        let redacted = redactor.redact(.text(from: root, origins: &origins), origins: origins)
        var changes = redacted.changes
        if redacted.replacedSiteStrings { changes.append(.init(id: "site-references", change: "Point the playbook at this site's URLs and name")) }
        let site = pack.defaultSite?.id ?? pack.sites.first?.id ?? "pack"
        let manifest = PlaybookBundle.Manifest(
            sourceSite: sourceLabel ?? PlaybookBundle.pseudonym(for: site, in: pack.settings.title), exportDate: date,
            version: playbook.version ?? "unversioned", owner: playbook.owner?.value ?? "unassigned", requiredLocalChanges: changes)
        let requiredChanges = changes.map { (id: $0.id, change: $0.change) }
        // Fail closed: every key and text of the finished bundle scanned again, decoded, and the site's strings searched.
        let leftovers = redactor.leftovers(in: manifest.json, under: "manifest") + redactor.leftovers(in: redacted.playbook, under: "playbook")
        guard leftovers.isEmpty else {
            return Outcome(bundle: nil, redactions: redacted.redactions, requiredChanges: requiredChanges, leftovers: leftovers)
        }
        let text = try PlaybookBundle(manifest: manifest, playbook: redacted.playbook).sealed(signingKey: signingKey).json.pretty
        // What export writes, import must read: the bundle goes through import's own strict decoder.
        do {
            _ = try PlaybookBundle.decode(Data(text.utf8), name: "the bundle for \(id)")
        } catch {
            return Outcome(bundle: nil, redactions: redacted.redactions, requiredChanges: requiredChanges, leftovers: ["\(error)"])
        }
        return Outcome(bundle: text, redactions: redacted.redactions, requiredChanges: requiredChanges, leftovers: [])
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
}
