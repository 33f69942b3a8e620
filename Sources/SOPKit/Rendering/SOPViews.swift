import GFM

/// The renderings of one SOP's pages: the trainer view and each role's view.
struct SOPViews: Sendable {
    var trainer: GFMRendering
    var roles: [String: GFMRendering]
    /// The print views asked for (`printRoles`), by role: from the same parse as the pages.
    var prints: [String: GFMRendering] = [:]
    var diagnostics: [Diagnostic]
    /// Links into other SOPs with a heading, to check once every SOP's headings are known.
    var anchoredLinks: [AnchoredLink]

    struct AnchoredLink: Sendable {
        var path: String
        var fragment: String
        var location: SourceLocation
        /// The roles whose view of the linking SOP shows the link (its readers, less those a role
        /// block around the link hides it from): in each, the link goes to that role's view of the
        /// target, which must have the heading too.
        var roles: [String]
        /// The site a checklist link was built for, when built from site values: a fragment broken
        /// for many sites is one error naming them.
        var site: String? = nil
    }
}

/// Renders one SOP's views from a single parse.
struct SOPViewRenderer: Sendable {
    let resolved: ResolvedPack
    /// What a link to an SOP needs of it, by pack path: its id and its readers (not the whole
    /// `SOP`, which each look-up would copy).
    let sopsByPath: [String: LinkedSOP]

    struct LinkedSOP: Sendable {
        var id: String
        var audience: Set<String>
    }
    /// The SOP paths sorted once, for "did you mean" on a broken link (not once per SOP).
    let sopPaths: [String]
    let roleValues: [String: [String: String]]
    let trainerRoleValues: [String: String]
    /// Role names by id, for the trainer view's role block labels.
    let roleNames: [String: String]
    /// Every SOP id: the section ids of a print page, which no heading id may take.
    let sopIDs: Set<String>

    /// Ids no heading may take, made once (not once per view: the SOP ids are thousands). A print
    /// page gives each SOP a section with the SOP's id; every page has the theme's fixed ids.
    let printReservedIDs: Set<String>
    let pageReservedIDs: Set<String>
    /// The longest each value is over the trainer view's and every role's values, made once: a
    /// parse adds the SOP's own values (`ValueBudget`).
    let roleValueLengths: [String: Int]
    /// Off, each reader's view is rendered on its own (what the tests compare the shared views with).
    var sharesViews = true
    /// The values the default site lacks (`ValueCatalog.lacked`).
    let lackedSiteValues: Set<String>

    init(resolved: ResolvedPack) {
        lackedSiteValues = ValueCatalog.lacked(by: resolved.site)
        sopIDs = Set(resolved.sops.map(\.sop.id))
        printReservedIDs = sopIDs.union(resolved.pack.theme.fixedIDs(of: ["print", "sop-header", "toc"]))
        pageReservedIDs = Self.pageIDs(of: resolved.pack.theme)
        self.resolved = resolved
        sopsByPath = Dictionary(resolved.sops.map { ($0.sop.path, LinkedSOP(id: $0.sop.id, audience: Set($0.sop.audience.map(\.value)))) },
                                uniquingKeysWith: { first, _ in first })
        sopPaths = sopsByPath.keys.sorted()
        // The first of two roles with one id wins, as everywhere else; validation reports the second.
        roleValues = Dictionary(resolved.pack.roles.map { ($0.id, ValueCatalog.forRole($0, pack: resolved.pack)) },
                                uniquingKeysWith: { first, _ in first })
        trainerRoleValues = ValueCatalog.forRole(nil, pack: resolved.pack)
        roleNames = resolved.names.roles
        roleValueLengths = ValueBudget.longest([trainerRoleValues] + Array(roleValues.values))
    }

    /// The trainer view and each reader's view (`everyView` false: the trainer view only, what the
    /// diagnostics need: its heading ids for anchored links; every other problem is found by the
    /// parse), and the print views of `printRoles` (the print pages written as the SOPs render);
    /// the other print views are rendered later, by `printView`, when their print pages are.
    func render(_ item: ResolvedPack.ResolvedSOP, everyView: Bool = true, printRoles: [String] = []) -> SOPViews {
        let parsed = parse(item)
        let readers = everyView ? readers(of: item) : []
        // The pages and the print views together: a role's print view differs from its page in
        // where links lead and in heading ids, which `GFMDocument.render(sharing:)` writes per view.
        let pages = ([nil] + readers).map { ViewRequest(role: $0, printing: false) }
        let all = views(of: item, for: pages + printRoles.map { ViewRequest(role: $0, printing: true) }, parsed: parsed)
        let (rendered, prints) = (all[..<pages.count], all[pages.count...])
        return SOPViews(trainer: rendered[rendered.startIndex], roles: Dictionary(uniqueKeysWithValues: zip(readers, rendered.dropFirst())),
                        prints: Dictionary(zip(printRoles, prints), uniquingKeysWith: { first, _ in first }),
                        diagnostics: parsed.diagnostics, anchoredLinks: parsed.anchoredLinks)
    }

    /// What parsing the SOP finds, without rendering a view: its problems and its links into other
    /// SOPs' headings. What `check` needs of every SOP; the headings of the SOPs those links point
    /// into come from `render(_:everyView:)`.
    func problems(_ item: ResolvedPack.ResolvedSOP) -> (diagnostics: [Diagnostic], anchoredLinks: [SOPViews.AnchoredLink]) {
        let parsed = parse(item)
        return (parsed.diagnostics, parsed.anchoredLinks)
    }

    /// `role`'s view of the SOP as a section of the role's print page. The SOP is parsed again:
    /// keeping every SOP's print views until the print pages are rendered would make memory grow
    /// with the pack (a tenth of a gigabyte at 5,000 SOPs), and a parse costs far less than a page.
    func printView(_ item: ResolvedPack.ResolvedSOP, role: String) -> GFMRendering {
        printViews(item, roles: [role])[0]
    }

    /// The SOP's print view for each of `roles`, from one parse: what the print pages of several
    /// roles written side by side need (`PrintViewBatches`).
    func printViews(_ item: ResolvedPack.ResolvedSOP, roles: [String]) -> [GFMRendering] {
        let parsed = parse(item, findingProblems: false)
        return views(of: item, for: roles.map { ViewRequest(role: $0, printing: true) }, parsed: parsed)
    }

    /// One view asked for: a role's (nil: the trainer's), as a page or as a section of a print page.
    private struct ViewRequest {
        var role: String?
        var printing: Bool
    }

    /// The views asked for, each distinct view rendered once: readers whose views are alike
    /// (`ViewKey`) share one rendering: an SOP without role blocks, role values or links some of
    /// its readers cannot follow reads the same for all of them. Distinct views that differ only
    /// in where links lead and in heading ids (a page and its print view, readers who may follow
    /// different links) are written by cmark-gfm together (`GFMDocument.render(sharing:)`).
    private func views(of item: ResolvedPack.ResolvedSOP, for requests: [ViewRequest], parsed: Parsed) -> [GFMRendering] {
        let (groups, first, keys) = grouped(requests, of: item, parsed: parsed)
        var rendered = [GFMRendering?](repeating: nil, count: first.count)
        var together: [ViewKey: [Int]] = [:]
        var order: [ViewKey] = []
        for (number, key) in keys.enumerated() {
            var shown = key
            (shown.unreadable, shown.printing) = ([], false)
            if together[shown] == nil { order.append(shown) }
            together[shown, default: []].append(number)
        }
        for shown in order {
            let numbers = together[shown]!
            let views = numbers.map { view(for: item, role: requests[first[$0]].role, printing: requests[first[$0]].printing, parsed: parsed) }
            let written = sharesViews ? parsed.document.render(sharing: views) : views.map(parsed.document.render)
            for (number, rendering) in zip(numbers, written) { rendered[number] = rendering }
        }
        return groups.map { rendered[$0]! }
    }

    /// `roles` in groups whose views of the SOP are alike: each group's is rendered once.
    func viewGroups(of item: ResolvedPack.ResolvedSOP, for roles: [String?]) -> [[String?]] {
        let (groups, first, _) = grouped(roles.map { ViewRequest(role: $0, printing: false) }, of: item,
                                         parsed: parse(item, findingProblems: false))
        return first.indices.map { group in roles.indices.filter { groups[$0] == group }.map { roles[$0] } }
    }

    /// The group of each request (by `ViewKey`, or each its own without `sharesViews`), the index
    /// of each group's first request, and each group's key.
    private func grouped(_ requests: [ViewRequest], of item: ResolvedPack.ResolvedSOP, parsed: Parsed) -> (groups: [Int], first: [Int], keys: [ViewKey]) {
        var numbers: [ViewKey: Int] = [:]
        var first: [Int] = []
        var keys: [ViewKey] = []
        let groups = requests.indices.map { index in
            var key = viewKey(of: item, role: requests[index].role, parsed: parsed)
            key.printing = requests[index].printing
            if !sharesViews { key.role = requests[index].role }
            if let number = numbers[key] { return number }
            numbers[key] = first.count
            first.append(index)
            keys.append(key)
            return first.count - 1
        }
        return (groups, first, keys)
    }

    /// Everything a view's HTML depends on: whether it is printed, and what
    /// `view(for:role:printing:parsed:)` takes from the role: the containers it hides, the role
    /// block labels (the trainer view's), the value of each token the SOP holds, and the SOPs it
    /// links to that the role has no view of (those links lead to the trainer view). A link whose
    /// destination holds a token is classified again in each view, so it keeps the role itself in
    /// the key. Keys alike but for `printing` and `unreadable` are views that differ only in link
    /// addresses and heading ids: rendered together (`views(of:for:parsed:)`).
    private struct ViewKey: Hashable {
        var role: String?
        /// A section of a print page (links lead into the page, heading ids take the SOP's id).
        var printing = false
        var labelled: Bool
        var hidden: Set<Int>
        var values: [String?]
        /// The SOP files the parse links to (`Parsed.linkedSOPs`, by their place there) that the
        /// role has no view of: keys are only compared within one parse. (By file, not by id: two
        /// files with one id, an error, can each be readable or not, and so can the links.)
        var unreadable: [Int]
    }

    private func viewKey(of item: ResolvedPack.ResolvedSOP, role: String?, parsed: Parsed) -> ViewKey {
        // The values `values(of:role:parsed:)` would give, looked up without merging the role's
        // values over the SOP's for each reader.
        let roleValues = role.flatMap { self.roleValues[$0] } ?? trainerRoleValues
        let values = parsed.withValues ? item.markdown.valueNames.map { roleValues[$0] ?? item.values[$0] } : item.markdown.valueNames.map { _ in nil }
        return ViewKey(role: parsed.linksHoldValues ? role : nil,
                       labelled: role == nil && !item.markdown.blocks.isEmpty,
                       hidden: hidden(in: item, from: role),
                       values: values,
                       unreadable: role.map { role in parsed.linkedSOPs.indices.filter { !parsed.linkedSOPs[$0].audience.contains(role) } } ?? [])
    }

    /// The values `role`'s view substitutes (the trainer view's role values for nil); none past the budget.
    private func values(of item: ResolvedPack.ResolvedSOP, role: String?, parsed: Parsed) -> [String: String] {
        parsed.withValues ? item.values.merging(role.flatMap { roleValues[$0] } ?? trainerRoleValues) { $1 } : [:]
    }

    /// The role blocks (container ids) `role` does not see; none in the trainer view.
    private func hidden(in item: ResolvedPack.ResolvedSOP, from role: String?) -> Set<Int> {
        guard let role else { return [] }
        let blocks = item.markdown.blocks
        return Set(blocks.indices.filter { !blocks[$0].isVisible(to: role) })
    }

    /// An SOP parsed once for all its views, with what the parse found: problems, each link
    /// classified, links into other SOPs' headings (without `findingProblems`, what a print view
    /// needs: the links classified, not the problems with them).
    private struct Parsed {
        var document: GFMDocument
        var diagnostics: [Diagnostic]
        var targets: [GFMLink: LinkTarget]
        var withValues: Bool
        var anchoredLinks: [SOPViews.AnchoredLink]
        /// Whether a link's destination holds a value token.
        var linksHoldValues: Bool
        /// The SOPs the links lead to, each file once: a view's links to those its role cannot
        /// read lead to the trainer view.
        var linkedSOPs: [LinkedSOP]
    }

    private func parse(_ item: ResolvedPack.ResolvedSOP, findingProblems: Bool = true) -> Parsed {
        let markdown = item.markdown
        var diagnostics: [Diagnostic] = []
        let document = GFMDocument(markdown: markdown.text, options: GFMOptions(allowsRawHTML: resolved.pack.settings.unsafeHTML))
        for table in document.oversizedTables {
            diagnostics.append(.tableTooLarge(table, at: markdown.origin(of: table.position)))
        }
        if let position = document.tooDeep {
            diagnostics.append(.markdownTooDeep(at: markdown.origin(of: position)))
        }
        let longest = ValueBudget.longest([item.values], over: roleValueLengths)
        let valueOverflow = ValueBudget.overflow(in: [markdown], longest: longest, name: item.sop.path)
        if let valueOverflow { diagnostics.append(valueOverflow) }
        // Past the budget, views show no values at all: the build has failed, and stays small.
        let sharedValues = valueOverflow == nil ? item.values : [:]
        var anchoredLinks: [SOPViews.AnchoredLink] = []
        let misplaced = Set(document.misplacedContainers)
        for id in document.misplacedContainers where id < markdown.blocks.count {
            diagnostics.append(.error(.misplacedBlock, "this role block opens and closes at different levels (inside and outside a list or quote); close it where it opens", at: markdown.blocks[id].location))
        }
        for id in markdown.blocks.indices where !document.hasContainer(id) && !misplaced.contains(id) {
            diagnostics.append(.error(.misplacedBlock, "this role block is not a block of its own in the Markdown (indented four spaces or more it is code; inside raw HTML it is part of the HTML), so its text would show to every role; start it at the indentation of the text around it", at: markdown.blocks[id].location))
        }
        var footnoteLines: Set<Int> = []
        for (_, position) in document.footnotesInContainers where footnoteLines.insert(position.line).inserted {
            diagnostics.append(.error(.misplacedBlock, "a footnote inside a role block is shown to every role (footnotes move to the end of the page); write it outside the block, or as text in it",
                                      at: markdown.origin(of: GFMPosition(line: position.line, column: 1))))
        }
        // A note every reader gets, referenced only where some reader sees no reference.
        for footnote in document.footnotesReferencedInContainers {
            let blocks = footnote.containers.map { $0.filter { $0 < markdown.blocks.count }.map { markdown.blocks[$0] } }
            let unreferenced = readers(of: item).filter { role in blocks.allSatisfy { around in around.contains { !$0.isVisible(to: role) } } }
            guard !unreferenced.isEmpty else { continue }
            diagnostics.append(.error(.misplacedBlock, "a footnote referenced only inside a role block shows its note to every role (notes move to the end of the page, outside the block); write the note as text in the block",
                                      at: markdown.origin(of: footnote.position)))
        }
        if !resolved.pack.settings.unsafeHTML {
            var lines: Set<Int> = []
            for position in document.rawHTML where lines.insert(position.line).inserted {
                diagnostics.append(.warning(.rawHtml, "raw HTML is left out of the handbook; set options.unsafe_html: true in sopgen.yml to keep it", at: markdown.origin(of: position)))
            }
        }
        var targets: [GFMLink: LinkTarget] = [:]
        // A path broken a thousand times is looked up among the SOPs once.
        var suggestions: [String: String] = [:]
        func suggestion(for path: String) -> String {
            if let known = suggestions[path] { return known }
            let text = Suggestion.didYouMean(path, in: sopPaths)
            suggestions[path] = text
            return text
        }
        var linkReaders: [String]?
        // The readers of the SOP who see the link at `index` (outside role blocks hiding it from them).
        func seeing(_ index: Int) -> [String] {
            let readers = linkReaders ?? readers(of: item)
            linkReaders = readers
            let around = document.linkContainers[index].filter { $0 < markdown.blocks.count }.map { markdown.blocks[$0] }
            return readers.filter { role in around.allSatisfy { $0.isVisible(to: role) } }
        }
        // Each role's values merged over the SOP's, made when a link first holds a role's value.
        var roleViewValues: [String: [String: String]]?
        var linksHoldValues = false
        for (index, link) in document.links.enumerated() {
            let holdsValue = link.destination.unicodeScalars.contains(GFMReserved.tokenStart)
            linksHoldValues = linksHoldValues || holdsValue
            let location = markdown.origin(of: link.position)
            let destination = markdown.substitute(link.destination, values: sharedValues)
            // An image's source is a file, never an SOP's page: left as written, like a web address.
            let target = link.isImage ? .external : LinkTarget(destination, from: location.path)
            targets[link] = target
            guard findingProblems else { continue }
            let emptied = emptiedLinkProblems(link, seenBy: { seeing(index) }, in: markdown, values: sharedValues,
                                              roleViewValues: &roleViewValues, destination: destination, at: location)
            diagnostics += emptied.diagnostics
            if emptied.settled { continue }
            if let remote = RemoteImages.diagnostic(for: link, destination: destination,
                                                    keepsUnsafe: resolved.pack.settings.unsafeHTML, at: location) {
                diagnostics.append(remote)
            }
            if target != .external, holdsValue,
               LinkTarget(markdown.substitute(link.destination, values: sharedValues.merging(trainerRoleValues) { $1 }),
                          from: location.path) != target {
                // Each role's view would point it elsewhere, and the trainer view (which has no
                // role) nowhere: `b.md#{{role.id}}` (not `b.md?from={{role.id}}`: the query is dropped).
                diagnostics.append(.error(.brokenLink, "a link to an SOP or heading cannot be built from a role value ({{role.…}}): the trainer view has no role, so it would lead nowhere there; write a link for each role, in role blocks",
                                          at: location))
                continue
            }
            // Built from a value the site lacks: its `missing-site-value` is why the file or heading
            // it leads to is not one of the pack's.
            let lacked = holdsValue ? ValueCatalog.lackedPart(of: link.destination, in: markdown, values: sharedValues,
                                                              lacked: lackedSiteValues, from: location.path) : nil
            if lacked == .file { continue }
            let anchor: (path: String, fragment: String?)
            switch target {
            case .external:
                if holdsValue, ValueCatalog.leavesSOP(link.destination, in: markdown, values: sharedValues, from: location.path) {
                    diagnostics.append(Self.brokenLink(to: destination, at: location, suggestion: ""))
                }
                continue
            case .samePage(let fragment):
                anchor = (item.sop.path, fragment)
            case .sop(let path, let fragment):
                guard sopsByPath[path] != nil else {
                    // An SOP file that exists but could not be read has its own diagnostic.
                    guard !resolved.pack.declared.sopPaths.contains(path) else { continue }
                    diagnostics.append(Self.brokenLink(to: path, at: location, suggestion: suggestion(for: path)))
                    continue
                }
                anchor = (path, fragment)
            }
            guard lacked != .fragment, let fragment = anchor.fragment.flatMap(headingFragment) else { continue }
            anchoredLinks.append(.init(path: anchor.path, fragment: fragment, location: location, roles: seeing(index)))
        }

        var linkedPaths: Set<String> = []
        var linkedSOPs: [LinkedSOP] = []
        for case .sop(let path, _) in targets.values {
            if let target = sopsByPath[path], linkedPaths.insert(path).inserted { linkedSOPs.append(target) }
        }
        return Parsed(document: document, diagnostics: diagnostics, targets: targets, withValues: valueOverflow == nil,
                      anchoredLinks: anchoredLinks,
                      linksHoldValues: linksHoldValues, linkedSOPs: linkedSOPs)
    }

    /// The id a link's fragment names among the SOP's headings and footnotes, as a browser reads
    /// it (percent-decoded); nil for a fragment that lands on the page itself: none (`#`), `#top`
    /// (the top of the page, whatever its case) or an id the theme writes (`#content`). In a
    /// print view those go to the SOP's own section (`printTarget`).
    func headingFragment(_ fragment: String) -> String? {
        Self.headingFragment(fragment, pageIDs: pageReservedIDs)
    }

    /// `headingFragment` on a page whose theme writes `pageIDs`.
    static func headingFragment(_ fragment: String, pageIDs: Set<String>) -> String? {
        guard !fragment.isEmpty, fragment.lowercased() != "top", !pageIDs.contains(fragment) else { return nil }
        let decoded = fragment.contains("%") ? (fragment.removingPercentEncoding ?? fragment) : fragment
        return pageIDs.contains(decoded) ? nil : decoded
    }

    /// The ids the theme writes on an SOP's page, which a heading never has.
    static func pageIDs(of theme: ThemeLibrary) -> Set<String> {
        theme.fixedIDs(of: ["sop", "sop-header", "toc"])
    }

    /// A link to `path`, which no SOP of the pack has.
    static func brokenLink(to path: String, at location: SourceLocation, suggestion: String) -> Diagnostic {
        .error(.brokenLink, "link to '\(path)', which is not an SOP of this pack\(suggestion)", at: location).about(path)
    }

    /// Where a link to `fragment` of the SOP with `id` points on a print page: the heading's
    /// section (`#id--fragment`), or the SOP's own section for a fragment that names no heading.
    func printTarget(_ id: String, fragment: String?) -> String {
        guard let fragment, headingFragment(fragment) != nil else { return "#\(id)" }
        return "#\(id)--\(fragment)"
    }

    /// The roles with a view of this SOP: its audience, each once, in order, roles the pack defines.
    func readers(of item: ResolvedPack.ResolvedSOP) -> [String] {
        var seen: Set<String> = []
        return item.sop.audience.map(\.value).filter { roleValues[$0] != nil && seen.insert($0).inserted }
    }

    /// `targets` holds each link classified once; the views only decide where it points.
    private func view(for item: ResolvedPack.ResolvedSOP, role: String?, printing: Bool, parsed: Parsed) -> GFMView {
        let markdown = item.markdown
        let targets = parsed.targets
        let values = values(of: item, role: role, parsed: parsed)
        let ownID = item.sop.id
        let roleNames = roleNames
        let sopsByPath = sopsByPath
        return GFMView(
            hiddenContainers: hidden(in: item, from: role),
            containerHTML: { id in
                guard role == nil, id < markdown.blocks.count else { return ("", "") }
                return RoleBlockLabel.html(for: markdown.blocks[id], roleNames: roleNames)
            },
            substitute: { markdown.substitute($0, values: values) },
            rewriteLink: { link in
                let destination = link.destination
                guard !link.isImage else { return destination }
                // Only a destination built from a role value misses the cache.
                let target = targets[link] ?? LinkTarget(destination, from: markdown.origin(of: link.position).path)
                switch target {
                case .external:
                    return destination
                case .samePage(let fragment):
                    return printing ? printTarget(ownID, fragment: fragment) : destination
                case .sop(let path, let fragment):
                    guard let target = sopsByPath[path] else { return destination }
                    let readable = role.map { target.audience.contains($0) } ?? true
                    let suffix = fragment.map { "#" + $0 } ?? ""
                    if !readable { return "../../sops/\(target.id).html\(suffix)" }
                    if printing { return printTarget(target.id, fragment: fragment) }
                    return "\(target.id).html\(suffix)"
                }
            },
            headingIDPrefix: printing ? "\(ownID)--" : "",
            reservedIDs: printing ? printReservedIDs : pageReservedIDs,
            unprefixedReservedIDs: printing ? pageReservedIDs : []
        )
    }
}

/// The labelled box a role block gets in the trainer view.
enum RoleBlockLabel {
    static func html(for block: ExpandedMarkdown.Block, roleNames: [String: String]) -> (open: String, close: String) {
        let names = block.roles.map { HTMLText.escape(roleNames[$0] ?? $0) }.joined(separator: ", ")
        let label = block.kind == .for ? "Only for: \(names)" : "Everyone except: \(names)"
        let roles = HTMLText.escape(block.roles.joined(separator: " "))
        return ("<aside class=\"role-block role-block-\(block.kind.rawValue)\" data-roles=\"\(roles)\">\n<p class=\"role-block-label\">\(label)</p>\n",
                "</aside>\n")
    }
}
