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
        var diagnostics = theme.diagnostics + UntrustedPlaybookHTML.diagnostics(in: resolved.pack)
        var headingsByPath: [String: Set<String>] = [:]
        var anchoredLinks: [SOPViews.AnchoredLink] = []
        for sop in sops {
            diagnostics += sop.diagnostics
            headingsByPath[sop.path] = sop.headings
            anchoredLinks += sop.anchoredLinks
        }
        return diagnostics + Self.brokenAnchors(anchoredLinks, headingsByPath: headingsByPath)
    }

    /// Every page but the SOPs' own, the search index and the assets, from the SOPs' headers and
    /// sections (`sops` in `resolved.sops` order, as `render` gathers them).
    func renderGatheringPages(_ sops: [RenderedSOP]) -> [OutputPlan.File] {
        var headers: [String: SafeHTML] = [:]
        var search = SearchIndex()
        // The first of two SOPs with one id wins, as in `render`.
        for sop in sops {
            if headers[sop.id] == nil { headers[sop.id] = sop.header }
            search.append(sop.search)
        }
        let others = otherPages
        let sections = headers
        let files = Parallel.map(others.count) { [self] index in
            zip(others[index].paths, render(others[index].page, headers: sections)).map { path, text in
                OutputPlan.File(path: path, contents: Data(text.utf8))
            }
        }
        return searchFiles(search) + files.flatMap { $0 } + assetNames.map { OutputPlan.File(path: "assets/\($0)", contents: theme.assets[$0]!) }
    }
}
