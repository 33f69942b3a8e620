import Yams

/// A site record is published on every page (home, printed handbooks, checklists), so a credential
/// in any of its values would be too: `https://admin:pw@shop.example`, an `sk-…` key pasted in a
/// provider's model, a token in a rollback note. The playbooks' scanner (one implementation) reads
/// every text value of the record; personal contact details (e-mail addresses, phone numbers) are
/// left to the people who own them, since a record names its owners and support contacts.
enum SiteRecordSecrets {
    static let ignoredKinds: Set<String> = ["email address", "phone number"]

    static func check(_ root: Node, _ context: DecodingContext) {
        let scanner = SensitiveDataScanner()
        // A value under a key that names a credential is reported by its key (SiteDecoder). Each
        // list or mapping is walked once (`YAMLWalk`): an alias bomb hung `check` here.
        YAMLWalk.scalars(of: root, keys: false, descend: { !SecretKeys.looksSecret($0.scalar?.string ?? "") }) { node in
            guard let kind = scanner.scan(node.scalar?.string ?? "").first(where: { !ignoredKinds.contains($0.kind) })?.kind else { return }
            context.error(.secretInSite, "a site record is printed on every page, and this value holds a secret (\(kind)); "
                          + "record who owns the credential instead (credentials_owner), never the credential", at: node)
        }
    }
}
