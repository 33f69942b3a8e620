import Foundation
import GFM

/// The render stage: a resolved pack to its files, batch by batch. Every path is known before
/// anything renders (`SiteBatches.paths`, what the writer's manifest lists first); the files come
/// in bounded batches for the writer to stream to disk, or for `render` to collect. Nothing here
/// touches the disk.
public struct SiteRenderer: Sendable {
    public init() {}

    /// Every file in memory, with the render diagnostics: what `Pipeline.plan()` and tests use.
    public func render(_ resolved: ResolvedPack) async -> (plan: OutputPlan, diagnostics: [Diagnostic]) {
        var plan = OutputPlan()
        let diagnostics = SiteBatches(resolved).render { (files: [OutputPlan.File]) in plan.add(files) }
        return (plan, diagnostics)
    }

    /// The render diagnostics only, what `check` needs: every problem rendering finds comes from
    /// parsing each SOP and its trainer view's headings, so no page is rendered or kept.
    public func check(_ resolved: ResolvedPack) -> [Diagnostic] {
        SiteBatches.diagnostics(resolved, views: SOPViewRenderer(resolved: resolved))
    }
}

/// The site in batches of `batchSize` SOPs: each batch is rendered on every core (rendering is
/// pure; the results keep SOP order) and handed on before the next starts, so memory holds one
/// batch of pages, not the site. What outlives a batch is small: each SOP's heading ids and
/// anchored links (checked once all SOPs are known) and its header (for the print pages that do
/// not grow with the SOPs, which render each SOP's print view again when they are rendered).
struct SiteBatches: Sendable {
    /// Enough SOPs to keep both cores busy and the disk writes large; few enough to stay flat: a
    /// batch holds its SOPs' pages and their parts of the print pages while the batch before is
    /// written (64 SOPs build as fast as 128 did, in 5 to 7 MiB less).
    static let defaultBatchSize = 64

    /// Print pages written side by side at most (each an open file while they are written); each
    /// SOP is parsed once per group of them.
    static let printPagesTogether = 32

    /// Print pages grown with the SOPs at most (`growingPrintPages`): open beside the shared search
    /// file and the file each of the writer's two threads is writing, they need no more file
    /// descriptors at once than the print pages written side by side.
    static let printPagesGrowing = printPagesTogether - 3

    let resolved: ResolvedPack
    let theme: ThemeLibrary
    let views: SOPViewRenderer
    let models: PageModelBuilder
    /// The menu of each location, rendered once: it marks the location's entry.
    let navs: [PageLocation: SafeHTML]
    /// The order of the SOPs of each view, by role id ("" for the trainer view), for their pagers.
    let pagers: [String: PagerSequence]
    let checklists: ChecklistRenderer
    let training: TrainingRenderer
    /// The handbook's version (each SOP's hash), for the training pages and `handbook-version.json`:
    /// hashed when first needed, after the SOPs' own pages (`sopgen serve` publishes those first).
    var version: HandbookVersion { versionOnce.value.version }
    /// `handbook-version.json`, written when the version is hashed (a build hashes it while the
    /// writer prepares its folder), not by whichever batch comes last.
    var versionJSON: String { versionOnce.value.json }
    private let versionOnce: Once<(version: HandbookVersion, json: String)>
    let batchSize: Int

    /// `navs`: the menus of another render of a pack with the same roles, sites, checklists,
    /// playbooks and automations (`sopgen serve`, after an edit of SOPs alone), not rendered again.
    init(_ resolved: ResolvedPack, batchSize: Int = Self.defaultBatchSize, navs: [PageLocation: SafeHTML]? = nil) {
        self.resolved = resolved
        theme = resolved.pack.theme
        views = SOPViewRenderer(resolved: resolved)
        let models = PageModelBuilder(resolved: resolved)
        self.models = models
        let theme = theme
        let roles = resolved.handbooks.map(\.role.id)
        // Three menus per role, each listing every role's handbook: rendered side by side.
        self.navs = navs ?? {
            let locations = PageLocation.all(roles: roles)
            let menus = Parallel.map(locations.count) { theme.fragment(models.navigation(at: locations[$0])) }
            return Dictionary(zip(locations, menus), uniquingKeysWith: { first, _ in first })
        }()
        let views = views
        var pagers = ["": PagerSequence(resolved.sops.map(\.sop.id))]
        // Each SOP's readers made once, not once per handbook that lists it.
        let readers = resolved.sops.map { Set(views.readers(of: $0)) }
        for handbook in resolved.handbooks where pagers[handbook.role.id] == nil {
            let role = handbook.role.id
            let ids = handbook.sopIDs.filter { id in resolved.sopIndex[id].map { readers[$0].contains(role) } ?? false }
            pagers[role] = PagerSequence(ids)
        }
        self.pagers = pagers
        checklists = ChecklistRenderer(pack: resolved.pack, today: resolved.today)
        training = TrainingRenderer(resolved: resolved, models: models, theme: theme)
        versionOnce = Once {
            let version = HandbookVersion.current(resolved)
            return (version, version.json)
        }
        self.batchSize = max(batchSize, 1)
    }

    // MARK: Paths

    /// Every file the site has, before any is rendered: the writer's manifest.
    var paths: [String] {
        var paths: [String] = []
        for item in resolved.sops { paths += sopPaths(item) }
        paths += searchPaths
        paths += otherPages.flatMap(\.paths)
        paths += assetNames.map { "assets/\($0)" }
        return paths
    }

    /// The trainer view, then one page per role that reads the SOP.
    func sopPaths(_ item: ResolvedPack.ResolvedSOP) -> [String] {
        ["sops/\(item.sop.id).html"] + pageRoles(item).map { "roles/\($0)/\(item.sop.id).html" }
    }

    /// The roles with a page of the SOP: its readers the pack names, sorted.
    func pageRoles(_ item: ResolvedPack.ResolvedSOP) -> [String] {
        views.readers(of: item).sorted().filter { models.roleNames[$0] != nil }
    }

    var assetNames: [String] { theme.assets.keys.sorted() }

    /// The search index: the shared sections, the trainer view's, each role's.
    private var searchScopes: [SearchIndex.Scope] {
        var seen: Set<String> = []
        return [.trainer] + resolved.handbooks.map(\.role.id).filter { seen.insert($0).inserted }.map { .role($0) }
    }

    private var searchPaths: [String] { [SearchIndex.commonPath] + searchScopes.map(\.path) }

    /// Each role's print page, with its path, in the order of `otherPages`.
    var printPages: [(handbook: ResolvedPack.Handbook, path: String)] {
        otherPages.compactMap { page in
            guard case .handbook(let number) = page.page else { return nil }
            return (resolved.handbooks[number], page.paths[1])
        }
    }

    /// The pages besides the SOPs' own: rendered after them, since a role's print page needs
    /// every SOP's print section; in a build, with the batches of SOPs instead (a print page
    /// grows with the SOPs or is streamed after the rest, see `render`).
    enum Other: Sendable {
        case handbook(Int), training(Int), home, trainerIndex, playbooks, automations, checklist(site: Int, checklist: Int)
        case handbookVersion
    }

    var otherPages: [(page: Other, paths: [String])] {
        var pages: [(Other, [String])] = resolved.handbooks.indices.map { index in
            let id = resolved.handbooks[index].role.id
            return (.handbook(index), ["roles/\(id)/index.html", "roles/\(id)/print.html"])
        }
        pages += resolved.handbooks.indices.map { (.training($0), training.paths(for: resolved.handbooks[$0])) }
        pages.append((.home, ["index.html"]))
        pages.append((.trainerIndex, ["sops/index.html"]))
        pages.append((.handbookVersion, [HandbookVersion.fileName]))
        let pack = resolved.pack
        if !pack.playbooks.isEmpty {
            pages.append((.playbooks, ["playbooks/index.html"] + pack.playbooks.map { "playbooks/\($0.id).html" }))
        }
        if !pack.automations.isEmpty { pages.append((.automations, ["automations/index.html"])) }
        for site in pack.sites.indices {
            for checklist in pack.checklists.indices {
                let base = "checklists/\(pack.sites[site].id)/\(pack.checklists[checklist].id)"
                pages.append((.checklist(site: site, checklist: checklist), ["\(base).html", "\(base).md", "\(base).json"]))
            }
        }
        return pages
    }

    // MARK: Rendering

    /// Renders the site, handing each batch of files to `write` in order; returns the diagnostics.
    /// `stopsAtError` (a build): once an error is known no more pages are rendered or handed on,
    /// and the rest of the diagnostics come from `diagnostics()`, so a failing build reports what
    /// `check` reports without writing pages it will throw away.
    /// With `stream`, each role's print page goes to it as a `StreamedFile` instead (see
    /// `printFiles`, written side by side); without, it comes whole with the other files. With
    /// `append`, the search index's shared sections go to it batch by batch, into
    /// `search/common.js`, and are not kept; without, that file comes whole at the end. With both,
    /// the print pages that can grow with the SOPs (`growingPrintPages`) go to `append` too, each
    /// SOP's part as its batch is written.
    /// `growing`: the print pages to grow, made beforehand (`growingPrintPages(printPages)`,
    /// while the writer prepares its folder); nil, made here when they are grown.
    func render<Failure: Error>(stopsAtError: Bool = false,
                                _ write: ([OutputPlan.File]) throws(Failure) -> Void,
                                stream: (([StreamedFile]) throws(Failure) -> Void)? = nil,
                                append: ((_ path: String, _ piece: Data, _ last: Bool) throws(Failure) -> Void)? = nil,
                                growing: [GrowingPrintPage]? = nil) throws(Failure) -> [Diagnostic] {
        var diagnostics = theme.diagnostics + UntrustedPlaybookHTML.diagnostics(in: resolved.pack) + resolved.checklistLinks.diagnostics
        var headings = LinkedHeadings(roleNames: resolved.names.roles)
        var anchoredLinks = resolved.checklistLinks.anchoredLinks
        var headers: [String: SafeHTML] = [:]
        var search = SearchIndex()
        let sops = resolved.sops
        let others = otherPages
        let prints = printPages
        let growing = append != nil && stream != nil ? growing ?? growingPrintPages(prints) : []
        // Streamed, the other pages need nothing the SOPs' pages make (a role's print page is
        // grown or streamed apart; its index needs no SOP header): each batch of SOPs renders a
        // share of them on the same cores, so they have no phase of their own.
        let streams = stream != nil
        let batchCount = (sops.count + batchSize - 1) / batchSize
        var othersDone = 0
        if streams, batchCount > 0, !others.isEmpty { _ = version }
        try append?(SearchIndex.commonPath, SearchIndexScript.commonOpening, false)
        for start in stride(from: 0, to: sops.count, by: batchSize) {
            let batch = sops[start..<min(start + batchSize, sops.count)]
            let share = streams ? others[othersDone..<(start / batchSize + 1) * others.count / batchCount] : []
            othersDone = share.endIndex
            let work = Parallel.map(share.count + batch.count) { [self] index -> BatchWork in
                guard index >= share.count else { return .other(otherFiles(share[share.startIndex + index], headers: [:], streams: true)) }
                let number = index - share.count
                return .sop(renderSOP(batch[batch.startIndex + number], at: start + number, growing: growing))
            }
            var files: [OutputPlan.File] = []
            var rendered: [RenderedSOP] = []
            for item in work {
                switch item {
                case .sop(let sop): rendered.append(sop)
                case .other(let other): files += other
                }
            }
            for sop in rendered {
                diagnostics += sop.diagnostics
                headings.add(sop.headings, path: sop.path)
                anchoredLinks += sop.anchoredLinks
                // The first of two SOPs with one id wins, as everywhere else; validation reports the second.
                if headers[sop.id] == nil { headers[sop.id] = sop.header }
                search.append(sop.search)
                files += sop.files
            }
            if stopsAtError, diagnostics.hasErrors { return self.diagnostics() }
            try write(files)
            if let append {
                let first = search.commonHandedOn == 0
                let shared = search.takeCommon()
                if !shared.isEmpty { try append(SearchIndex.commonPath, SearchIndexScript.commonEntries(shared[...], first: first), false) }
                for sop in rendered {
                    for (page, part) in sop.printParts { try append(growing[page].path, part, false) }
                }
            }
        }
        diagnostics += headings.diagnostics(for: anchoredLinks)
        if stopsAtError, diagnostics.hasErrors { return diagnostics }
        if let append {
            try append(SearchIndex.commonPath, SearchIndexScript.commonClosing, true)
            for page in growing { try append(page.path, page.cut.last, true) }
            try write(searchFiles(search, common: false))
        } else {
            try write(searchFiles(search))
        }
        search = SearchIndex()

        let sections = headers
        // Two at a time, one per core (streamed, only those no batch of SOPs took: with no SOPs).
        // Streamed, a role's print page (the largest page: every SOP of the role, 11 MB at 5,000
        // SOPs) is not among them: it grew with the SOPs, or goes to the writer with the other
        // print pages after the rest (`printFiles`), and only the text around its SOPs is held.
        for start in stride(from: othersDone, to: others.count, by: 2) {
            let batch = others[start..<min(start + 2, others.count)]
            let rendered = Parallel.map(batch.count) { [self] index in
                otherFiles(batch[batch.startIndex + index], headers: sections, streams: streams)
            }
            try write(rendered.flatMap { $0 })
        }
        if let stream {
            let grown = Set(growing.map(\.path))
            let prints = prints.filter { !grown.contains($0.path) }
            for start in stride(from: 0, to: prints.count, by: Self.printPagesTogether) {
                try stream(printFiles(Array(prints[start..<min(start + Self.printPagesTogether, prints.count)]), headers: sections))
            }
        }
        try write(assetNames.map { OutputPlan.File(path: "assets/\($0)", contents: theme.assets[$0]!) })
        return diagnostics
    }

    /// What one piece of a batch's work made: an SOP's pages, or another page's files.
    private enum BatchWork {
        case sop(RenderedSOP)
        case other([OutputPlan.File])
    }

    /// The files of `page`, other than the SOPs' pages (`streams`: a role's print page is left out).
    private func otherFiles(_ page: (page: Other, paths: [String]), headers: [String: SafeHTML], streams: Bool) -> [OutputPlan.File] {
        if streams, case .handbook(let number) = page.page {
            return [OutputPlan.File(path: page.paths[0], contents: Data(handbookIndex(resolved.handbooks[number]).utf8))]
        }
        return zip(page.paths, render(page.page, headers: headers)).map { path, text in
            OutputPlan.File(path: path, contents: Data(text.utf8))
        }
    }

    /// The diagnostics `render` reports, without rendering a page: `StreamingWriteTests` checks
    /// they are the same. Every SOP is parsed; only the SOPs a link points into a heading of have
    /// their trainer view rendered, for its heading ids.
    func diagnostics() -> [Diagnostic] {
        Self.diagnostics(resolved, views: views, batchSize: batchSize)
    }

    /// `id`'s pager in the view of `scope` (a role id, "" for the trainer view).
    func pager(_ id: String, in scope: String) -> Pager {
        pagers[scope]?.pager(for: id, title: { resolved.sop($0)?.sop.title ?? $0 }, href: { "\($0).html" }) ?? .none
    }

    /// `diagnostics()` without the rest of a `SiteBatches` (menus, pagers, the handbook version):
    /// what `check` makes, a sixteenth of its time at 5,000 SOPs.
    static func diagnostics(_ resolved: ResolvedPack, views: SOPViewRenderer, batchSize: Int = defaultBatchSize) -> [Diagnostic] {
        var diagnostics = resolved.pack.theme.diagnostics + UntrustedPlaybookHTML.diagnostics(in: resolved.pack)
            + resolved.checklistLinks.diagnostics
        var anchoredLinks = resolved.checklistLinks.anchoredLinks
        let sops = resolved.sops
        for start in stride(from: 0, to: sops.count, by: batchSize) {
            let batch = sops[start..<min(start + batchSize, sops.count)]
            let parsed = Parallel.map(batch.count) { [views] in views.problems(batch[batch.startIndex + $0]) }
            for sop in parsed {
                diagnostics += sop.diagnostics
                anchoredLinks += sop.anchoredLinks
            }
        }
        // Of two SOPs with one path, `render`'s `LinkedHeadings` keeps the last: so does this.
        var targetPaths = Set(anchoredLinks.map(\.path))
        var targets: [ResolvedPack.ResolvedSOP] = []
        for item in sops.reversed() where targetPaths.remove(item.sop.path) != nil { targets.append(item) }
        // Every view of a target that has readers a link is shown to; the trainer view alone of the rest.
        let linkRoles = Set(anchoredLinks.flatMap(\.roles))
        let found = Parallel.map(targets.count) { [views, targets] in
            SOPHeadings(views.render(targets[$0], everyView: views.readers(of: targets[$0]).contains(where: linkRoles.contains)))
        }
        var headings = LinkedHeadings(roleNames: resolved.names.roles)
        for (item, ids) in zip(targets, found) { headings.add(ids, path: item.sop.path) }
        return diagnostics + headings.diagnostics(for: anchoredLinks)
    }

    /// The search index as the files `searchPaths` lists, in its order; without `search/common.js`
    /// (`common` false) when `render` appends that one batch by batch.
    func searchFiles(_ index: SearchIndex, common: Bool = true) -> [OutputPlan.File] {
        // Side by side: written last, when every SOP is in the index.
        let scopes = searchScopes
        let views = Parallel.map(scopes.count) { OutputPlan.File(path: scopes[$0].path, contents: Data(SearchIndexScript.view(index, scopes[$0]).utf8)) }
        guard common else { return views }
        return [OutputPlan.File(path: SearchIndex.commonPath, contents: Data(SearchIndexScript.common(index).utf8))] + views
    }

    /// The texts of `page`'s files, in the order of its paths. `printViews` (by SOP id, then role)
    /// holds print views already rendered (`sopgen serve` keeps them); any other is rendered here.
    func render(_ page: Other, headers: [String: SafeHTML], printViews: [String: [String: SafeHTML]] = [:]) -> [String] {
        let pack = resolved.pack
        switch page {
        case .handbook(let index):
            let handbook = resolved.handbooks[index]
            let sections = printSections(handbook, headers: headers)
            let role = handbook.role.id
            return [handbookIndex(handbook),
                    theme.render(printPage(handbook, sections: sections, bodies: sections.map {
                        printViews[$0.item.sop.id]?[role] ?? views.printView($0.item, role: role).safeHTML
                    }))]
        case .training(let index):
            let handbook = resolved.handbooks[index]
            return training.pages(for: handbook, nav: navs[.knowledgeCheck(role: handbook.role.id)]!, version: version).map(\.1)
        case .handbookVersion:
            return [versionJSON]
        case .home:
            let chrome = models.chrome(title: pack.settings.title, at: .home, bodyClass: "home", nav: navs[.home]!)
            return [theme.render(Page(chrome: chrome, content: models.home()))]
        case .trainerIndex:
            let chrome = models.chrome(title: "Trainer view", at: .trainerIndex, bodyClass: "trainer-index", nav: navs[.trainerIndex]!)
            return [theme.render(Page(chrome: chrome, content: models.trainerIndex()))]
        case .playbooks:
            let register = models.chrome(title: "Playbook register", at: .playbookRegister, bodyClass: "playbooks",
                                         nav: navs[.playbookRegister]!)
            return [theme.render(Page(chrome: register, content: models.playbookRegister()))]
                + pack.playbooks.map { playbook in
                    let chrome = models.chrome(title: playbook.title, at: .playbook, bodyClass: "playbook", nav: navs[.playbook]!)
                    return theme.render(Page(chrome: chrome, content: models.playbook(playbook)))
                }
        case .automations:
            let chrome = models.chrome(title: "Automation register", at: .automations, bodyClass: "automations",
                                       nav: navs[.automations]!)
            return [theme.render(Page(chrome: chrome, content: models.automationRegister()))]
        case .checklist(let site, let checklist):
            let rendered = checklists.render(pack.checklists[checklist], for: pack.sites[site], theme: theme)
            return [rendered.html, rendered.markdown, rendered.json]
        }
    }
}
