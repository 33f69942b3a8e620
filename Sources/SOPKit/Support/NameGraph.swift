/// Names that point at names — snippets including snippets, templates including partials — with
/// where each pointer is written. Everything here works with explicit stacks: a chain of thousands
/// must not exhaust a thread's stack, and each walk is linear in names and pointers.
struct NameGraph: Sendable {
    /// Pointers by name, in written order; only to names of the graph.
    let edges: [String: [Located<String>]]

    init(_ edges: [String: [Located<String>]]) {
        self.edges = edges.mapValues { $0.filter { edges[$0.value] != nil } }
    }

    /// The groups of names that reach each other and so loop (Tarjan's strongly connected
    /// components with more than one name, or one that points at itself), in name order.
    func cycles() -> [[String]] {
        var index: [String: Int] = [:], lowLink: [String: Int] = [:]
        var onStack: Set<String> = [], stack: [String] = []
        var found: [[String]] = []
        func enter(_ name: String) {
            index[name] = index.count
            lowLink[name] = index[name]
            stack.append(name)
            onStack.insert(name)
        }
        for root in edges.keys.sorted() where index[root] == nil {
            enter(root)
            var work: [(name: String, next: Int)] = [(root, 0)]
            while let (name, next) = work.last {
                let targets = edges[name] ?? []
                if next < targets.count {
                    work[work.count - 1].next += 1
                    let target = targets[next].value
                    if index[target] == nil {
                        enter(target)
                        work.append((target, 0))
                    } else if onStack.contains(target) {
                        lowLink[name] = min(lowLink[name]!, index[target]!)
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.name { lowLink[parent] = min(lowLink[parent]!, lowLink[name]!) }
                guard lowLink[name] == index[name] else { continue }
                var group: [String] = []
                while let member = stack.popLast() {
                    onStack.remove(member)
                    group.append(member)
                    if member == name { break }
                }
                if group.count > 1 || targets.contains(where: { $0.value == name }) { found.append(group.sorted()) }
            }
        }
        return found.sorted { $0[0] < $1[0] }
    }

    /// A path from the group's first name back to itself, depth-first in written order, and where
    /// the pointer that closes it is written.
    func cycle(in group: [String]) -> (names: [String], location: SourceLocation)? {
        guard let start = group.first else { return nil }
        let members = Set(group)
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
            if members.contains(target.value), visited.insert(target.value).inserted { work.append((target.value, 0)) }
        }
        return nil
    }
}
