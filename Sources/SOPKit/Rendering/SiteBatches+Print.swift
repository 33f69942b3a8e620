import Foundation
import GFM

/// A role's handbook pages: its index and its print page, every SOP of the role in its print view.
extension SiteBatches {
    /// The SOPs of `handbook`'s print page, in its order, each with its header.
    func printSections(_ handbook: ResolvedPack.Handbook, headers: [String: SafeHTML])
        -> [(item: ResolvedPack.ResolvedSOP, header: SafeHTML)] {
        let role = handbook.role.id
        return handbook.sopIDs.compactMap { id in
            guard let header = headers[id], let item = resolved.sop(id), views.readers(of: item).contains(role) else { return nil }
            return (item, header)
        }
    }

    /// `roles/<role>/index.html`.
    func handbookIndex(_ handbook: ResolvedPack.Handbook) -> String {
        theme.render(Page(chrome: handbookChrome(handbook), content: models.handbook(handbook)))
    }

    private func handbookChrome(_ handbook: ResolvedPack.Handbook) -> PageChrome {
        let location = PageLocation.handbook(role: handbook.role.id)
        return models.chrome(title: "\(handbook.role.name) handbook", at: location, bodyClass: "handbook", nav: navs[location]!)
    }

    /// `roles/<role>/print.html` with `bodies` as the SOPs' print views.
    func printPage(_ handbook: ResolvedPack.Handbook, sections: [(item: ResolvedPack.ResolvedSOP, header: SafeHTML)],
                   bodies: [SafeHTML]) -> Page<PrintPage> {
        var chrome = handbookChrome(handbook)
        chrome.bodyClass = "print"
        let sections = zip(sections, bodies).map { PrintPage.Section(id: $0.item.sop.id, headerHTML: $0.header, bodyHTML: $1) }
        return Page(chrome: chrome, content: models.print(handbook, sections: sections))
    }

    /// The print page as the writer streams it: the page is rendered once with each SOP's print
    /// view left out (`ThemeLibrary.segments`), then each view is rendered when the writer comes
    /// to it, so the page is never whole in memory. The bytes are those of `render(.handbook)`
    /// (`StreamingWriteTests`); a theme that does not write each body once, unescaped, gets the
    /// page rendered whole, as one piece.
    func printFile(_ handbook: ResolvedPack.Handbook, path: String, headers: [String: SafeHTML]) -> StreamedFile {
        let sections = printSections(handbook, headers: headers)
        let role = handbook.role.id
        let views = views
        guard let segments = theme.segments(of: { printPage(handbook, sections: sections, bodies: $0) }, leavingOut: sections.count) else {
            let text = theme.render(printPage(handbook, sections: sections,
                                              bodies: sections.map { views.printView($0.item, role: role).safeHTML }))
            return StreamedFile(path: path, count: 1) { _ in Data(text.utf8) }
        }
        let items = sections.map(\.item)
        // Pieces alternate: a segment of the page, then an SOP's print view.
        return StreamedFile(path: path, count: segments.count + items.count) { index in
            index.isMultiple(of: 2) ? segments[index / 2] : Data(views.printView(items[index / 2], role: role).html.utf8)
        }
    }
}
