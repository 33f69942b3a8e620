enum IncludeCycleChecks {
    /// A snippet that includes itself, directly or through others, would never finish expanding.
    /// Each group of snippets that include each other is reported once, at the include that
    /// closes a cycle through its first snippet by name.
    static func cycles(in pack: Pack) -> [Diagnostic] {
        let graph = NameGraph(pack.snippets.mapValues { IncludeGraph.scan($0).includes.map(\.name) })
        return graph.cycles().compactMap { group in
            graph.cycle(in: group).map { cycle in
                .error(.includeCycle, "snippet includes itself: \(cycle.names.joined(separator: " → "))", at: cycle.location)
            }
        }
    }
}
