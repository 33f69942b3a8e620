import Foundation

/// Reading a bundle strictly: the size limit of every pack file, strict JSON, exactly the keys
/// export writes, each value of the type export writes (text, lists of text, mappings; never a
/// number, `true` or `null` where text belongs). Every problem is reported with its line and column.
extension PlaybookBundle {
    static let playbookTextKeys: Set<String> = ["id", "title", "version", "owner", "trigger", "output", "approval", "retry",
                                                "failure_notification", "kill_switch", "mode", "steps"]
    static let assumptionTextKeys: Set<String> = ["provider_setup", "approval_policy", "product_language", "support_ownership"]

    /// The bundle, and where each of its values starts (by path: `playbook.steps`).
    static func decode(_ data: Data, name: String = "the bundle") throws(PlaybookError)
        -> (bundle: PlaybookBundle, positions: [String: StrictJSONParser.Position]) {
        guard data.count <= PackLoader.maximumFileSize else { throw .tooLarge(path: name, bytes: data.count) }
        let parsed: (value: JSONValue, positions: [String: StrictJSONParser.Position])
        do { parsed = try StrictJSONParser.parse([UInt8](data)) } catch { throw .unreadableBundle("\(error)") }
        let schema = Schema(positions: parsed.positions)
        let root = try schema.object(parsed.value, at: "", allowed: ["format", "format_version", "manifest", "playbook"])
        guard root["format"] == .string(format) else {
            throw .unsupportedFormat("format \(root["format"].map(describe) ?? "missing")")
        }
        guard root["format_version"] == .number(String(formatVersion)) else {
            let found = root["format_version"].map(describe) ?? "missing"
            throw .unsupportedFormat("format_version \(found)\(found == "1" ? ", whose checksum did not cover the manifest" : ""); this sopgen reads \(formatVersion)")
        }
        let manifest = try schema.manifest(root["manifest"])
        guard let playbook = root["playbook"] else { throw .invalidBundle("it has no playbook") }
        _ = try schema.object(playbook, at: "playbook", allowed: PlaybookDecoder.keys, allowPrivate: true)
        try schema.playbook(playbook)
        return (PlaybookBundle(manifest: manifest, playbook: playbook), parsed.positions)
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "'\(text.prefix(40))'"
        case .number(let text): text
        default: value.kind
        }
    }

    /// The shape export writes, checked value by value.
    private struct Schema {
        let positions: [String: StrictJSONParser.Position]

        func fail(_ path: String, _ message: String) -> PlaybookError {
            let position = positions[path].map { "line \($0.line), column \($0.column): " } ?? ""
            return .invalidBundle("\(position)\(message)")
        }

        func object(_ value: JSONValue, at path: String, allowed: [String], allowPrivate: Bool = false) throws(PlaybookError) -> [String: JSONValue] {
            guard let members = value.members else {
                throw fail(path, "\(path.isEmpty ? "the bundle" : "'\(path)'") must be an object, not \(value.kind)")
            }
            var result: [String: JSONValue] = [:]
            for member in members {
                let child = path.isEmpty ? member.key : "\(path).\(member.key)"
                guard allowed.contains(member.key) || (allowPrivate && member.key.hasSuffix("_private")) else {
                    throw fail(child, "unknown key '\(member.key)' in \(path.isEmpty ? "the bundle" : "'\(path)'")\(Suggestion.didYouMean(member.key, in: allowed))")
                }
                result[member.key] = member.value
            }
            return result
        }

        func text(_ value: JSONValue?, at path: String, nonEmpty: Bool = true) throws(PlaybookError) -> String {
            guard let value else { throw fail(path.split(separator: ".").dropLast().joined(separator: "."), "'\(path)' is missing") }
            guard let text = value.string else { throw fail(path, "'\(path)' must be text, not \(value.kind)") }
            if nonEmpty, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw fail(path, "'\(path)' is empty") }
            return text
        }

        func textOrTexts(_ value: JSONValue, at path: String) throws(PlaybookError) {
            if value.string != nil { return }
            guard case .array(let items) = value else { throw fail(path, "'\(path)' must be text or a list of texts, not \(value.kind)") }
            for (index, item) in items.enumerated() where item.string == nil {
                throw fail("\(path)[\(index)]", "each item of '\(path)' must be text, not \(item.kind)")
            }
        }

        /// Text, lists and mappings all the way down: what export makes of any YAML.
        func freeForm(_ value: JSONValue, at path: String) throws(PlaybookError) {
            switch value {
            case .string: return
            case .array(let items): for (index, item) in items.enumerated() { try freeForm(item, at: "\(path)[\(index)]") }
            case .object(let members): for member in members { try freeForm(member.value, at: "\(path).\(member.key)") }
            case .number, .bool, .null: throw fail(path, "'\(path)' must be text, not \(value.kind)")
            }
        }

        func playbook(_ playbook: JSONValue) throws(PlaybookError) {
            for member in playbook.members ?? [] {
                let path = "playbook.\(member.key)"
                if PlaybookBundle.playbookTextKeys.contains(member.key) {
                    _ = try text(member.value, at: path, nonEmpty: false)
                } else if member.key == "input" {
                    try textOrTexts(member.value, at: path)
                } else if member.key == "assumptions" {
                    let assumptions = try object(member.value, at: path, allowed: PlaybookDecoder.assumptionKeys)
                    for (key, value) in assumptions {
                        if PlaybookBundle.assumptionTextKeys.contains(key) {
                            _ = try text(value, at: "\(path).\(key)", nonEmpty: false)
                        } else {
                            try textOrTexts(value, at: "\(path).\(key)")
                        }
                    }
                } else {
                    try freeForm(member.value, at: path)
                }
            }
        }

        func manifest(_ value: JSONValue?) throws(PlaybookError) -> Manifest {
            guard let value else { throw .invalidBundle("it has no manifest") }
            let fields = try object(value, at: "manifest", allowed: Manifest.keys)
            let exportDate = try text(fields["export_date"], at: "manifest.export_date")
            guard CalendarDate(exportDate) != nil else { throw fail("manifest.export_date", "'manifest.export_date' is not a date (YYYY-MM-DD)") }
            let checksum = try text(fields["checksum"], at: "manifest.checksum")
            guard checksum.range(of: "^sha256:[0-9a-f]{64}$", options: .regularExpression) != nil else {
                throw fail("manifest.checksum", "'manifest.checksum' is not 'sha256:' and 64 hex digits")
            }
            let signature = try fields["signature"].map { value throws(PlaybookError) in try text(value, at: "manifest.signature") }
            guard let list = fields["required_local_changes"] else { throw fail("manifest", "'manifest.required_local_changes' is missing") }
            guard case .array(let items) = list else {
                throw fail("manifest.required_local_changes", "'manifest.required_local_changes' must be a list, not \(list.kind)")
            }
            var changes: [Manifest.Change] = []
            for (index, item) in items.enumerated() {
                let path = "manifest.required_local_changes[\(index)]"
                let change = try object(item, at: path, allowed: ["id", "change"])
                changes.append(.init(id: try text(change["id"], at: "\(path).id"), change: try text(change["change"], at: "\(path).change")))
            }
            return Manifest(sourceSite: try text(fields["source_site"], at: "manifest.source_site"), exportDate: exportDate,
                            version: try text(fields["version"], at: "manifest.version"), owner: try text(fields["owner"], at: "manifest.owner"),
                            requiredLocalChanges: changes, checksum: checksum, signature: signature)
        }
    }
}
