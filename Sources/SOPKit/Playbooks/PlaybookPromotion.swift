import Yams

/// `sopgen playbook promote`: records a first run (result, who, when, in which mode) and moves the
/// playbook to staging or production. Production is refused without a passing first run in
/// read-only or staging, or while a required local change is open.
public struct PlaybookPromotion: Sendable {
    public enum Target: String, Sendable, CaseIterable { case staging, production }

    public struct Outcome: Sendable {
        /// The new file text, or nil when nothing may be written.
        public var text: String?
        public var promoted: Bool
        public var message: String
    }

    public static func promote(_ playbook: Playbook, text: String, to target: Target, result: Playbook.FirstRun.Result,
                               by person: String, date: String, notes: String?) throws -> Outcome {
        let currentMode = playbook.mode?.value ?? .readOnly
        var provenance = playbook.provenance ?? Playbook.Provenance()
        let run = Playbook.FirstRun(result: result, mode: currentMode.rawValue, by: person, date: date, notes: notes)

        if target == .production {
            guard result == .pass else {
                provenance.firstRun = run
                return Outcome(text: try write(text, mode: currentMode, provenance: provenance), promoted: false,
                               message: "first run recorded as failed; \(playbook.id) stays in \(currentMode.rawValue)")
            }
            guard currentMode != .production || playbook.provenance?.firstRun?.result == .pass else {
                return Outcome(text: nil, promoted: false, message: "refused: \(playbook.id) is already in production without a passing first run in read-only or staging")
            }
            let open = provenance.requiredLocalChanges.filter { !$0.resolved }.map(\.id)
            let placeholders = Set(playbook.placeholders.map(\.value)).sorted()
            guard open.isEmpty, placeholders.isEmpty else {
                var reasons: [String] = []
                if !open.isEmpty { reasons.append("required local changes still open: \(open.joined(separator: ", ")) (mark them resolved: true once done)") }
                if !placeholders.isEmpty { reasons.append("placeholders still in the file: \(placeholders.joined(separator: ", "))") }
                return Outcome(text: nil, promoted: false, message: "refused: \(reasons.joined(separator: "; "))")
            }
        }
        provenance.firstRun = run
        let promoted = result == .pass
        let mode: Playbook.Mode = promoted ? (target == .production ? .production : .staging) : currentMode
        let message = promoted ? "\(playbook.id): first run passed in \(currentMode.rawValue); now in \(mode.rawValue)"
                               : "first run recorded as failed; \(playbook.id) stays in \(currentMode.rawValue)"
        return Outcome(text: try write(text, mode: mode, provenance: provenance), promoted: promoted, message: message)
    }

    /// Every value through `YAMLValue`, so a source site called `null` or a note that says `no`
    /// reads back as the same text (and an imported playbook stays imported).
    static func write(_ text: String, mode: Playbook.Mode, provenance: Playbook.Provenance) throws -> String {
        var editor = YAMLTopLevelEditor(text)
        editor.set("mode", to: try Yams.serialize(node: Node([(YAMLValue.text("mode"), YAMLValue.text(mode.rawValue))]), allowUnicode: true))
        var fields: [(Node, Node)] = []
        func add(_ key: String, _ value: String?) { if let value { fields.append((YAMLValue.text(key), YAMLValue.text(value))) } }
        add("source_site", provenance.sourceSite)
        add("export_date", provenance.exportDate)
        add("version", provenance.version)
        add("owner", provenance.owner)
        if !provenance.requiredLocalChanges.isEmpty {
            fields.append((YAMLValue.text("required_local_changes"), Node(provenance.requiredLocalChanges.map { change in
                Node([(YAMLValue.text("id"), YAMLValue.text(change.id)), (YAMLValue.text("change"), YAMLValue.text(change.change)),
                      (YAMLValue.text("resolved"), YAMLValue.flag(change.resolved))])
            })))
        }
        if let run = provenance.firstRun {
            var runFields: [(Node, Node)] = [(YAMLValue.text("result"), YAMLValue.text(run.result.rawValue))]
            for (key, value) in [("mode", run.mode), ("by", run.by), ("date", run.date), ("notes", run.notes)] {
                if let value { runFields.append((YAMLValue.text(key), YAMLValue.text(value))) }
            }
            fields.append((YAMLValue.text("first_run"), Node(runFields)))
        }
        editor.set("provenance", to: try Yams.serialize(node: Node([(YAMLValue.text("provenance"), Node(fields))]), allowUnicode: true))
        return editor.text
    }
}
