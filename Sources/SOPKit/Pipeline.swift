import Foundation

/// load → decode → validate → resolve → render → write. Each stage takes the previous stage's value;
/// only `write` touches the output folder, and only when no stage reported an error.
public struct Pipeline: Sendable {
    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        public var sources: [String: SourceFile]
        public var plan: OutputPlan?
        public var resolved: ResolvedPack?
        /// What the write stage did beyond writing (leftovers of a killed build cleaned, files kept).
        public var writeNotes: [String] = []
        /// The pages a build wrote; nil when it wrote nothing.
        public var pagesWritten: Int?

        public var succeeded: Bool { !diagnostics.hasErrors && (plan != nil || pagesWritten != nil) }
        /// The pages of the site: written by a build, or held in `plan`.
        public var pageCount: Int? { pagesWritten ?? plan?.pageCount }
    }

    public let packRoot: URL
    /// The day SOP review dates are checked against.
    public var today: CalendarDate
    /// An earlier handbook version (`build --since`): each role's sign-off sheet lists what changed since.
    public var since: HandbookVersion?

    public init(packRoot: URL, today: CalendarDate) {
        self.packRoot = packRoot
        self.today = today
    }

    /// Runs every stage but `write`, keeping every file in memory (tests read them from `plan`).
    /// Resolve and render run even after validation errors (in memory, nothing is written), so
    /// broken links and template errors are reported in the same run as everything else.
    public func plan() async -> Result {
        await plan(PackLoader().load(from: packRoot))
    }

    /// Every stage but `write` on files already loaded (or made in memory by a test).
    public func plan(_ loaded: LoadedPack) async -> Result {
        let (resolved, diagnostics) = await resolve(loaded)
        let (plan, renderDiagnostics) = await SiteRenderer().render(resolved)
        let all = diagnostics + renderDiagnostics
        return Result(diagnostics: Self.unique(all), sources: loaded.files, plan: all.hasErrors ? nil : plan, resolved: resolved)
    }

    /// What `check` reports, which is exactly what would stop `build`: every stage but `write`,
    /// each page rendered and dropped, so checking takes no more memory than one batch of pages.
    public func check() async -> Result {
        let loaded = PackLoader().load(from: packRoot)
        let (resolved, diagnostics) = await resolve(loaded)
        let all = diagnostics + SiteRenderer().check(resolved)
        return Result(diagnostics: Self.unique(all), sources: loaded.files, plan: nil, resolved: resolved)
    }

    /// Decode, validate and resolve, with the diagnostics of the first two.
    func resolve(_ loaded: LoadedPack) async -> (ResolvedPack, [Diagnostic]) {
        var cache = SOPDecodeCache()
        return await resolve(loaded, reusing: &cache)
    }

    /// `resolve`, decoding only the SOPs `cache` does not hold as they now are (`sopgen serve`).
    /// Validation and resolution both read the decoded pack and nothing else: they run side by side.
    func resolve(_ loaded: LoadedPack, reusing cache: inout SOPDecodeCache) async -> (ResolvedPack, [Diagnostic]) {
        let (pack, decodeDiagnostics) = await PackDecoder().decode(loaded, reusing: &cache)
        async let validated = PackValidator(today: today).validate(pack)
        let resolved = resolve(pack)
        return (resolved, decodeDiagnostics + (await validated))
    }

    /// Decode and validate, with their diagnostics.
    func validate(_ loaded: LoadedPack, reusing cache: inout SOPDecodeCache) async -> (Pack, [Diagnostic]) {
        let (pack, decodeDiagnostics) = await PackDecoder().decode(loaded, reusing: &cache)
        return (pack, decodeDiagnostics + PackValidator(today: today).validate(pack))
    }

    /// The resolve stage, for the day and the previous version this pipeline builds for.
    func resolve(_ pack: Pack) -> ResolvedPack {
        var resolved = PackResolver().resolve(pack)
        resolved.previousVersion = since
        resolved.today = today
        return resolved
    }

    /// Load and decode only: what commands that edit the pack (import, promote) start from.
    public func decode() async -> (pack: Pack, diagnostics: [Diagnostic]) {
        let loaded = PackLoader().load(from: packRoot)
        let (pack, diagnostics) = await PackDecoder().decode(loaded)
        return (pack, Self.unique(diagnostics))
    }

    /// Sorted causes first, each once: a snippet included by ten SOPs has its problem reported
    /// once, and so has a role name that ten SOPs use but roles.yml misspells.
    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        DiagnosticGrouping.finish(diagnostics)
    }

    /// Renders straight into the writer's staging folder, batch by batch, when decode and
    /// validation found no error; a render error then stops the write before the swap, so the
    /// output is only ever replaced by a site with no error. The output is resolved first (through
    /// a symbolic link to its folder) and refused when it lies inside the pack's sources.
    public func build(into output: URL, writer: SiteWriter = SiteWriter()) async throws(SiteWriterError) -> Result {
        let location = try OutputLocation.resolve(output)
        try location.refuseInside(pack: packRoot)
        let loaded = PackLoader().load(from: packRoot)
        let (resolved, diagnostics) = await resolve(loaded)
        guard !diagnostics.hasErrors else {
            let all = diagnostics + SiteRenderer().check(resolved)
            return Result(diagnostics: Self.unique(all), sources: loaded.files, plan: nil, resolved: resolved)
        }
        let site = RenderedSite(batches: SiteBatches(resolved))
        let report = try writer.write(source: site, to: location)
        let all = diagnostics + site.diagnostics
        var result = Result(diagnostics: Self.unique(all), sources: loaded.files, plan: nil, resolved: resolved)
        result.writeNotes = report.notes
        result.pagesWritten = report.published ? site.pageCount : nil
        return result
    }
}

/// The render stage as the writer's source: pages rendered while the writer writes them. It gives
/// up (nothing is swapped in) when rendering reported an error.
final class RenderedSite: OutputSource {
    let batches: SiteBatches
    let paths: [String]
    private(set) var diagnostics: [Diagnostic] = []
    /// What rendering needs first, made while the writer prepares its folder (`WriteLane`, a
    /// queue of its own): the print pages cut around their SOPs, and the handbook's version.
    private let early = WriteLane()
    private let growing: Once<[GrowingPrintPage]>

    init(batches: SiteBatches) {
        self.batches = batches
        paths = batches.paths
        let growing = Once { batches.growingPrintPages(batches.printPages) }
        self.growing = growing
        early.hand {
            _ = growing.value
            _ = batches.version
        }
    }

    deinit { early.drain() }

    var pageCount: Int { paths.filter { $0.hasSuffix(".html") }.count }

    func produce(_ write: ([OutputPlan.File]) throws(FileCreation.Failure) -> Void,
                 stream: ([StreamedFile]) throws(FileCreation.Failure) -> Void,
                 append: OutputAppend) throws(FileCreation.Failure) -> Bool {
        diagnostics = try withoutActuallyEscaping(stream) { (stream) throws(FileCreation.Failure) in
            try withoutActuallyEscaping(append) { (append) throws(FileCreation.Failure) in
                try batches.render(stopsAtError: true, write, stream: stream, append: append, growing: growing.value)
            }
        }
        return !diagnostics.hasErrors
    }
}
