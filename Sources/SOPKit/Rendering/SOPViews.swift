import GFM

/// Every rendering of one SOP: the trainer view, each role's view, and each role's print section.
struct SOPViews: Sendable {
    var trainer: GFMRendering
    var roles: [String: GFMRendering]
    var print: [String: GFMRendering]
    var diagnostics: [Diagnostic]
    /// Links into other SOPs with a heading, to check once every SOP's headings are known.
    var anchoredLinks: [(path: String, fragment: String, location: SourceLocation)]
}

/// Renders one SOP's views from a single parse.
struct SOPViewRenderer: Sendable {
    let resolved: ResolvedPack
    /// SOP id by pack path, for links between SOPs.
    let sopsByPath: [String: SOP]
    let roleValues: [String: [String: String]]
    let trainerRoleValues: [String: String]
    /// Role names by id, for the trainer view's role block labels.
    let roleNames: [String: String]
    /// Every SOP id: the section ids of a print page, which no heading id may take.
    let sopIDs: Set<String>

    init(resolved: ResolvedPack) {
        sopIDs = Set(resolved.sops.map(\.sop.id))
        self.resolved = resolved
        sopsByPath = Dictionary(resolved.sops.map { ($0.sop.path, $0.sop) }, uniquingKeysWith: { first, _ in first })
        // The first of two roles with one id wins, as everywhere else; validation reports the second.
        roleValues = Dictionary(resolved.pack.roles.map { ($0.id, ValueCatalog.forRole($0, pack: resolved.pack)) },
                                uniquingKeysWith: { first, _ in first })
        trainerRoleValues = ValueCatalog.forRole(nil, pack: resolved.pack)
        roleNames = Dictionary(resolved.pack.roles.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    func render(_ item: ResolvedPack.ResolvedSOP) -> SOPViews {
        let markdown = item.markdown
        var diagnostics: [Diagnostic] = []
        let document = GFMDocument(markdown: markdown.text, options: GFMOptions(allowsRawHTML: resolved.pack.settings.unsafeHTML))
        for table in document.oversizedTables {
            diagnostics.append(.tableTooLarge(table, at: markdown.origin(of: table.position)))
        }
        if let position = document.tooDeep {
            diagnostics.append(.markdownTooDeep(at: markdown.origin(of: position)))
        }
        let longest = ValueBudget.longest([item.values, trainerRoleValues] + Array(roleValues.values))
        let valueOverflow = ValueBudget.overflow(in: [markdown], longest: longest, name: item.sop.path)
        if let valueOverflow { diagnostics.append(valueOverflow) }
        // Past the budget, views show no values at all: the build has failed, and stays small.
        let sharedValues = valueOverflow == nil ? item.values : [:]
        var anchoredLinks: [(String, String, SourceLocation)] = []
        for id in document.misplacedContainers where id < markdown.blocks.count {
            diagnostics.append(.error("misplaced-block", "this role block opens and closes at different levels (inside and outside a list or quote); close it where it opens", at: markdown.blocks[id].location))
        }
        if !resolved.pack.settings.unsafeHTML {
            var lines: Set<Int> = []
            for position in document.rawHTML where lines.insert(position.line).inserted {
                diagnostics.append(.warning("raw-html", "raw HTML is left out of the handbook; set options.unsafe_html: true in sopgen.yml to keep it", at: markdown.origin(of: position)))
            }
        }
        var targets: [GFMLink: LinkTarget] = [:]
        // A path broken a thousand times is looked up among the SOPs once.
        var suggestions: [String: String] = [:]
        let sopPaths = sopsByPath.keys.sorted()
        func suggestion(for path: String) -> String {
            if let known = suggestions[path] { return known }
            let text = Suggestion.didYouMean(path, in: sopPaths)
            suggestions[path] = text
            return text
        }
        for link in document.links {
            let location = markdown.origin(of: link.position)
            let destination = markdown.substitute(link.destination, values: sharedValues)
            let target = LinkTarget(destination, from: location.path)
            targets[link] = target
            if let remote = RemoteImages.diagnostic(for: link, destination: destination, at: location) {
                diagnostics.append(remote)
            }
            guard case .sop(let path, let fragment) = target else { continue }
            if sopsByPath[path] == nil {
                // An SOP file that exists but could not be read has its own diagnostic.
                guard !resolved.pack.declared.sopPaths.contains(path) else { continue }
                diagnostics.append(.error("broken-link", "link to '\(path)', which is not an SOP of this pack\(suggestion(for: path))",
                                          at: location).about(path))
            } else if let fragment, !fragment.isEmpty {
                anchoredLinks.append((path, fragment, location))
            }
        }

        let trainer = document.render(view(for: item, role: nil, printing: false, targets: targets, withValues: valueOverflow == nil))
        var roles: [String: GFMRendering] = [:]
        var print: [String: GFMRendering] = [:]
        for audience in item.sop.audience {
            let role = audience.value
            guard roles[role] == nil, roleValues[role] != nil else { continue }
            roles[role] = document.render(view(for: item, role: role, printing: false, targets: targets, withValues: valueOverflow == nil))
            print[role] = document.render(view(for: item, role: role, printing: true, targets: targets, withValues: valueOverflow == nil))
        }
        return SOPViews(trainer: trainer, roles: roles, print: print, diagnostics: diagnostics, anchoredLinks: anchoredLinks)
    }

    /// `targets` holds each link classified once; the views only decide where it points.
    private func view(for item: ResolvedPack.ResolvedSOP, role: String?, printing: Bool, targets: [GFMLink: LinkTarget], withValues: Bool) -> GFMView {
        let markdown = item.markdown
        let values = withValues ? item.values.merging(role.flatMap { roleValues[$0] } ?? trainerRoleValues) { $1 } : [:]
        let ownID = item.sop.id
        let roleNames = roleNames
        let sopsByPath = sopsByPath
        let hidden: Set<Int> = role.map { role in
            Set(markdown.blocks.indices.filter { !markdown.blocks[$0].isVisible(to: role) })
        } ?? []
        return GFMView(
            hiddenContainers: hidden,
            containerHTML: { id in
                guard role == nil, id < markdown.blocks.count else { return ("", "") }
                return RoleBlockLabel.html(for: markdown.blocks[id], roleNames: roleNames)
            },
            substitute: { markdown.substitute($0, values: values) },
            rewriteLink: { link in
                let destination = link.destination
                // Only a destination built from a role value misses the cache.
                let target = targets[link] ?? LinkTarget(destination, from: markdown.origin(of: link.position).path)
                switch target {
                case .external:
                    return destination
                case .samePage(let fragment):
                    return printing ? "#\(ownID)--\(fragment)" : destination
                case .sop(let path, let fragment):
                    guard let target = sopsByPath[path] else { return destination }
                    let readable = role.map { role in target.audience.contains { $0.value == role } } ?? true
                    let suffix = fragment.map { "#" + $0 } ?? ""
                    if !readable { return "../../sops/\(target.id).html\(suffix)" }
                    if printing { return "#\(target.id)" + (fragment.map { "--" + $0 } ?? "") }
                    return "\(target.id).html\(suffix)"
                }
            },
            headingIDPrefix: printing ? "\(ownID)--" : "",
            // A print page gives each SOP a section with the SOP's id; every page has the theme's ids.
            reservedIDs: printing ? sopIDs.union(resolved.pack.theme.fixedIDs(of: ["print", "sop-header", "toc"]))
                : resolved.pack.theme.fixedIDs(of: ["sop", "sop-header", "toc"])
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
