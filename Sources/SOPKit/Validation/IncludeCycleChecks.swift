enum IncludeCycleChecks {
    /// A snippet that includes itself, directly or through others, would never finish expanding.
    /// Each group of snippets that include each other (a strongly connected component, found by
    /// Tarjan's algorithm with an explicit stack) is reported once, at the include that closes a
    /// cycle through its first snippet by name: linear time, however many snippets and includes.
    static func cycles(in pack: Pack) -> [Diagnostic] {
        let names = pack.snippets.keys.sorted()
        let edges: [String: [Located<String>]] = pack.snippets.mapValues { template in
            IncludeGraph.scan(template).includes.map(\.name).filter { pack.snippets[$0.value] != nil }
        }
        var diagnostics: [Diagnostic] = []
        for component in components(names, edges) {
            guard let start = component.min(), let (chain, location) = cycle(through: start, within: Set(component), edges) else { continue }
            diagnostics.append(.error("include-cycle", "snippet includes itself: \(chain.joined(separator: " → "))", at: location))
        }
        return diagnostics
    }

    /// Strongly connected components with more than one snippet, or one that includes itself.
    private static func components(_ names: [String], _ edges: [String: [Located<String>]]) -> [[String]] {
        var index: [String: Int] = [:], lowLink: [String: Int] = [:]
        var onStack: Set<String> = [], stack: [String] = []
        var found: [[String]] = []
        for root in names where index[root] == nil {
            var work: [(name: String, next: Int)] = [(root, 0)]
            index[root] = index.count
            lowLink[root] = index[root]
            stack.append(root)
            onStack.insert(root)
            while let (name, next) = work.last {
                let targets = edges[name] ?? []
                if next < targets.count {
                    work[work.count - 1].next += 1
                    let target = targets[next].value
                    if index[target] == nil {
                        index[target] = index.count
                        lowLink[target] = index[target]
                        stack.append(target)
                        onStack.insert(target)
                        work.append((target, 0))
                    } else if onStack.contains(target) {
                        lowLink[name] = min(lowLink[name]!, index[target]!)
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.name { lowLink[parent] = min(lowLink[parent]!, lowLink[name]!) }
                guard lowLink[name] == index[name] else { continue }
                var component: [String] = []
                while let member = stack.popLast() {
                    onStack.remove(member)
                    component.append(member)
                    if member == name { break }
                }
                if component.count > 1 || targets.contains(where: { $0.value == name }) { found.append(component) }
            }
        }
        return found
    }

    /// A path from `start` back to itself inside its component, depth-first in include order.
    private static func cycle(through start: String, within component: Set<String>, _ edges: [String: [Located<String>]]) -> ([String], SourceLocation)? {
        var visited: Set<String> = [start]
        var work: [(name: String, next: Int)] = [(start, 0)]
        while let (name, next) = work.last {
            let targets = edges[name] ?? []
            guard next < targets.count else {
                work.removeLast()
                continue
            }
            work[work.count - 1].next += 1
            let target = targets[next]
            if target.value == start { return (work.map(\.name) + [start], target.location) }
            if component.contains(target.value), visited.insert(target.value).inserted { work.append((target.value, 0)) }
        }
        return nil
    }
}
