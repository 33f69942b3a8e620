import GFM

/// Pages load nothing from the network. An image whose source is on another host would be fetched
/// each time a page is opened: a tracker in a handbook, and a hole in it offline or on paper. One
/// rule for every piece of Markdown sopgen renders: SOPs (checked where their links are classified,
/// after values are filled in), playbook steps and checklist items (here). Links stay: a reader follows one by choice.
enum RemoteImages {
    /// Whether a browser would fetch `destination` from outside the site: any scheme but `data:`,
    /// or a network path (`//host`, which browsers also read from `\\host` and `/\host`). Tabs and
    /// line breaks inside a URL and spaces or control characters around it are dropped first, as
    /// the URL standard's parser does. Unless the page keeps unsafe addresses (`keepsUnsafe`: raw
    /// HTML allowed), cmark-gfm empties a `javascript:`, `vbscript:`, `file:` or `data:` source
    /// (`DroppedLinks`): nothing is fetched, and `unsafe-link` says the image is lost.
    static func isRemote(_ destination: String, keepsUnsafe: Bool) -> Bool {
        guard keepsUnsafe || DroppedLinks.scheme(of: destination) == nil else { return false }
        let scalars = destination.unicodeScalars
            .filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
            .drop { $0.value <= 0x20 }
        let text = String(String.UnicodeScalarView(scalars)).replacingOccurrences(of: "\\", with: "/")
        if text.hasPrefix("//") { return true }
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        func isLetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
        guard let first = scheme.unicodeScalars.first, isLetter(first),
              scheme.unicodeScalars.allSatisfy({ isLetter($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) })
        else { return false }
        return scheme.lowercased() != "data"
    }

    /// The error for an image at `location` whose (filled-in) source is remote, or nil.
    static func diagnostic(for link: GFMLink, destination: String, keepsUnsafe: Bool, at location: SourceLocation) -> Diagnostic? {
        // An image inside another's description is only its alt text: nothing is fetched.
        guard link.isImage, !link.isInImageDescription, isRemote(destination, keepsUnsafe: keepsUnsafe) else { return nil }
        // Kept by `unsafe_html`, a `file:` source is read from the reader's own disk, not the network.
        let from = DroppedLinks.scheme(of: destination) == "file" ? "the reader's own disk, outside the site," : "the network"
        return .error(.remoteImage, "image \(Identifier.quoted(destination)) would be loaded from \(from) each time the page "
                      + "opens, and sopgen's pages load nothing from it; link to it instead ([…](…) without the '!') or leave it out",
                      at: location)
    }

    /// Remote images in playbook steps, the pack's own and imported ones alike.
    static func check(_ pack: Pack) -> [Diagnostic] {
        pack.playbooks.flatMap { playbook -> [Diagnostic] in
            guard playbook.steps.contains("![") else { return [] }
            let document = GFMDocument(markdown: GFMReserved.sanitize(playbook.steps))
            let keepsUnsafe = playbook.trustsHTML(in: pack.settings)
            return document.links.compactMap {
                diagnostic(for: $0, destination: $0.destination, keepsUnsafe: keepsUnsafe, at: playbook.location(inSteps: $0.position))
            }
        }
    }

    /// Remote images in checklist items, snippets included, with each site's values filled in: a
    /// checklist is printed for every site, so an image source built from a site value is checked
    /// against each. One diagnostic per image.
    static func checkChecklists(_ pack: Pack) -> [Diagnostic] {
        guard !pack.checklists.isEmpty else { return [] }
        let graph = IncludeGraph(snippets: pack.snippets)
        let valueSets = pack.sites.isEmpty ? [[:]] : pack.sites.map { ValueCatalog.shared(pack: pack, site: $0) }
        var diagnostics: [Diagnostic] = []
        for checklist in pack.checklists {
            for expanded in graph.expandedItems(of: checklist) {
                guard expanded.text.contains("![") else { continue }
                for link in GFMDocument(markdown: expanded.text).links where link.isImage {
                    let location = expanded.origin(of: link.position)
                    if let found = valueSets.lazy.compactMap({
                        diagnostic(for: link, destination: expanded.substitute(link.destination, values: $0),
                                   keepsUnsafe: pack.settings.unsafeHTML, at: location)
                    }).first {
                        diagnostics.append(found)
                    }
                }
            }
        }
        return diagnostics
    }
}
