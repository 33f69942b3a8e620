import Foundation

extension PlaybookExport {
    /// Something from the source that must not leave it, and what it is. A whole URL, site name,
    /// organisation name or person is replaced by a placeholder; a part of one — a distinctive
    /// word of the organisation's or a site's name, the site's domain, a person's first or last
    /// name — cannot be replaced safely, so the export fails closed on it.
    struct SourceReference: Sendable {
        enum Kind: String, Sendable {
            case url = "URL", name, person, organisation, domain
        }

        var text: String
        var kind: Kind
        /// A part of a name or address: never replaced; its presence stops the export.
        var failsClosed = false

        var placeholder: String {
            LocalPlaceholder.make(kind == .url || kind == .domain ? "site URL" : kind == .person ? "person" : "site name")
        }

        var reason: String {
            switch kind {
            case .person: "a person at the source site"
            case .organisation: "the source's organisation name"
            case .domain: "the source site's domain"
            case .url, .name: "the source site's \(kind.rawValue)"
            }
        }

        /// Whole strings anywhere, ignoring case; parts of names as whole words with their capitals
        /// (`Reed`, not `reed` in "as needed"); a domain's name as a whole word, ignoring case.
        func occurs(in text: String) -> Bool {
            guard failsClosed else { return text.localizedCaseInsensitiveContains(self.text) }
            let options: String.CompareOptions = kind == .domain ? [.caseInsensitive] : []
            var searchFrom = text.startIndex
            while let range = text.range(of: self.text, options: options, range: searchFrom..<text.endIndex) {
                let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
                let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
                if !(before.map(Self.isWordCharacter) ?? false), !(after.map(Self.isWordCharacter) ?? false) { return true }
                searchFrom = text.index(after: range.lowerBound)
            }
            return false
        }

        static func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }
    }

    /// Words of a name that say nothing about who it is.
    static let genericWords: Set<String> = [
        "the", "and", "shop", "store", "online", "site", "website", "main", "staging", "production", "test", "live", "ltd", "limited",
        "inc", "llc", "gmbh", "plc", "company", "group", "co", "corp", "corporation", "holdings", "trading", "services", "official",
        "web", "www", "our", "new", "home", "mr", "mrs", "ms", "dr", "team", "support", "admin", "administrator", "manager", "owner",
        "store-manager", "site-admin",
    ]
    static let legalSuffixes: Set<String> = ["ltd", "limited", "inc", "llc", "gmbh", "plc", "co", "corp", "company", "sarl", "bv", "ag", "pty"]

    /// The source site's URLs, hosts and names, its people, and the client's organisation, from
    /// `sopgen.yml`, the site records and `people.yml`; and the parts of them the export fails closed on.
    func sourceReferences() -> [SourceReference] {
        var references: [SourceReference] = []
        func name(_ text: String, _ kind: SourceReference.Kind) {
            let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" && $0 != "-" }).map(String.init)
            // "Bluebell Candles Ltd" is also "Bluebell Candles".
            var trimmed = words
            while let last = trimmed.last, Self.legalSuffixes.contains(last.lowercased()) { trimmed.removeLast() }
            for whole in [text, trimmed.joined(separator: " ")] where whole.count >= 4 {
                references.append(.init(text: whole, kind: kind))
            }
            let shortest = kind == .person ? 3 : 4
            for word in words where word.count >= shortest && !Self.genericWords.contains(word.lowercased()) && word.first?.isUppercase == true {
                references.append(.init(text: word, kind: kind, failsClosed: true))
            }
        }
        for site in pack.sites {
            for url in [site.productionURL, site.stagingURL].compactMap({ $0 }) {
                references.append(.init(text: url, kind: .url))
                guard let host = URL(string: url)?.host else { continue }
                references.append(.init(text: host, kind: .url))
                let labels = host.lowercased().split(separator: ".").map(String.init)
                let secondLevel: Set<String> = ["co", "com", "org", "net", "ac", "gov", "ltd", "plc"]
                let keep = labels.count >= 3 && secondLevel.contains(labels[labels.count - 2]) ? 3 : 2
                if labels.count >= keep {
                    let domain = labels.suffix(keep).joined(separator: ".")
                    references.append(.init(text: domain, kind: .domain, failsClosed: true))
                    if let label = labels.dropLast(keep - 1).last, label.count >= 5, !Self.genericWords.contains(label) {
                        references.append(.init(text: label, kind: .domain, failsClosed: true))
                    }
                }
            }
            name(site.name, .name)
            let people = [site.setupOwner, site.supportOwner, site.restoredBy] + site.providers.map(\.credentialsOwner)
            for person in people.compactMap({ $0 }) {
                // "Priya Raman (site administrator)" names Priya Raman.
                name(person.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? person, .person)
            }
        }
        // The people of people.yml: their names as the site records' people, their logins as parts.
        for person in pack.people?.people ?? [] {
            name(person.name, .person)
            let login = person.login.value
            if login.count >= 4 { references.append(.init(text: login, kind: .person, failsClosed: true)) }
        }
        name(pack.settings.organisation, .organisation)
        // Longest first, so a URL is replaced before its host; a text is listed once, as what it is replaced as.
        var seen: Set<String> = []
        return references.sorted { ($0.failsClosed ? 1 : 0, -$0.text.count, $0.text) < ($1.failsClosed ? 1 : 0, -$1.text.count, $1.text) }
            .filter { seen.insert($0.text.lowercased()).inserted }
    }
}
