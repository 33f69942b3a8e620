import GFM

/// Links in checklist items that lead to an SOP (written to its `.md` file, as in an SOP), links
/// and images the handbook empties (`unsafe-link`, for each site's values), and raw HTML, left
/// out unless the pack allows it (`raw-html`, once per line, as in an SOP). A
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
        let packValues = ValueCatalog.shared(pack: pack, site: nil)
        let lacked = pack.sites.map { ValueCatalog.lacked(by: $0) }
        var seen: Set<String> = []
        for checklist in pack.checklists {
            for expanded in graph.expandedItems(of: checklist) {
                guard GFMDocument.mayHoldLinks(expanded.text) else { continue }
                let document = GFMDocument(markdown: expanded.text)
                // The links below are read from the parse, not from this rendering.
                if !pack.settings.unsafeHTML, !document.isPlainParagraph,
                   ChecklistRenderer.shownText(ofHTML: document.render(GFMView()).html).isEmpty {
                    // Its box would print with no text, as `empty-checklist-item` says of an empty line.
                    let at = expanded.origin(of: document.rawHTML.first ?? GFMPosition(line: 1, column: 1))
                    if seen.insert("\(at)\u{0}empty").inserted {
                        diagnostics.append(document.rawHTML.isEmpty
                            ? .error(.emptyChecklistItem, "this checklist item shows no text (a link definition shows none, nor an image the checklist empties), so its box would print with no text; write what to check", at: at)
                            : .error(.emptyChecklistItem, "this checklist item is only raw HTML, which the checklist leaves out, so its box would print with no text; write what to check in Markdown, or set options.unsafe_html: true in sopgen.yml",
                                     at: at))
                    }
                } else if !pack.settings.unsafeHTML {
                    for position in document.rawHTML {
                        let location = expanded.origin(of: GFMPosition(line: position.line, column: 1))
                        guard seen.insert("\(location)\u{0}raw").inserted else { continue }
                        diagnostics.append(.warning(.rawHtml, "raw HTML is left out of the checklist, in its Markdown and JSON too; set options.unsafe_html: true in sopgen.yml to keep it",
                                                    at: expanded.origin(of: position)))
                    }
                }
                for link in document.links {
                    let location = expanded.origin(of: link.position)
                    let holdsValue = link.destination.unicodeScalars.contains(GFMReserved.tokenStart)
                    // A role's or an SOP's value has none here (`ExpansionChecks`): a link built from one is its consequence.
                    if holdsValue, expanded.substitute(link.destination, values: Self.readerValueMarks).contains("\u{0}") { continue }
                    // Built from a site's value: checked for each site (a pack value is the same for all).
                    let built = holdsValue && expanded.substitute(link.destination, values: Self.siteValueMarks).contains("\u{0}")
                    // Each site's destination, with what the values its record lacks decide of it
                    // (their `missing-site-value` is the cause: that part is not checked).
                    let destinations: [(destination: String, site: Int?, lacked: ValueCatalog.LinkPart?)] = built
                        ? pack.sites.indices.map { site in
                            (expanded.substitute(link.destination, values: siteValues[site]), site,
                             ValueCatalog.lackedPart(of: link.destination, in: expanded, values: siteValues[site],
                                                     lacked: lacked[site], from: location.path))
                        }
                        : [(holdsValue ? expanded.substitute(link.destination, values: packValues) : link.destination, nil, nil)]
                    // One error for a link that leads to no SOP, naming the sites it does so for.
                    var broken: [(path: String, site: String?)] = []
                    var emptied: [(owner: String?, destination: String, scheme: String)] = []
                    for (destination, number, lackedPart) in destinations where lackedPart != .file {
                        let site = number.map { pack.sites[$0].id }
                        // An image emptied so is lost, never fetched: this warning, not `remote-image`.
                        if !pack.settings.unsafeHTML, !link.isInImageDescription, let scheme = DroppedLinks.scheme(of: destination) {
                            emptied.append((site, destination, scheme))
                            continue
                        }
                        // An image's source is a file, never an SOP's page.
                        if link.isImage { continue }
                        guard case .sop(let path, let fragment) = LinkTarget(destination, from: location.path) else {
                            if let number, ValueCatalog.leavesSOP(link.destination, in: expanded, values: siteValues[number], from: location.path) {
                                broken.append((destination, site))
                            }
                            continue
                        }
                        guard sopPaths.contains(path) else {
                            // An SOP file that exists but could not be read has its own diagnostic.
                            if !pack.declared.sopPaths.contains(path) { broken.append((path, site)) }
                            continue
                        }
                        if lackedPart != .fragment,
                           let fragment = fragment.flatMap({ SOPViewRenderer.headingFragment($0, pageIDs: pageIDs) }),
                           seen.insert("\(location)\u{0}\(path)\u{0}\(fragment)\u{0}\(site ?? "")").inserted {
                            anchoredLinks.append(.init(path: path, fragment: fragment, location: location, roles: [], site: site))
                        }
                    }
                    if let first = broken.first, seen.insert("\(location)\u{0}broken").inserted {
                        var diagnostic = SOPViewRenderer.brokenLink(to: first.path, at: location,
                                                                    suggestion: Suggestion.didYouMean(first.path, in: sortedPaths))
                        if first.site != nil {
                            // Each site's own path where it differs; never merged with another link's error.
                            diagnostic.message += Self.forOwners(broken.compactMap { other in other.site.map { ($0, other.path) } }) { "'\($0)'" }
                            diagnostic.subject = nil
                        }
                        diagnostics.append(diagnostic)
                    }
                    if !emptied.isEmpty, seen.insert("\(location)\u{0}emptied").inserted,
                       let warning = SOPViewRenderer.unsafeLink(emptied, owners: "site", written: expanded.written(link.destination),
                                                                image: link.isImage, at: location) {
                        diagnostics.append(warning)
                    }
                }
            }
        }
    }

    /// ` (for site 'a'; also for 2 more sites: 'b' ('x.md'), 'c')`: the sites whose checklists a
    /// link built from site values breaks on (or the roles whose views, `kind` "role"), each other
    /// one's detail (its own path, id or address) where it differs from the first's, at most five
    /// besides the first listed.
    static func forSites(_ first: String, kind: String = "site", others: [(site: String, detail: String?)]) -> String {
        var text = " (for \(kind) '\(first)'"
        if !others.isEmpty {
            let listed = others.prefix(5).map { "'\($0.site)'" + ($0.detail.map { " (\($0))" } ?? "") }.joined(separator: ", ")
            text += "; also for \(others.count) more \(kind)\(others.count == 1 ? "" : "s"): \(listed)\(others.count > 5 ? ", …" : "")"
        }
        return text + ")"
    }

    /// `forSites` for owners (sites, roles) and what each gives, the first first: each other one's
    /// detail, as `shown`, only where it differs from the first's.
    static func forOwners<Detail: Equatable>(_ owned: [(owner: String, detail: Detail)], kind: String = "site",
                                             shown: (Detail) -> String) -> String {
        guard let first = owned.first else { return "" }
        return forSites(first.owner, kind: kind, others: owned.dropFirst().map { ($0.owner, $0.detail == first.detail ? nil : shown($0.detail)) })
    }

    /// Each site value as a mark no destination holds otherwise.
    private static let siteValueMarks = Dictionary(uniqueKeysWithValues: ValueCatalog.siteValues.map { ($0, "\u{0}") })
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
