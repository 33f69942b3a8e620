import GFM

/// The heading ids of one SOP in the views a link to it can land in: its trainer view's, and each
/// reader's where they differ from those (a role block hides a heading from the role, or the
/// role's value changes a heading's text, so its id).
struct SOPHeadings: Sendable {
    var trainer: Set<ExactID>
    /// By role; only the views whose ids are not the trainer view's.
    var roles: [String: Set<ExactID>]

    init(_ views: SOPViews) {
        trainer = Self.ids(of: views.trainer)
        var roles: [String: Set<ExactID>] = [:]
        // A view with the trainer view's headings and footnotes (most: often the very same rendering) has its ids.
        for (role, rendering) in views.roles
        where rendering.headings != views.trainer.headings || rendering.elementIDs != views.trainer.elementIDs {
            let ids = Self.ids(of: rendering)
            if ids != trainer { roles[role] = ids }
        }
        self.roles = roles
    }

    /// The ids a link can land on: the headings' and the footnotes' (and raw HTML's, when allowed).
    static func ids(of rendering: GFMRendering) -> Set<ExactID> {
        Set(rendering.elementIDs.map(ExactID.init)).union(rendering.headings.map { ExactID($0.id) })
    }
}

/// An id as a browser compares it, scalar for scalar. Swift's `==` on `String` is canonical
/// equivalence: `café` written precomposed equals `cafe\u{301}`, so a link to the one passed the
/// check against a heading whose id is the other, and the browser did not jump (helper 46).
struct ExactID: Hashable, Comparable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.text.utf8.elementsEqual(rhs.text.utf8) }

    func hash(into hasher: inout Hasher) {
        hasher.combine(bytesOf: text)
    }

    /// By bytes too, so that two ids `==` tells apart are never in the same place of an order.
    static func < (lhs: Self, rhs: Self) -> Bool { lhs.text.utf8.lexicographicallyPrecedes(rhs.text.utf8) }
}

/// Every SOP's headings, by pack path, to check the links into them once all are known: the one
/// rule for `broken-anchor`, which `build`, `check` and `serve` each apply.
struct LinkedHeadings {
    private var byPath: [String: SOPHeadings] = [:]
    /// Role names by id, for the diagnostics.
    private let roleNames: [String: String]

    init(roleNames: [String: String]) {
        self.roleNames = roleNames
    }

    /// Of two SOPs with one path, the last added wins.
    mutating func add(_ headings: SOPHeadings, path: String) {
        byPath[path] = headings
    }

    /// Links to a heading another SOP does not have: in its trainer view (where a reader without
    /// a view of the SOP lands), or in the view of a role the link is shown to, who lands in that
    /// role's view of the SOP. Each target's headings are sorted and searched once per fragment,
    /// however often it is linked.
    func diagnostics(for links: [SOPViews.AnchoredLink]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var sortedHeadings: [String: [String]] = [:]
        var suggestions: [String: String] = [:]
        // A checklist link built from site values, broken for several sites: the first site's error, naming the others.
        var builtForSites: [SourceLocation: (index: Int, site: String, fragment: String, others: [(site: String, detail: String?)])] = [:]
        for link in links {
            guard let target = byPath[link.path] else { continue }
            guard target.trainer.contains(ExactID(link.fragment)) else {
                let key = link.path + "#" + link.fragment
                if suggestions[key] == nil {
                    if sortedHeadings[link.path] == nil { sortedHeadings[link.path] = target.trainer.map(\.text).sorted() }
                    suggestions[key] = Suggestion.didYouMean(link.fragment, in: sortedHeadings[link.path]!)
                }
                if let site = link.site, let first = builtForSites[link.location] {
                    builtForSites[link.location]!.others.append((site, link.fragment == first.fragment ? nil : "id '\(link.fragment)'"))
                    continue
                }
                if let site = link.site { builtForSites[link.location] = (diagnostics.count, site, link.fragment, []) }
                diagnostics.append(.error(.brokenAnchor, "'\(link.path)' has no heading with id '\(link.fragment)'\(suggestions[key]!)",
                                          at: link.location))
                continue
            }
            let missing = link.roles.filter { target.roles[$0].map { !$0.contains(ExactID(link.fragment)) } ?? false }
            guard !missing.isEmpty else { continue }
            let names = missing.map { roleNames[$0] ?? $0 }.joined(separator: ", ")
            diagnostics.append(.error(.brokenAnchor, "'\(link.path)' has a heading with id '\(link.fragment)', but not in the view this link leads \(names) to (a role block hides it there, or the role's value changes it); put the link in a role block for the roles who see the heading",
                                      at: link.location))
        }
        for (index, site, _, others) in builtForSites.values {
            diagnostics[index].message += ChecklistLinks.forSites(site, others: others)
        }
        return diagnostics
    }
}
