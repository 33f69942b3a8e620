import Foundation

/// What `site import` changed of the facts a hosting change is made of: the production host,
/// PHP, WordPress, SophMate and the active theme's version. A fact recorded for the first time is
/// not a change.
enum HostingChange {
    static func changes(from old: String, to new: String, path: String) -> [String] {
        func site(_ text: String) -> Site? {
            SiteDecoder.decode(DecodingContext(file: SourceFile(path: path, text: text)))
        }
        guard let before = site(old), let after = site(new) else { return [] }
        func host(_ site: Site) -> String? { site.productionURL.flatMap { URL(string: $0)?.host } }
        let facts: [(String, String?, String?)] = [
            ("host", host(before), host(after)),
            (SiteField.phpVersion.rawValue, before.phpVersion, after.phpVersion),
            (SiteField.wordpressVersion.rawValue, before.wordpressVersion, after.wordpressVersion),
            (SiteField.sophmateVersion.rawValue, before.sophmateVersion, after.sophmateVersion),
            ("theme", before.activeTheme.map { "\($0.name) \($0.version ?? "")" }, after.activeTheme.map { "\($0.name) \($0.version ?? "")" }),
        ]
        return facts.compactMap { name, was, now in
            guard let was, let now, was != now else { return nil }
            return "\(name) \(was.trimmingCharacters(in: .whitespaces)) → \(now.trimmingCharacters(in: .whitespaces))"
        }
    }
}
