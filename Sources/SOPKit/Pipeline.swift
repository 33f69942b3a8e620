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

        public var succeeded: Bool { !diagnostics.hasErrors && plan != nil }
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

    /// Runs every stage but `write`: what `check` reports is exactly what would stop `build`.
    /// Resolve and render run even after validation errors (in memory, nothing is written), so
    /// broken links and template errors are reported in the same run as everything else.
    public func plan() async -> Result {
        await plan(PackLoader().load(from: packRoot))
    }

    /// Every stage but `write` on files already loaded (or made in memory by a test).
    public func plan(_ loaded: LoadedPack) async -> Result {
        let (pack, decodeDiagnostics) = await PackDecoder().decode(loaded)
        var diagnostics = decodeDiagnostics
        diagnostics += PackValidator(today: today).validate(pack)
        var resolved = PackResolver().resolve(pack)
        resolved.previousVersion = since
        let (plan, renderDiagnostics) = await SiteRenderer().render(resolved)
        diagnostics += renderDiagnostics
        return Result(diagnostics: Self.unique(diagnostics), sources: loaded.files,
                      plan: diagnostics.hasErrors ? nil : plan, resolved: resolved)
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

    /// Plans, then writes when the plan is clean. The output is resolved first (through a symbolic
    /// link to its folder) and refused when it lies inside the pack's sources.
    public func build(into output: URL, writer: SiteWriter = SiteWriter()) async throws(SiteWriterError) -> Result {
        let location = try OutputLocation.resolve(output)
        try location.refuseInside(pack: packRoot)
        var result = await plan()
        if result.succeeded, let plan = result.plan {
            result.writeNotes = try writer.write(plan, to: location).notes
        }
        return result
    }
}
