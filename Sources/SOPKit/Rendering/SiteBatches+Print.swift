import Foundation
import GFM

/// A role's print page written as the SOPs render (`SiteBatches.growingPrintPages`).
struct GrowingPrintPage: Sendable {
    var path: String
    var role: String
    /// The page without its SOPs' headers and print views.
    var cut: PrintPageCut
    /// Where each of its SOPs (by index in the pack's SOPs) is among its sections.
    var ordinals: [Int: Int]

    /// The part of the page of the SOP at `ordinal` among its sections: the text before its
    /// header, the header, the text before its print view, the print view.
    func part(ofSOPAt ordinal: Int, header: Data, body: Data) -> Data {
        var part = Data()
        for piece in 0..<PrintPageCut.piecesPerSOP {
            part += cut.piece(piece, ofSOPAt: ordinal, header: { header }, body: { body })
        }
        return part
    }
}

/// A role's handbook pages: its index and its print page, every SOP of the role in its print view.
extension SiteBatches {
    /// The SOPs of `handbook`'s print page, in its order, each with its header.
    func printSections(_ handbook: ResolvedPack.Handbook, headers: [String: SafeHTML])
        -> [(item: ResolvedPack.ResolvedSOP, header: SafeHTML)] {
        printSections(handbook) { headers[$0] }
    }

    /// The SOPs of `handbook`'s print page, each with the header `header` gives its id (nil: left out).
    func printSections(_ handbook: ResolvedPack.Handbook, header: (String) -> SafeHTML?)
        -> [(item: ResolvedPack.ResolvedSOP, header: SafeHTML)] {
        let role = handbook.role.id
        return handbook.sopIDs.compactMap { id in
            guard let header = header(id), let item = resolved.sop(id), views.readers(of: item).contains(role) else { return nil }
            return (item, header)
        }
    }

    /// The print pages among the first `printPagesGrowing` of `prints` that grow as the SOPs
    /// render (`render`'s `append`): each SOP's part of them is rendered with its pages, from the
    /// same parse, and appended in pack order, so the print pages need no second parse and no
    /// phase of their own. A page grows when it can be cut around its SOPs with their headers left
    /// out (`PrintPageCut`) and its SOPs are in pack order (not so only with two SOPs of one id,
    /// an error); the rest are streamed after the other pages (`printFiles`).
    func growingPrintPages(_ prints: [(handbook: ResolvedPack.Handbook, path: String)]) -> [GrowingPrintPage] {
        let first = Array(prints.prefix(Self.printPagesGrowing))
        return Parallel.map(first.count) { [self] number -> GrowingPrintPage? in
            let handbook = first[number].handbook
            // Headers are left out of the cut, so any stands in for them.
            guard let page = cutInPackOrder(handbook, sections: printSections(handbook) { _ in .empty }),
                  page.cut.leavesOutHeaders else { return nil }
            return GrowingPrintPage(path: first[number].path, role: handbook.role.id, cut: page.cut,
                                    ordinals: Dictionary(uniqueKeysWithValues: page.indices.enumerated().map { ($1, $0) }))
        }.compactMap { $0 }
    }

    /// `handbook`'s print page cut around `sections` (`printCut`), with each section's SOP's index
    /// in the pack's SOPs; nil when it cannot be cut or its SOPs are not in pack order (two SOPs
    /// with one id): pages written SOP by SOP with others go through the SOPs in pack order.
    func cutInPackOrder(_ handbook: ResolvedPack.Handbook, sections: [(item: ResolvedPack.ResolvedSOP, header: SafeHTML)])
        -> (indices: [Int], cut: PrintPageCut)? {
        let indices = sections.compactMap { resolved.sopIndex[$0.item.sop.id] }
        guard indices.count == sections.count, zip(indices, indices.dropFirst()).allSatisfy({ $0 < $1 }),
              let cut = printCut(handbook, sections: sections) else { return nil }
        return (indices, cut)
    }

    /// `roles/<role>/index.html`.
    func handbookIndex(_ handbook: ResolvedPack.Handbook) -> String {
        theme.render(Page(chrome: handbookChrome(handbook), content: models.handbook(handbook)))
    }

    private func handbookChrome(_ handbook: ResolvedPack.Handbook) -> PageChrome {
        let location = PageLocation.handbook(role: handbook.role.id)
        return models.chrome(title: "\(handbook.role.name) handbook", at: location, bodyClass: "handbook", nav: navs[location]!)
    }

    /// `roles/<role>/print.html` with `bodies` as the SOPs' print views and `headers` as their
    /// headers (nil: each SOP's own).
    func printPage(_ handbook: ResolvedPack.Handbook, sections: [(item: ResolvedPack.ResolvedSOP, header: SafeHTML)],
                   headers: [SafeHTML]? = nil, bodies: [SafeHTML]) -> Page<PrintPage> {
        var chrome = handbookChrome(handbook)
        chrome.bodyClass = "print"
        let headers = headers ?? sections.map(\.header)
        let sections = zip(sections, zip(headers, bodies)).map {
            PrintPage.Section(id: $0.item.sop.id, headerHTML: $1.0, bodyHTML: $1.1)
        }
        return Page(chrome: chrome, content: models.print(handbook, sections: sections))
    }

    /// `handbook`'s print page cut around its SOPs (`PrintPageCut`); nil when it must be rendered whole.
    func printCut(_ handbook: ResolvedPack.Handbook, sections: [(item: ResolvedPack.ResolvedSOP, header: SafeHTML)])
        -> PrintPageCut? {
        PrintPageCut(theme: theme, count: sections.count) { printPage(handbook, sections: sections, headers: $0, bodies: $1) }
    }

    /// The print pages of `handbooks` as the writer streams them, side by side: each SOP is parsed
    /// once for all of these pages (`PrintViewBatches`), and every page has a piece for each SOP
    /// any of them holds (empty where it does not hold it), so the writer, asking for piece after
    /// piece of each page in turn, asks for an SOP's views together. A page whose theme does not
    /// let it be cut into segments, or whose SOPs are not in pack order (two SOPs with one id, an
    /// error), is streamed alone, by `printFile`.
    func printFiles(_ handbooks: [(handbook: ResolvedPack.Handbook, path: String)], headers: [String: SafeHTML]) -> [StreamedFile] {
        // Each page rendered around its SOPs, on every core; nil for a page streamed alone.
        let cut = Parallel.map(handbooks.count) { [self] number -> (sections: [Int], headers: [SafeHTML], cut: PrintPageCut)? in
            let handbook = handbooks[number].handbook
            let sections = printSections(handbook, headers: headers)
            guard let page = cutInPackOrder(handbook, sections: sections) else { return nil }
            return (page.indices, sections.map(\.header), page.cut)
        }
        var alone: [StreamedFile] = []
        var together: [(path: String, sections: [Int], headers: [SafeHTML], cut: PrintPageCut)] = []
        var roles: [String] = []
        for ((handbook, path), page) in zip(handbooks, cut) {
            guard let page else {
                alone.append(printFile(handbook, path: path, headers: headers))
                continue
            }
            together.append((path, page.sections, page.headers, page.cut))
            roles.append(handbook.role.id)
        }
        guard !together.isEmpty else { return alone }
        let batches = PrintViewBatches(views: views, sops: resolved.sops, roles: roles, sections: together.map(\.sections),
                                       batchSize: batchSize)
        let steps = batches.steps
        let perSOP = PrintPageCut.piecesPerSOP
        let streamed = together.enumerated().map { role, page -> StreamedFile in
            // Where each SOP of the page is among its sections.
            let ordinals = Dictionary(uniqueKeysWithValues: page.sections.enumerated().map { ($1, $0) })
            let (cut, headers) = (page.cut, page.headers)
            // The same pieces a step on every page (none where the page does not hold the SOP),
            // then the page's last segment.
            return StreamedFile(path: page.path, count: perSOP * steps.count + 1) { piece in
                guard piece < perSOP * steps.count else { return cut.last }
                let index = steps[piece / perSOP]
                guard let ordinal = ordinals[index] else { return Data() }
                return cut.piece(piece % perSOP, ofSOPAt: ordinal, header: { headers[ordinal].data },
                                 body: { batches.view(of: index, role: role) })
            }
        }
        return streamed + alone
    }

    /// The print page as the writer streams it: the page is rendered once with each SOP's header
    /// and print view left out (`PrintPageCut`), then each is rendered when the writer comes to it,
    /// so the page is never whole in memory. The bytes are those of `render(.handbook)`
    /// (`StreamingWriteTests`); a theme that does not write each body once, unescaped, gets the
    /// page rendered whole, as one piece.
    func printFile(_ handbook: ResolvedPack.Handbook, path: String, headers: [String: SafeHTML]) -> StreamedFile {
        let sections = printSections(handbook, headers: headers)
        let role = handbook.role.id
        let views = views
        guard let cut = printCut(handbook, sections: sections) else {
            let text = theme.render(printPage(handbook, sections: sections,
                                              bodies: sections.map { views.printView($0.item, role: role).safeHTML }))
            return StreamedFile(path: path, count: 1) { _ in Data(text.utf8) }
        }
        let perSOP = PrintPageCut.piecesPerSOP
        return StreamedFile(path: path, count: perSOP * sections.count + 1) { piece in
            guard piece < perSOP * sections.count else { return cut.last }
            let (item, header) = sections[piece / perSOP]
            return cut.piece(piece % perSOP, ofSOPAt: piece / perSOP, header: { header.data },
                             body: { Data(views.printView(item, role: role).bytes) })
        }
    }
}
