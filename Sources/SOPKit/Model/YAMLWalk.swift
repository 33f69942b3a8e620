import Yams

/// The one walk over a composed YAML document that visits each value once. Yams resolves an alias
/// to the node its anchor names, mark included, so an alias bomb (`b: [*a, *a, …]` nested twelve
/// deep) is a tree of 9^12 nodes in a file of a few hundred bytes: a list or mapping already walked
/// (known by its mark) is not walked again, so the walk costs the size of the text.
enum YAMLWalk {
    /// Every scalar under `root`, in document order: keys too when `keys`; `descend` decides for
    /// each mapping entry (by its key) whether its value is walked.
    static func scalars(of root: Node, keys: Bool, descend: (Node) -> Bool = { _ in true }, _ visit: (Node) -> Void) {
        var pending = [root]
        var walked: Set<[Int]> = []
        while let next = pending.popLast() {
            if let mark = next.mark, next.scalar == nil {
                guard walked.insert([mark.line, mark.column, next.mapping == nil ? 0 : 1]).inserted else { continue }
            }
            switch next {
            case .scalar:
                visit(next)
            case .mapping(let mapping):
                for (key, value) in mapping.reversed() {
                    if descend(key) { pending.append(value) }
                    if keys { pending.append(key) }
                }
            case .sequence(let sequence):
                pending += sequence.reversed()
            case .alias:
                break
            }
        }
    }
}
