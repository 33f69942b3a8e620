import Foundation
import GFM

/// The site `sopgen serve` holds in memory, kept up to date as the pack changes: the same stages as
/// `build` (load → decode → validate → resolve → render), with no write stage. An update that
/// reports an error keeps the last good site; its diagnostics are kept for the terminal and the
/// page overlay.
///
/// An edit to SOPs that leaves every SOP's id, title, audience and place alone (its body, most of
/// its front matter; no file added or removed) reads those files again, decodes them alone,
/// validates and resolves the pack, then re-renders those SOPs' pages first (`Step.Stage.sops`,
/// published at once) and then the pages that gather SOPs (handbooks, print pages, training pages,
/// home, checklists) from every other SOP's pieces as kept (header, search sections, print view
/// per role). Any other change renders the whole site (decoding only the SOPs that changed). Either way the site is the one `build` would write: `LivePreviewTests` compares.
public struct LivePreview: Sendable {
    /// A part of an update that changed the site: the files that are new or changed, and those gone.
    public struct Step: Sendable {
        public enum Stage: Sendable { case sops, site }
        public var stage: Stage
        public var files: [String: Data]
        public var removed: [String]
        public var changedPaths: [String] { (Array(files.keys) + removed).sorted() }
    }

    /// How an update went.
    public enum Outcome: Sendable, Equatable {
        /// Only the edited SOPs and the pages gathering them were rendered again.
        case rerenderedSOPs(Int)
        /// The whole pack was loaded and rendered.
        case rebuilt
        /// An error: the site was left as it was.
        case failed
    }

    public let packRoot: URL
    public let today: CalendarDate
    /// The last good site, by path.
    public private(set) var site: [String: Data] = [:]
    /// The diagnostics of the last update, good or not; `sources` holds the files they point into.
    public private(set) var diagnostics: [Diagnostic] = []
    public private(set) var sources: [String: SourceFile] = [:]
    /// The last update found an error: `site` is the one before it.
    public var isBroken: Bool { diagnostics.hasErrors }

    /// The pack as last read, and what the last good site was rendered from.
    private var loaded: LoadedPack?
    private var good: Good?
    /// Every SOP file as last decoded: an update decodes only the SOPs whose text changed.
    private var decoded = SOPDecodeCache()
    /// Pack paths changed since the last good site.
    private var pending: Set<String> = []

    /// The last good site's SOPs: each one's pages and print views, and what the other SOPs' pages
    /// read of it.
    private struct Good: Sendable {
        var loaded: LoadedPack
        var resolved: ResolvedPack
        var sops: [SiteBatches.RenderedSOP]
        var printViews: [[String: SafeHTML]]
        var shapes: [Shape]
        /// The menus: an edit of SOPs alone leaves them as they are.
        var navs: [PageLocation: SafeHTML]
    }

    /// What an SOP's pages take from the other SOPs: their order (by surface, title, id), paths,
    /// ids, titles (previous and next) and audiences (where a link points). While no SOP's shape
    /// changes and no file but SOPs does, an edit changes the edited SOPs' pages and print views
    /// and no other SOP's.
    struct Shape: Sendable, Equatable {
        var path: String
        var id: String
        var title: String
        var surface: Surface?
        var audience: [String]

        init(_ sop: SOP) {
            path = sop.path
            id = sop.id
            title = sop.title
            surface = sop.surface?.value
            audience = sop.audience.map(\.value)
        }

        init(_ item: ResolvedPack.ResolvedSOP) { self.init(item.sop) }
    }

    public init(packRoot: URL, today: CalendarDate) {
        self.packRoot = packRoot
        self.today = today
    }

    /// Brings the site up to date with the pack. `changed` names the pack files (pack paths) that
    /// changed since the last update; nil means anything may have (the first run, the theme).
    /// `publish` gets each step as soon as `site` holds it.
    @discardableResult
    public mutating func update(changed: Set<String>?, publish: (Step) -> Void = { _ in }) async -> Outcome {
        if let changed, let good, changed.isSubset(of: Set(good.loaded.files.keys)) {
            pending.formUnion(changed)
            if let outcome = await rerenderSOPs(pending, good: good, publish: publish) { return outcome }
        }
        return await rebuild(publish: publish)
    }

    /// The whole pack, loaded and rendered (only the SOPs whose text changed are decoded again).
    private mutating func rebuild(publish: (Step) -> Void) async -> Outcome {
        let pipeline = Pipeline(packRoot: packRoot, today: today)
        let loaded = PackLoader().load(from: packRoot)
        self.loaded = loaded
        sources = loaded.files
        let (resolved, resolveDiagnostics) = await pipeline.resolve(loaded, reusing: &decoded)
        // A later edit cannot be rendered on top of the last good site: what changed is not known.
        guard !resolveDiagnostics.hasErrors else {
            good = nil
            return fail(resolveDiagnostics + SiteRenderer().check(resolved), loaded: loaded)
        }
        let batches = SiteBatches(resolved)
        let sops = batches.renderSOPs(Array(resolved.sops.indices))
        let all = Pipeline.unique(resolveDiagnostics + batches.diagnostics(of: sops))
        guard !all.hasErrors else {
            good = nil
            return fail(all, loaded: loaded)
        }
        let printViews = batches.renderPrintViews(Array(resolved.sops.indices))
        var files: [String: Data] = [:]
        for file in sops.flatMap(\.files) + batches.renderGatheringPages(sops, printViews: printViews) {
            files[file.path] = file.contents
        }
        let removed = site.keys.filter { files[$0] == nil }
        let step = Step(stage: .site, files: files.filter { site[$0.key] != $0.value }, removed: removed.sorted())
        site = files
        diagnostics = all
        good = Good(loaded: loaded, resolved: resolved, sops: sops, printViews: printViews, shapes: resolved.sops.map(Shape.init), navs: batches.navs)
        pending = []
        if !step.files.isEmpty || !step.removed.isEmpty { publish(step) }
        return .rebuilt
    }

    /// The SOPs at `paths` rendered again, then the pages gathering them; nil when the edit is not
    /// one this handles (a file that is not an SOP, a file unreadable, an SOP's shape changed: its
    /// id, title, audience or place).
    ///
    /// The edited SOPs' pages are published before the pack is resolved again: once the pack
    /// decodes and validates with no error, each edited SOP is resolved alone into the last good
    /// resolution (every other SOP, handbook and name is as it was: only SOPs changed, none in
    /// shape) and its pages rendered and checked. Then the pack is resolved whole, the edited SOPs'
    /// pages rendered from it again (any page that differs is published with the gathering pages),
    /// and the gathering pages rendered: the site ends as `build` writes it.
    private mutating func rerenderSOPs(_ paths: Set<String>, good: Good, publish: (Step) -> Void) async -> Outcome? {
        guard paths.allSatisfy({ PathText.isInside($0, "procedures") && PathText.hasExtension($0, "md") }) else { return nil }
        var loaded = good.loaded
        for path in paths {
            guard PackLoader().reload(path, into: &loaded) else { return nil }
        }
        self.loaded = loaded
        sources = loaded.files
        let pipeline = Pipeline(packRoot: packRoot, today: today)
        let (pack, validateDiagnostics) = await pipeline.validate(loaded, reusing: &decoded)
        let sopsByPath = Dictionary(pack.sops.map { ($0.path, $0) }) { first, _ in first }
        guard pack.sops.count == good.shapes.count,
              good.shapes.allSatisfy({ shape in sopsByPath[shape.path].map(Shape.init) == shape }) else { return nil }
        guard !validateDiagnostics.hasErrors else {
            return fail(validateDiagnostics + SiteRenderer().check(pipeline.resolve(pack)), loaded: loaded)
        }
        let indices = good.resolved.sops.indices.filter { paths.contains(good.resolved.sops[$0].sop.path) }

        // First the edited SOPs, resolved alone into the last good resolution.
        var early = good.resolved
        early.pack = pack
        for index in indices { early.sops[index] = PackResolver().resolve(sopsByPath[early.sops[index].sop.path]!, in: pack) }
        let earlyBatches = SiteBatches(early, navs: good.navs)
        var sops = good.sops
        for (index, sop) in zip(indices, earlyBatches.renderSOPs(indices)) { sops[index] = sop }
        guard !Pipeline.unique(validateDiagnostics + earlyBatches.diagnostics(of: sops)).hasErrors else {
            return fail(validateDiagnostics + SiteRenderer().check(pipeline.resolve(pack)), loaded: loaded)
        }
        let before = site
        let first = indices.flatMap { sops[$0].files }.filter { site[$0.path] != $0.contents }
        for file in first { site[file.path] = file.contents }
        if !first.isEmpty { publish(Step(stage: .sops, files: Self.byPath(first), removed: [])) }

        // Then the pack resolved whole: the edited SOPs again, their print views, the gathering pages.
        let resolved = pipeline.resolve(pack)
        guard resolved.sops.map(Shape.init) == good.shapes else {
            site = before
            return nil
        }
        let batches = SiteBatches(resolved, navs: good.navs)
        for (index, sop) in zip(indices, batches.renderSOPs(indices)) { sops[index] = sop }
        let all = Pipeline.unique(validateDiagnostics + batches.diagnostics(of: sops))
        guard !all.hasErrors else {
            // Not expected (the early render found none); the last good pages come back.
            let restored = first.map { OutputPlan.File(path: $0.path, contents: before[$0.path] ?? Data()) }
            site = before
            if !restored.isEmpty { publish(Step(stage: .site, files: Self.byPath(restored), removed: [])) }
            return fail(all, loaded: loaded)
        }
        var printViews = good.printViews
        for (index, views) in zip(indices, batches.renderPrintViews(indices)) { printViews[index] = views }
        diagnostics = all
        self.good = Good(loaded: loaded, resolved: resolved, sops: sops, printViews: printViews, shapes: good.shapes, navs: good.navs)
        pending = []
        let rest = indices.flatMap { sops[$0].files } + batches.renderGatheringPages(sops, printViews: printViews)
        let gathering = rest.filter { site[$0.path] != $0.contents }
        for file in gathering { site[file.path] = file.contents }
        if !gathering.isEmpty { publish(Step(stage: .site, files: Self.byPath(gathering), removed: [])) }
        return .rerenderedSOPs(indices.count)
    }

    private mutating func fail(_ found: [Diagnostic], loaded: LoadedPack) -> Outcome {
        diagnostics = Pipeline.unique(found)
        sources = loaded.files
        return .failed
    }

    private static func byPath(_ files: [OutputPlan.File]) -> [String: Data] {
        Dictionary(files.map { ($0.path, $0.contents) }) { $1 }
    }
}
