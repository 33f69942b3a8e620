import GFM

/// Links in checklist items that lead to an SOP (written to its `.md` file, as in an SOP). A
/// checklist is printed for everyone, so such a link goes to the SOP's trainer view; it is checked
/// as an SOP's link is: to an SOP of the pack (`broken-link`, here) and to a heading its trainer
/// view has (`broken-anchor`, with the SOPs' links once every heading is known).
struct ChecklistLinks: Sendable {
    var diagnostics: [Diagnostic] = []
    /// Links into an SOP's heading; no role: a checklist reader lands in the trainer view.
    var anchoredLinks: [SOPViews.AnchoredLink] = []

    init() {}

    init(pack: Pack) {
        guard !pack.checklists.isEmpty else { return }
        let graph = IncludeGraph(snippets: pack.snippets)
        let sopPaths = Set(pack.sops.map(\.path))
        let sortedPaths = sopPaths.sorted()
        let pageIDs = SOPViewRenderer.pageIDs(of: pack.theme)
        // A checklist is printed for each site: a destination built from a value is checked as
        // each site's page writes it.
        let siteValues = pack.sites.map { ValueCatalog.shared(pack: pack, site: $0) }
        var seen: Set<String> = []
        for checklist in pack.checklists {
            for expanded in graph.expandedItems(of: checklist) {
                guard expanded.text.contains("](") || expanded.text.contains("]:") else { continue }
                for link in GFMDocument(markdown: expanded.text).links where !link.isImage {
                    let location = expanded.origin(of: link.position)
                    let built = link.destination.unicodeScalars.contains(GFMReserved.tokenStart)
                    // A role's or an SOP's value has none here (`ExpansionChecks`): a link built from one is its consequence.
                    if built, expanded.substitute(link.destination, values: Self.readerValueMarks).contains("\u{0}") { continue }
                    let destinations = built ? siteValues.map { expanded.substitute(link.destination, values: $0) } : [link.destination]
                    for destination in destinations {
                        guard case .sop(let path, let fragment) = LinkTarget(destination, from: location.path),
                              seen.insert("\(location)\u{0}\(path)\u{0}\(fragment ?? "")").inserted else { continue }
                        guard sopPaths.contains(path) else {
                            // An SOP file that exists but could not be read has its own diagnostic.
                            if !pack.declared.sopPaths.contains(path) {
                                diagnostics.append(SOPViewRenderer.brokenLink(to: path, at: location,
                                                                              suggestion: Suggestion.didYouMean(path, in: sortedPaths)))
                            }
                            continue
                        }
                        if let fragment = fragment.flatMap({ SOPViewRenderer.headingFragment($0, pageIDs: pageIDs) }) {
                            anchoredLinks.append(.init(path: path, fragment: fragment, location: location, roles: []))
                        }
                    }
                }
            }
        }
    }

    /// Each role's and SOP's value as a mark no destination holds otherwise.
    private static let readerValueMarks = Dictionary(uniqueKeysWithValues: (ValueCatalog.roleValues + ValueCatalog.sopValues).map { ($0, "\u{0}") })

    /// Where a checklist item's link (its values filled in for the page's site) points on a
    /// checklist page (`checklists/<site>/<id>.html`): an SOP's trainer view, or the destination
    /// as written.
    static func rewrite(_ link: GFMLink, in expanded: ExpandedMarkdown, sopIDs: [String: String]) -> String {
        guard !link.isImage,
              case .sop(let path, let fragment) = LinkTarget(link.destination, from: expanded.origin(of: link.position).path),
              let id = sopIDs[path] else { return link.destination }
        return "../../sops/\(id).html" + (fragment.map { "#" + $0 } ?? "")
    }
}
