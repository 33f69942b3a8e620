import Yams

/// Writes a playbook's `mode:` and `provenance:` back into its file, every value through
/// `YAMLValue` so a source site called `null` or a note that says `no` reads back as the same text
/// (and an imported playbook stays imported). Promote, run and localise all write through it; the
/// rest of the file, comments included, is kept.
enum PlaybookProvenanceWriter {
    struct ReadBackFailure: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path): the edited playbook would not read back as written; nothing was changed" }
    }

    /// The edited text, proven to read back with exactly this mode and provenance.
    static func write(_ text: String, path: String, mode: Playbook.Mode, provenance: Playbook.Provenance) throws -> String {
        // A CRLF file is edited as LF and keeps its line endings.
        let crlf = text.contains("\r\n")
        var editor = YAMLTopLevelEditor(crlf ? text.replacingOccurrences(of: "\r\n", with: "\n") : text)
        editor.set("mode", to: try Yams.serialize(node: Node([(YAMLValue.text("mode"), YAMLValue.text(mode.rawValue))]), allowUnicode: true))
        editor.set("provenance", to: try Yams.serialize(node: Node([(YAMLValue.text("provenance"), node(provenance))]), allowUnicode: true))
        let context = DecodingContext(file: SourceFile(path: path, text: editor.text))
        guard let decoded = PlaybookDecoder.decode(context), decoded.mode?.value == mode,
              !context.diagnostics.contains(where: { $0.severity == .error }),
              var readBack = decoded.provenance else { throw ReadBackFailure(path: path) }
        var expected = provenance
        readBack.location = nil
        expected.location = nil
        guard readBack == expected else { throw ReadBackFailure(path: path) }
        return crlf ? editor.text.replacingOccurrences(of: "\n", with: "\r\n") : editor.text
    }

    static func node(_ provenance: Playbook.Provenance) -> Node {
        var fields: [(Node, Node)] = []
        func add(_ key: String, _ value: String?, to fields: inout [(Node, Node)]) {
            if let value { fields.append((YAMLValue.text(key), YAMLValue.text(value))) }
        }
        add("source_site", provenance.sourceSite, to: &fields)
        add("export_date", provenance.exportDate, to: &fields)
        add("version", provenance.version, to: &fields)
        add("owner", provenance.owner, to: &fields)
        if !provenance.requiredLocalChanges.isEmpty {
            fields.append((YAMLValue.text("required_local_changes"), Node(provenance.requiredLocalChanges.map { change in
                var entry: [(Node, Node)] = [(YAMLValue.text("id"), YAMLValue.text(change.id)), (YAMLValue.text("change"), YAMLValue.text(change.change)),
                                             (YAMLValue.text("resolved"), YAMLValue.flag(change.resolved))]
                add("resolved_by", change.resolvedBy, to: &entry)
                add("resolved_on", change.resolvedOn, to: &entry)
                return Node(entry)
            })))
        }
        if let localisation = provenance.localisation {
            fields.append((YAMLValue.text("localisation"), Node(localisation.map { item in
                var entry: [(Node, Node)] = [(YAMLValue.text("topic"), YAMLValue.text(item.topic.rawValue)),
                                             (YAMLValue.text("status"), YAMLValue.text(item.status.rawValue)),
                                             (YAMLValue.text("detail"), YAMLValue.text(item.detail))]
                add("resolved_by", item.resolvedBy, to: &entry)
                add("resolved_on", item.resolvedOn, to: &entry)
                return Node(entry)
            })))
        }
        if let run = provenance.firstRun {
            var entry: [(Node, Node)] = [(YAMLValue.text("result"), YAMLValue.text(run.result.rawValue))]
            for (key, value) in [("mode", run.mode), ("by", run.by), ("date", run.date), ("notes", run.notes)] {
                add(key, value, to: &entry)
            }
            fields.append((YAMLValue.text("first_run"), Node(entry)))
        }
        if !provenance.runs.isEmpty {
            fields.append((YAMLValue.text("runs"), Node(provenance.runs.map { run in
                var entry: [(Node, Node)] = [(YAMLValue.text("date"), YAMLValue.text(run.date)),
                                             (YAMLValue.text("environment"), YAMLValue.text(run.environment.rawValue)),
                                             (YAMLValue.text("result"), YAMLValue.text(run.result.rawValue)),
                                             (YAMLValue.text("by"), YAMLValue.text(run.by))]
                add("reference", run.reference, to: &entry)
                add("notes", run.notes, to: &entry)
                return Node(entry)
            })))
        }
        return Node(fields)
    }
}
