/// One run of a playbook, as the run history keeps it: when, where, with what result, who ran it
/// and where its audit record or trace is. Runs are appended, never replaced.
public struct PlaybookRun: Sendable, Hashable {
    public enum Result: String, Sendable, Hashable, CaseIterable { case pass, fail }

    public var date: String
    public var environment: Playbook.Mode
    public var result: Result
    public var by: String
    /// The audit record or trace that shows the run (an Audit Log id, a trace URL…).
    public var reference: String?
    public var notes: String?

    public init(date: String, environment: Playbook.Mode, result: Result, by: String, reference: String? = nil, notes: String? = nil) {
        self.date = date
        self.environment = environment
        self.result = result
        self.by = by
        self.reference = reference
        self.notes = notes
    }

    /// "fail in staging by Priya Raman, 2026-11-20 (audit 4812)"
    public var summary: String {
        "\(result.rawValue) in \(environment.rawValue) by \(by), \(date)" + (reference.map { " (\($0))" } ?? "")
    }
}

extension Playbook.Provenance {
    /// Every recorded run, oldest first; a playbook recorded before run histories has its first run as its history.
    public var history: [PlaybookRun] {
        if !runs.isEmpty { return runs }
        guard let first = firstRun, first.result != .pending, let result = PlaybookRun.Result(rawValue: first.result.rawValue) else { return [] }
        return [PlaybookRun(date: first.date ?? "", environment: first.mode.flatMap(Playbook.Mode.init(rawValue:)) ?? .readOnly,
                            result: result, by: first.by ?? "unknown", notes: first.notes)]
    }

    /// The last run, when it failed: it blocks promotion and keeps the playbook's review due until a later run passes.
    public var blockingFailure: PlaybookRun? {
        history.last.flatMap { $0.result == .fail ? $0 : nil }
    }

    /// A passing run in read-only or staging: what production needs first.
    public var hasPassedBeforeProduction: Bool {
        history.contains { $0.result == .pass && $0.environment != .production }
    }

    /// Localisation items and required local changes still open.
    public var openLocalisation: [String] {
        (localisation ?? []).filter(\.isOpen).map { "\($0.topic.rawValue) (\($0.status.rawValue))" }
            + requiredLocalChanges.filter { !$0.resolved }.map(\.id)
    }
}
