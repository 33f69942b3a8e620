import Foundation

/// The site `sopgen serve` holds in memory, kept up to date as the pack changes: the same stages as
/// `build` (load → decode → validate → resolve → render), with no write stage. An update that
/// reports an error keeps the last good site; its diagnostics are kept for the terminal and the
/// page overlay.
///
/// An edit to the body of SOPs (their front matter byte for byte the same, no file added or
/// removed) reads those files again, decodes, validates and resolves the pack, then re-renders
/// those SOPs' pages first (`Step.Stage.sops`, published at once) and then the pages that gather
/// SOPs (handbooks, print pages, training pages, home, checklists). Any other change renders the
/// whole site. Either way the site is the one `build` would write: `LivePreviewTests` compares.
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
    private var good: (loaded: LoadedPack, sops: [SiteBatches.RenderedSOP])?
    /// Pack paths changed since the last good site.
    private var pending: Set<String> = []

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

    /// The whole pack, loaded and rendered.
    private mutating func rebuild(publish: (Step) -> Void) async -> Outcome {
        let pipeline = Pipeline(packRoot: packRoot, today: today)
        let loaded = PackLoader().load(from: packRoot)
        self.loaded = loaded
        sources = loaded.files
        let (resolved, resolveDiagnostics) = await pipeline.resolve(loaded)
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
        var files: [String: Data] = [:]
        for file in sops.flatMap(\.files) + batches.renderGatheringPages(sops) { files[file.path] = file.contents }
        let removed = site.keys.filter { files[$0] == nil }
        let step = Step(stage: .site, files: files.filter { site[$0.key] != $0.value }, removed: removed.sorted())
        site = files
        diagnostics = all
        good = (loaded, sops)
        pending = []
        if !step.files.isEmpty || !step.removed.isEmpty { publish(step) }
        return .rebuilt
    }

    /// The SOPs at `paths` rendered again, then the pages gathering them; nil when the edit is not
    /// one this handles (a file that is not an SOP, a front matter changed, a file unreadable).
    private mutating func rerenderSOPs(_ paths: Set<String>, good: (loaded: LoadedPack, sops: [SiteBatches.RenderedSOP]),
                                       publish: (Step) -> Void) async -> Outcome? {
        guard paths.allSatisfy({ $0.hasPrefix("procedures/") && $0.hasSuffix(".md") }) else { return nil }
        var loaded = good.loaded
        for path in paths {
            guard PackLoader().reload(path, into: &loaded),
                  let before = good.loaded.files[path].flatMap({ Self.frontMatter($0.text) }),
                  Self.frontMatter(loaded.files[path]!.text) == before else { return nil }
        }
        self.loaded = loaded
        sources = loaded.files
        let (resolved, resolveDiagnostics) = await Pipeline(packRoot: packRoot, today: today).resolve(loaded)
        guard resolved.sops.map(\.sop.path) == good.sops.map(\.path) else { return nil }
        guard !resolveDiagnostics.hasErrors else {
            return fail(resolveDiagnostics + SiteRenderer().check(resolved), loaded: loaded)
        }
        let batches = SiteBatches(resolved)
        let indices = resolved.sops.indices.filter { paths.contains(resolved.sops[$0].sop.path) }
        var sops = good.sops
        for (index, sop) in zip(indices, batches.renderSOPs(indices)) { sops[index] = sop }
        let all = Pipeline.unique(resolveDiagnostics + batches.diagnostics(of: sops))
        guard !all.hasErrors else { return fail(all, loaded: loaded) }
        diagnostics = all
        self.good = (loaded, sops)
        pending = []

        let first = indices.flatMap { sops[$0].files }.filter { site[$0.path] != $0.contents }
        for file in first { site[file.path] = file.contents }
        if !first.isEmpty { publish(Step(stage: .sops, files: Self.byPath(first), removed: [])) }

        let gathering = batches.renderGatheringPages(sops).filter { site[$0.path] != $0.contents }
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

    /// An SOP's front matter as written: from its first line `---` to the next; nil when it has none.
    static func frontMatter(_ text: String) -> Substring? {
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return nil }
        var searchStart = text.index(text.startIndex, offsetBy: 3)
        while let range = text.range(of: "\n---", range: searchStart..<text.endIndex) {
            let after = range.upperBound
            if after == text.endIndex || text[after] == "\n" || text[after] == "\r\n" || text[after] == "\r" {
                return text[..<after]
            }
            searchStart = after
        }
        return nil
    }
}
