import Foundation
import GFM

/// One SOP's pages: its trainer view and each reader's view, and its parts of the print pages
/// growing with the SOPs.
extension SiteBatches {
    struct RenderedSOP: Sendable {
        var id: String
        var path: String
        var files: [OutputPlan.File]
        var diagnostics: [Diagnostic]
        var headings: SOPHeadings
        var anchoredLinks: [SOPViews.AnchoredLink]
        var header: SafeHTML
        /// The SOP's sections in each of its views.
        var search: SearchIndex
        /// Its part of each growing print page that holds it, by the page's number among them.
        var printParts: [(page: Int, part: Data)] = []
    }

    /// The SOP's pages, and its parts of the `growing` print pages (`index`: its place in the pack's SOPs).
    func renderSOP(_ item: ResolvedPack.ResolvedSOP, at index: Int? = nil, growing: [GrowingPrintPage] = []) -> RenderedSOP {
        // The growing pages that hold the SOP, each with the SOP's place among its sections.
        let printing = index.map { index in
            growing.indices.compactMap { page in growing[page].ordinals[index].map { (page: page, ordinal: $0) } }
        } ?? []
        let rendered = views.render(item, printRoles: printing.map { growing[$0.page].role })
        // The same in every view of this SOP: rendered once, not once per role.
        let header = theme.fragment(models.sopHeader(item))
        let headerData = printing.isEmpty ? Data() : header.data
        let printParts = printing.map { page, ordinal in
            (page: page, part: growing[page].part(ofSOPAt: ordinal, header: headerData,
                                                  body: Data(rendered.prints[growing[page].role]!.bytes)))
        }
        var tocs: [[GFMHeading]: SafeHTML] = [:]
        func toc(_ rendering: GFMRendering) -> SafeHTML {
            let headings = rendering.headings.filter { $0.level == 2 }
            guard !headings.isEmpty else { return .empty }
            if let html = tocs[headings] { return html }
            let html = theme.fragment(models.tableOfContents(rendering))
            tocs[headings] = html
            return html
        }
        let heading = SOPPage.Heading(title: item.sop.title, id: item.sop.id)
        let paths = sopPaths(item)
        var pages: [Data] = []

        let id = item.sop.id
        let readers = pageRoles(item).compactMap { role in
            rendered.roles[role].flatMap { rendering in models.roleNames[role].map { (id: role, name: $0, rendering: rendering) } }
        }
        let trainerPager = self.pager(id, in: "")
        let trainer = SOPPage(sop: heading, sopHeaderHTML: header, bodyHTML: rendered.trainer.safeHTML,
                              tocHTML: toc(rendered.trainer), isTrainerView: true, role: nil, trainerHref: nil,
                              previous: trainerPager.previous, next: trainerPager.next,
                              hasPager: trainerPager != .none,
                              roleViews: readers.map { .init(id: $0.id, name: $0.name, href: "../roles/\($0.id)/\(id).html") },
                              hasRoleViews: !readers.isEmpty)
        let trainerChrome = models.chrome(title: item.sop.title, at: .trainerSOP, bodyClass: "sop trainer-view",
                                          nav: navs[.trainerSOP]!)
        pages.append(theme.renderData(Page(chrome: trainerChrome, content: trainer)))

        for reader in readers {
            let location = PageLocation.roleSOP(role: reader.id)
            let roleChrome = models.chrome(title: item.sop.title, at: location, bodyClass: "sop role-view", nav: navs[location]!)
            let pager = self.pager(id, in: reader.id)
            let page = SOPPage(sop: heading, sopHeaderHTML: header, bodyHTML: reader.rendering.safeHTML,
                               tocHTML: toc(reader.rendering), isTrainerView: false,
                               role: .init(id: reader.id, name: reader.name, href: "index.html"),
                               trainerHref: "../../sops/\(id).html", previous: pager.previous, next: pager.next,
                               hasPager: pager != .none, roleViews: [], hasRoleViews: false)
            pages.append(theme.renderData(Page(chrome: roleChrome, content: page)))
        }
        var search = SearchIndex()
        let sections = SectionSplitter.sections(of: [rendered.trainer] + readers.map(\.rendering), sopID: id)
        search.add(sopID: id, title: item.sop.title, trainer: sections[0],
                   readers: zip(readers, sections.dropFirst()).map { ($0.id, $1) })
        return RenderedSOP(
            id: item.sop.id, path: item.sop.path,
            files: zip(paths, pages).map { OutputPlan.File(path: $0, contents: $1) },
            diagnostics: rendered.diagnostics, headings: SOPHeadings(rendered),
            anchoredLinks: rendered.anchoredLinks, header: header, search: search, printParts: printParts)
    }
}
