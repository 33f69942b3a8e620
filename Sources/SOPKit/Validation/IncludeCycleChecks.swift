enum IncludeCycleChecks {
    /// A snippet that includes itself, directly or through others, would never finish expanding.
    static func cycles(in pack: Pack) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var reported: Set<Set<String>> = []
        for name in pack.snippets.keys.sorted() {
            if let (chain, location) = findCycle(from: name, path: [name], pieces: pack.snippets[name]!.pieces, pack: pack),
               chain.first == name, reported.insert(Set(chain)).inserted {
                diagnostics.append(.error("include-cycle", "snippet includes itself: \(chain.joined(separator: " → "))", at: location))
            }
        }
        return diagnostics
    }

    private static func findCycle(from start: String, path: [String], pieces: [Template.Piece], pack: Pack) -> ([String], SourceLocation)? {
        for piece in pieces {
            switch piece {
            case .include(let name, _):
                if name.value == start { return (path + [start], name.location) }
                guard !path.contains(name.value), let snippet = pack.snippets[name.value] else { continue }
                if let found = findCycle(from: start, path: path + [name.value], pieces: snippet.pieces, pack: pack) { return found }
            case .roleBlock(let block):
                if let found = findCycle(from: start, path: path, pieces: block.body, pack: pack) { return found }
            case .text, .value:
                continue
            }
        }
        return nil
    }
}
