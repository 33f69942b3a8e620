import Foundation

/// What `sopgen init` writes: sopgen's example pack, as a start to edit. Pure: from the example's
/// files to the new pack's, so it is tested without the disk.
///
/// - A first comment in `sopgen.yml` says where the pack came from and what to change first.
/// - Each `# yaml-language-server: $schema=…` line points at the schemas installed with sopgen
///   (the example's point into sopgen's checkout), or is dropped when none are installed.
/// - With Site Health text, the example's site record is replaced by one built from those facts
///   alone (the same import as `sopgen site import`), and `default_site` names it.
public struct StarterPack: Sendable {
    public static let exampleSiteID = "harbour-store"

    public var files: [String: String]
    public var siteID: String
    /// What the Site Health import did, when there was one.
    public var siteImport: SiteRecordImport.Outcome?

    public enum Problem: Error, Sendable, CustomStringConvertible {
        case notSiteHealth
        case importRefused(String)

        public var description: String {
            switch self {
            case .notSiteHealth:
                "the file is not WordPress Site Health info (Tools → Site Health → Info → Copy site info to clipboard)"
            case .importRefused(let reason): "the Site Health info could not be imported: \(reason)"
            }
        }
    }

    /// `example` maps pack paths to text; `schemas` is the folder of installed schemas, if any.
    public init(example: [String: String], schemas: URL?, siteHealth: String? = nil, siteID requested: String? = nil) throws(Problem) {
        var files: [String: String] = [:]
        for (path, text) in example {
            files[path] = Self.pointingSchemas(text, to: schemas)
        }
        var siteID = Self.exampleSiteID
        if let siteHealth {
            let report = SiteHealthReport(parsing: siteHealth)
            guard report.isSiteHealth else { throw .notSiteHealth }
            let facts = SiteHealthFacts(report)
            siteID = requested ?? Self.siteID(from: facts.homeURL)
            let outcome: SiteRecordImport.Outcome
            do {
                outcome = try SiteRecordImport.apply(facts, to: nil, siteID: siteID, force: true)
            } catch {
                throw .importRefused("\(error)")
            }
            guard let record = outcome.text else { throw .importRefused("nothing to record") }
            files["sites/\(Self.exampleSiteID).yml"] = nil
            files["sites/\(siteID).yml"] = Self.pointingSchemas("# yaml-language-server: $schema=../../schemas/site.schema.json\n", to: schemas) + record
            siteImport = outcome
        }
        if let settings = files["sopgen.yml"] {
            // Quoted: an id such as `null`, `yes` or `2026` is a name, not YAML's null, true or number.
            let named = siteID == Self.exampleSiteID ? siteID : "\"\(siteID)\""
            let settings = settings.replacingOccurrences(of: "\ndefault_site: \(Self.exampleSiteID)\n", with: "\ndefault_site: \(named)\n")
            // The schema line stays first, where editors look for it.
            let schemaLine = settings.hasPrefix("# yaml-language-server:") ? String(settings.prefix { $0 != "\n" }) + "\n" : ""
            files["sopgen.yml"] = schemaLine + Self.header(siteID: siteID) + settings.dropFirst(schemaLine.count)
        }
        self.files = files
        self.siteID = siteID
    }

    static func header(siteID: String) -> String {
        """
        # Started with `sopgen init` from sopgen's example pack (Harbour & Vine, a WooCommerce shop).
        # Make it yours, then run `sopgen check` after each change:
        #   1. title and organisation below; sites/\(siteID).yml (or `sopgen site import`);
        #   2. roles.yml: your real user groups; policies.yml: who approves what;
        #   3. procedures/: keep, edit or delete each SOP; checklists/ and playbooks/ likewise.

        """
    }

    /// A site id from the site's address (`https://shop.example.com` → `shop-example-com`), or `site`.
    static func siteID(from homeURL: String?) -> String {
        guard let host = homeURL.flatMap({ URL(string: $0)?.host }) else { return "site" }
        let words = host.lowercased().split { !("a"..."z").contains($0) && !("0"..."9").contains($0) }
        let id = String(words.joined(separator: "-").prefix(Identifier.maximumLength))
            .trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return Identifier.isValid(id) ? id : "site"
    }

    /// The example's schema lines point into sopgen's checkout; a new pack's point at the
    /// installed schemas, or are dropped.
    static func pointingSchemas(_ text: String, to schemas: URL?) -> String {
        let marker = "# yaml-language-server: $schema="
        guard text.hasPrefix(marker) else { return text }
        // Swift reads "\r\n" as one Character: a CRLF file's first line ends at it too.
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
        let ending = text.dropFirst(firstLine.count).first.map(String.init) ?? "\n"
        let rest = text.dropFirst(firstLine.count + 1)
        let name = firstLine.split(separator: "/").last.map(String.init) ?? ""
        guard let schemas, !name.isEmpty else { return String(rest) }
        return marker + schemas.appendingPathComponent(name).path + ending + rest
    }
}
