/// The SOPs of one view in reading order, each id once (the first of two equal ids keeps its
/// place). An SOP's pager is made when its page is rendered, so a site holds each view's order,
/// not a pager (two titles and two addresses) for every page of every view.
struct PagerSequence: Sendable {
    private let ids: [String]
    private let positions: [String: Int]

    init(_ ids: [String]) {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(ids.count)
        var unique: [String] = []
        unique.reserveCapacity(ids.count)
        for id in ids where positions[id] == nil {
            positions[id] = unique.count
            unique.append(id)
        }
        self.ids = unique
        self.positions = positions
    }

    /// `id`'s neighbours, with `title` and `href` for each; `Pager.none` for an id not in the sequence.
    func pager(for id: String, title: (String) -> String, href: (String) -> String) -> Pager {
        guard let index = positions[id] else { return .none }
        var pager = Pager()
        if index > 0 { pager.previous = Pager.Link(title: title(ids[index - 1]), href: href(ids[index - 1])) }
        if index + 1 < ids.count { pager.next = Pager.Link(title: title(ids[index + 1]), href: href(ids[index + 1])) }
        return pager
    }
}
