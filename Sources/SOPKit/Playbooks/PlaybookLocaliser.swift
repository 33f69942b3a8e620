/// `sopgen playbook localise ID ITEM --by NAME`: marks one item of an imported playbook's stored
/// import review (a topic such as `knowledge-base-sources`) or one required local change (such as
/// `site-references`) as resolved, by whom and when. A topic and the required local change export
/// made for it are resolved together. An item is never resolved while a placeholder of its own is
/// still in the file.
public enum PlaybookLocaliser {
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case noReview(String)
        case unknownItem(String, open: [String])
        case placeholdersLeft(String, [Located<String>])

        public var description: String {
            switch self {
            case .noReview(let id):
                "playbook '\(id)' has no stored import review; import it again with --replace to record one"
            case .unknownItem(let item, let open):
                "no localisation item '\(item)'" + (open.isEmpty ? "; nothing is open" : "; open: \(open.joined(separator: ", "))")
            case .placeholdersLeft(let item, let placeholders):
                "'\(item)' cannot be resolved while its placeholders are in the file: "
                    + placeholders.map { "<<local: \($0.value)>> at \($0.location.path):\($0.location.line):\($0.location.column)" }.joined(separator: ", ")
            }
        }
    }

    public struct Outcome: Sendable {
        /// The new text, nil when nothing changed.
        public var text: String?
        public var message: String
    }

    public static func resolve(_ playbook: Playbook, text: String, item: String, by person: String, date: String) throws -> Outcome {
        guard var provenance = playbook.provenance, playbook.isImported else { throw Failure.noReview(playbook.id) }
        // A change that has a topic brings the topic along, and the reverse.
        let topic = LocalisationItem.Topic(rawValue: item) ?? LocalisationItem.Topic.allCases.first { $0.changeID == item }
        let localisation = provenance.localisation ?? []
        // Every entry of the topic: a review edited by hand may list one twice.
        let topicIndices = localisation.indices.filter { localisation[$0].topic == topic }
        let changeIDs = Set([item] + (topic?.changeID.map { [$0] } ?? []))
        let changeIndices = provenance.requiredLocalChanges.indices.filter { changeIDs.contains(provenance.requiredLocalChanges[$0].id) }
        guard !topicIndices.isEmpty || !changeIndices.isEmpty else {
            if provenance.localisation == nil { throw Failure.noReview(playbook.id) }
            throw Failure.unknownItem(item, open: localisation.filter(\.isOpen).map(\.topic.rawValue)
                                      + provenance.requiredLocalChanges.filter { !$0.resolved }.map(\.id))
        }
        var names = LocalisationPlaceholders.names(for: item) + (topic.map { LocalisationPlaceholders.names(for: $0.rawValue) } ?? [])
        for index in changeIndices { names += LocalisationPlaceholders.names(for: provenance.requiredLocalChanges[index].id) }
        let left = playbook.placeholders.filter { names.contains($0.value) }
        guard left.isEmpty else { throw Failure.placeholdersLeft(item, left) }

        var resolved: [String] = []
        var updated = localisation
        for index in topicIndices where updated[index].isOpen {
            updated[index].resolvedBy = person
            updated[index].resolvedOn = date
            if !resolved.contains(updated[index].topic.rawValue) { resolved.append(updated[index].topic.rawValue) }
        }
        if provenance.localisation != nil { provenance.localisation = updated }
        for index in changeIndices where !provenance.requiredLocalChanges[index].resolved {
            provenance.requiredLocalChanges[index].resolved = true
            provenance.requiredLocalChanges[index].resolvedBy = person
            provenance.requiredLocalChanges[index].resolvedOn = date
            resolved.append(provenance.requiredLocalChanges[index].id)
        }
        guard !resolved.isEmpty else {
            return Outcome(text: nil, message: "\(playbook.id): '\(item)' needs nothing: it matches or was resolved already")
        }
        let written = try PlaybookProvenanceWriter.write(text, path: playbook.path, mode: playbook.mode?.value ?? .readOnly, provenance: provenance)
        let open = provenance.openLocalisation
        return Outcome(text: written, message: "\(playbook.id): resolved \(resolved.joined(separator: ", ")) by \(person), \(date); "
                       + (open.isEmpty ? "nothing left to localise" : "still open: \(open.joined(separator: ", "))"))
    }
}
