import GFM

/// Links and images cmark-gfm renders with an empty address (`DroppedLinks`, `unsafe-link`), as
/// each view fills them in, and images a role's value brings from another host (`remote-image`).
extension SOPViewRenderer {
    /// The problems of `link` as the views show it: the shared values filled in, or, when it holds
    /// a role's value, each reader who sees it (`seenBy`) with that role's values. `settled` when
    /// every view empties it, so nothing else about it is worth checking.
    func emptiedLinkProblems(_ link: GFMLink, seenBy readers: () -> [String], in markdown: ExpandedMarkdown,
                             values: [String: String], roleViewValues: inout [String: [String: String]]?,
                             destination: String, at location: SourceLocation) -> (diagnostics: [Diagnostic], settled: Bool) {
        // Inside an image's description a link is only text.
        guard !link.isInImageDescription else { return ([], false) }
        let holdsValue = link.destination.unicodeScalars.contains(GFMReserved.tokenStart)
        let byRole = holdsValue && markdown.valueNames(in: link.destination).contains { $0.hasPrefix("role.") }
        var views: [(owner: String?, destination: String)] = [(nil, destination)]
        if byRole {
            if roleViewValues == nil {
                roleViewValues = roleValues.mapValues { values.merging($0) { $1 } }
            }
            let merged = roleViewValues ?? [:]
            views = readers().map { role in (role, markdown.substitute(link.destination, values: merged[role] ?? values)) }
        }
        var diagnostics: [Diagnostic] = []
        let keepsUnsafe = resolved.pack.settings.unsafeHTML
        // An image from another host in a role's view, when not already in the shared view's
        // (checked with the SOP's links: `https://cdn/{{role.id}}.png` is one error).
        if link.isImage, byRole, !RemoteImages.isRemote(destination, keepsUnsafe: keepsUnsafe) {
            let remote = views.filter { RemoteImages.isRemote($0.destination, keepsUnsafe: keepsUnsafe) }
            if let first = remote.first,
               var error = RemoteImages.diagnostic(for: link, destination: first.destination, keepsUnsafe: keepsUnsafe, at: location) {
                error.message += ChecklistLinks.forOwners(remote.compactMap { view in view.owner.map { ($0, view.destination) } },
                                                          kind: "role", shown: Identifier.quoted)
                diagnostics.append(error)
            }
        }
        guard !keepsUnsafe else { return (diagnostics, false) }
        // An image emptied so is lost, never fetched: this warning, not `remote-image`.
        let emptied = views.compactMap { view in
            DroppedLinks.scheme(of: view.destination).map { scheme in (view.owner, view.destination, scheme) }
        }
        if let warning = Self.unsafeLink(emptied, owners: "role", written: holdsValue ? markdown.written(link.destination) : link.destination,
                                         image: link.isImage, at: location) {
            diagnostics.append(warning)
        }
        return (diagnostics, !emptied.isEmpty && emptied.count == views.count)
    }

    /// A link cmark-gfm renders with an empty address (`DroppedLinks`): a warning, as raw HTML
    /// left out is. `detail` follows the address: the sites it is built for, the playbook it is in.
    /// From another site (an imported playbook), `unsafe_html` would not keep it.
    static func unsafeLink(to destination: String, schemes: [String], image: Bool = false, detail: String = "",
                           fromAnotherSite: Bool = false, at location: SourceLocation) -> Diagnostic {
        let named = schemes.map { $0 + ":" }
        let kinds = named.count > 1 ? named.dropLast().joined(separator: ", ") + " and " + named.last! : named.joined()
        let what = image ? "image \(Identifier.quoted(destination))\(detail) shows nothing" : "link to \(Identifier.quoted(destination))\(detail) leads nowhere"
        if fromAnotherSite {
            return .warning(.unsafeLink, "\(what): it came from another site, and the handbook empties \(kinds) addresses in imported "
                            + "steps even with options.unsafe_html: true; link to a web page instead", at: location)
        }
        return .warning(.unsafeLink, "\(what): the handbook empties \(kinds) addresses, which can run code or open files in the "
                        + "reader's browser; \(image ? "use an image file, or a data:image/png, gif, jpeg or webp" : "link to a web page or an SOP"), "
                        + "or set options.unsafe_html: true in sopgen.yml to keep it", at: location)
    }

    /// One warning for a link emptied as it is filled in for one or more sites or roles (`owner`,
    /// nil for the pack's values), naming each scheme and, after the first, each other one's
    /// address where it differs: `link to 'x', as '{{site.y}}' is filled in (for site 'a'; also
    /// for 1 more site: 'b' ('z')), leads nowhere`.
    static func unsafeLink(_ emptied: [(owner: String?, destination: String, scheme: String)], owners kind: String,
                           written: String, image: Bool, at location: SourceLocation) -> Diagnostic? {
        guard let first = emptied.first else { return nil }
        let schemes = emptied.map(\.scheme).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var detail = ""
        if written != first.destination {
            let owners = first.owner == nil ? "" : ChecklistLinks.forOwners(
                emptied.compactMap { view in view.owner.map { ($0, view.destination) } }, kind: kind, shown: Identifier.quoted)
            detail = ", as \(Identifier.quoted(written)) is filled in\(owners),"
        }
        return unsafeLink(to: first.destination, schemes: schemes, image: image, detail: detail, at: location)
    }
}
