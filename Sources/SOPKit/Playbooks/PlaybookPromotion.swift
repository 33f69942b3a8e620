/// `sopgen playbook promote` and `sopgen playbook run`: runs are appended to the playbook's run
/// history (date, environment, result, who, the audit record or trace), never replaced. A failed
/// last run blocks promotion, and keeps the playbook's review due, until a later run passes.
/// Production is refused without a passing run in read-only or staging, and for an imported
/// playbook while its import review or a required local change is open or a placeholder is left.
public struct PlaybookPromotion: Sendable {
    public enum Target: String, Sendable, CaseIterable { case staging, production }

    public struct Outcome: Sendable {
        /// The new file text, or nil when nothing may be written.
        public var text: String?
        public var promoted: Bool
        public var message: String
    }

    /// Records `run` (when given, in the playbook's current mode) and promotes the playbook if its history allows it.
    public static func promote(_ playbook: Playbook, text: String, to target: Target, result: PlaybookRun.Result?,
                               by person: String, date: String, notes: String?, reference: String? = nil) throws -> Outcome {
        let currentMode = playbook.mode?.value ?? .readOnly
        var provenance = playbook.provenance ?? Playbook.Provenance()
        if let result {
            record(PlaybookRun(date: date, environment: currentMode, result: result, by: person, reference: reference, notes: notes),
                   into: &provenance)
            if result == .fail {
                return Outcome(text: try PlaybookProvenanceWriter.write(text, path: playbook.path, mode: currentMode, provenance: provenance),
                               promoted: false, message: failedMessage(playbook, mode: currentMode))
            }
        }
        if let refusal = refusal(playbook, provenance: provenance, to: target) {
            return Outcome(text: nil, promoted: false, message: "refused: \(refusal)")
        }
        let mode: Playbook.Mode = target == .production ? .production : .staging
        let ran = provenance.history.last.map { " (last run: \($0.summary))" } ?? ""
        return Outcome(text: try PlaybookProvenanceWriter.write(text, path: playbook.path, mode: mode, provenance: provenance),
                       promoted: true, message: "\(playbook.id): now in \(mode.rawValue)\(ran)")
    }

    /// `sopgen playbook run`: one run appended to the history, the mode unchanged.
    public static func recordRun(_ playbook: Playbook, text: String, run: PlaybookRun) throws -> Outcome {
        var provenance = playbook.provenance ?? Playbook.Provenance()
        record(run, into: &provenance)
        let mode = playbook.mode?.value ?? .readOnly
        let written = try PlaybookProvenanceWriter.write(text, path: playbook.path, mode: mode, provenance: provenance)
        return Outcome(text: written, promoted: false,
                       message: run.result == .pass ? "\(playbook.id): run recorded: \(run.summary)" : failedMessage(playbook, mode: mode))
    }

    /// Why the playbook may not move to `target` with this history, or nil.
    static func refusal(_ playbook: Playbook, provenance: Playbook.Provenance, to target: Target) -> String? {
        if let failure = provenance.blockingFailure {
            return "the last run failed (\(failure.summary)); review the playbook, then record a passing run after it (sopgen playbook run)"
        }
        guard provenance.history.last?.result == .pass else {
            return "no run recorded; record a passing run first (--result pass, or sopgen playbook run)"
        }
        guard target == .production else { return nil }
        guard provenance.hasPassedBeforeProduction else {
            return "no passing run in read-only or staging; run it there first"
        }
        var reasons: [String] = []
        if playbook.isImported, provenance.localisation == nil {
            reasons.append("no import review is stored with this imported playbook; import it again with --replace")
        }
        let open = provenance.openLocalisation
        if !open.isEmpty {
            reasons.append("localisation still open: \(open.joined(separator: ", ")) (resolve each with sopgen playbook localise \(playbook.id) ITEM --by NAME)")
        }
        let placeholders = Set(playbook.placeholders.map(\.value)).sorted()
        if !placeholders.isEmpty { reasons.append("placeholders still in the file: \(placeholders.joined(separator: ", "))") }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }

    /// Appends a run; the first run ever recorded is also the playbook's first run.
    static func record(_ run: PlaybookRun, into provenance: inout Playbook.Provenance) {
        provenance.runs = provenance.history + [run]
        if provenance.firstRun == nil || provenance.firstRun?.result == .pending {
            provenance.firstRun = Playbook.FirstRun(result: run.result == .pass ? .pass : .fail, mode: run.environment.rawValue,
                                                    by: run.by, date: run.date, notes: run.notes)
        }
    }

    static func failedMessage(_ playbook: Playbook, mode: Playbook.Mode) -> String {
        "run recorded as failed; \(playbook.id) stays in \(mode.rawValue), promotion is blocked and its review is due until a later run passes"
    }
}
