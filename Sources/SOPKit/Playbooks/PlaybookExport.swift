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

    /// An amount, limit or discount rule found in prose, and what export did with it.
    public struct PolicyDecision: Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var text: String
        var kind: PrivatePolicyProse.Kind
        /// Exported as written because `--keep` named it; otherwise replaced by a placeholder.
        public var kept: Bool
        public var description: String {
            "  \(path) (line \(line)): '\(text)' — \(kind.rawValue): "
                + (kept ? "kept as written (--keep)" : "became \(PrivatePolicyProse.placeholder(kind)); --keep to export it as written")
        }
    }

    public struct Outcome: Sendable {
        /// Nil when the export failed closed.
        public var bundle: String?
        public var redactions: [Redaction]
        public var requiredChanges: [(id: String, change: String)]
        /// What the final scan still found; non-empty means nothing was written.
        public var leftovers: [String]
        /// Every amount, limit and discount rule in prose, each with its decision.
        public var decisions: [PolicyDecision] = []
        /// `--keep` texts that matched nothing.
        public var unusedKeeps: [String] = []
        /// What the exporting pack's register keeps of this export (never part of the bundle); nil when nothing was written.
        public var registerEntry: ExportRegister.Entry?
    }

    let pack: Pack

    public init(pack: Pack) {
        self.pack = pack
    }

    /// Exports playbook `id`. With a signing key, the manifest carries an Ed25519 signature over
    /// the same bytes as the checksum.
    public func export(_ id: String, date: String, sourceLabel: String?, signingKey: BundleSigningKey? = nil,
                       keep: [String] = []) throws(PlaybookError) -> Outcome {
        let path = "playbooks/\(id).yml"
        guard let file = pack.sources[path], let root = try? Yams.compose(yaml: file.text),
              let playbook = pack.playbooks.first(where: { $0.id == id }) else {
            throw .unknownPlaybook(id, pack.playbooks.map(\.id))
        }
        let redactor = PlaybookRedactor(references: sourceReferences(), prose: PrivatePolicyProse(keep: keep))
        var origins: [String: PlaybookRedactor.Origin] = [:]
        let redacted = redactor.redact(.text(from: root, origins: &origins), origins: origins)
        var changes = redacted.changes
        if redacted.decisions.contains(where: { !$0.kept }) {
            changes.append(.init(id: PrivatePolicyProse.changeID, change: PrivatePolicyProse.change))
        }
        if redacted.replacedSiteStrings { changes.append(.init(id: "site-references", change: "Point the playbook at this site's URLs and name")) }
        let site = pack.defaultSite?.id ?? pack.sites.first?.id ?? "pack"
        let manifest = PlaybookBundle.Manifest(
            sourceSite: sourceLabel ?? PlaybookBundle.pseudonym(for: site, in: pack.settings.title), exportDate: date,
            version: playbook.version ?? "unversioned", owner: playbook.owner?.value ?? "unassigned", requiredLocalChanges: changes)
        let requiredChanges = changes.map { (id: $0.id, change: $0.change) }
        let unused = keep.filter { text in !redacted.decisions.contains { $0.kept && $0.text.localizedCaseInsensitiveContains(text) } }
        // Fail closed: every key and text of the finished bundle scanned again, decoded, and the site's strings searched.
        let leftovers = redactor.leftovers(in: manifest.json, under: "manifest") + redactor.leftovers(in: redacted.playbook, under: "playbook")
        guard leftovers.isEmpty else {
            return Outcome(bundle: nil, redactions: redacted.redactions, requiredChanges: requiredChanges, leftovers: leftovers,
                           decisions: redacted.decisions, unusedKeeps: unused)
        }
        let sealed = try PlaybookBundle(manifest: manifest, playbook: redacted.playbook).sealed(signingKey: signingKey)
        let text = sealed.json.pretty
        // What export writes, import must read: the bundle goes through import's own strict decoder.
        do {
            _ = try PlaybookBundle.decode(Data(text.utf8), name: "the bundle for \(id)")
        } catch {
            return Outcome(bundle: nil, redactions: redacted.redactions, requiredChanges: requiredChanges, leftovers: ["\(error)"],
                           decisions: redacted.decisions, unusedKeeps: unused)
        }
        let entry = ExportRegister.Entry(pseudonym: manifest.sourceSite, playbook: id, sourceSite: site, date: date,
                                         version: manifest.version, checksum: sealed.manifest.checksum ?? "", receivingSite: nil)
        return Outcome(bundle: text, redactions: redacted.redactions, requiredChanges: requiredChanges, leftovers: [],
                       decisions: redacted.decisions, unusedKeeps: unused, registerEntry: entry)
    }
}
