import Foundation
import GFM

/// The render stage for `sopgen serve`: the same pages as `render`, kept whole in memory, with
/// each SOP's rendering kept apart so that an edit to one SOP re-renders that SOP alone and then
/// the pages that gather SOPs (handbooks, print pages, home, training pages, checklists).
extension SiteBatches {
    /// The SOPs at `indices` of `resolved.sops`, rendered on every core, in the order given.
    func renderSOPs(_ indices: [Int]) -> [RenderedSOP] {
        let sops = resolved.sops
        return Parallel.map(indices.count) { [self] in renderSOP(sops[indices[$0]]) }
    }

    /// What `render` reports once every SOP is rendered: the theme's and the playbooks' problems,
    /// each SOP's, and links to a heading another SOP does not have.
    func diagnostics(of sops: [RenderedSOP]) -> [Diagnostic] {
        var diagnostics = theme.diagnostics + UntrustedPlaybookHTML.diagnostics(in: resolved.pack) + resolved.checklistLinks.diagnostics
        var headings = LinkedHeadings(roleNames: resolved.names.roles)
        var anchoredLinks = resolved.checklistLinks.anchoredLinks
        for sop in sops {
            diagnostics += sop.diagnostics
            headings.add(sop.headings, path: sop.path)
            anchoredLinks += sop.anchoredLinks
        }
        return diagnostics + headings.diagnostics(for: anchoredLinks)
    }

    /// Each reader's print view of the SOPs at `indices` of `resolved.sops` (by role: a section of
    /// that role's print handbook), rendered on every core, in the order given. A print view
    /// depends on its SOP, the pack's roles and the SOPs' ids, paths and audiences, never on
    /// another SOP's body: `LivePreview` keeps them and renders only the edited SOP's again.
    func renderPrintViews(_ indices: [Int]) -> [[String: SafeHTML]] {
        let sops = resolved.sops
        return Parallel.map(indices.count) { [views] in
            let item = sops[indices[$0]]
            return Dictionary(views.readers(of: item).map { ($0, views.printView(item, role: $0).safeHTML) }) { first, _ in first }
        }
    }

    /// Every page but the SOPs' own, the search index and the assets, from the SOPs' headers and
    /// sections (`sops` in `resolved.sops` order, as `render` gathers them) and their print views
    /// (`printViews`, in the same order; any missing is rendered).
    func renderGatheringPages(_ sops: [RenderedSOP], printViews: [[String: SafeHTML]] = []) -> [OutputPlan.File] {
        var headers: [String: SafeHTML] = [:]
        var prints: [String: [String: SafeHTML]] = [:]
        var search = SearchIndex()
        // The first of two SOPs with one id wins, as in `render`.
        for (index, sop) in sops.enumerated() {
            if headers[sop.id] == nil {
                headers[sop.id] = sop.header
                if index < printViews.count { prints[sop.id] = printViews[index] }
            }
            search.append(sop.search)
        }
        let others = otherPages
        let sections = headers
        let printSections = prints
        let files = Parallel.map(others.count) { [self] index in
            zip(others[index].paths, render(others[index].page, headers: sections, printViews: printSections)).map { path, text in
                OutputPlan.File(path: path, contents: Data(text.utf8))
            }
        }
        return searchFiles(search) + files.flatMap { $0 } + assetNames.map { OutputPlan.File(path: "assets/\($0)", contents: theme.assets[$0]!) }
    }
}
