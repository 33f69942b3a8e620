import Foundation
import GFM

/// The print views of several roles' print pages, made SOP by SOP for all of those roles at once:
/// each SOP is parsed once for every role's print page instead of once per role (a parse per role
/// was a tenth of a build). The writer asks for the pages' pieces side by side
/// (`Directory.writeNewFiles`), so a view is asked for soon after it is made; views are made a
/// batch of SOPs at a time, on every core, and each is dropped once it has been handed over, so
/// memory holds two batches, not the pages. The batch after the one being handed over is made in
/// the background (`WriteLane`, a queue of its own), so the writer writes one batch while the next
/// is rendered: the two took turns, and a core waited while the writer wrote.
final class PrintViewBatches: @unchecked Sendable {
    private let views: SOPViewRenderer
    private let sops: [ResolvedPack.ResolvedSOP]
    private let roles: [String]
    /// For each SOP (index in `sops`), the roles (indices in `roles`) whose print pages hold it.
    private let readers: [Int: [Int]]
    private let batchSize: Int
    /// The SOPs any of the roles read, in the order of `sops`: the steps the pages go through together.
    let steps: [Int]

    private let lock = NSLock()
    /// The batch made last: its first SOP and, for each of its SOPs, each reader's view.
    private var start = 0
    private var made: [[Int: Data]] = []
    /// The batch being made ahead, in the background: the SOPs it covers and where it lands.
    private var ahead: (range: Range<Int>, box: Batch)?
    private let lane = WriteLane()

    /// Views made in the background; read only after the lane is drained.
    private final class Batch: @unchecked Sendable {
        var views: [[Int: Data]] = []
    }

    /// `sections[r]`: the indices in `sops` of the SOPs on `roles[r]`'s print page.
    init(views: SOPViewRenderer, sops: [ResolvedPack.ResolvedSOP], roles: [String], sections: [[Int]], batchSize: Int) {
        self.views = views
        self.sops = sops
        self.roles = roles
        var readers: [Int: [Int]] = [:]
        for (role, indices) in sections.enumerated() {
            for index in indices { readers[index, default: []].append(role) }
        }
        self.readers = readers
        self.batchSize = max(batchSize, 1)
        steps = readers.keys.sorted()
    }

    deinit { lane.drain() }

    /// `roles[role]`'s print view of `sops[index]`, as its page holds it; made with the rest of its
    /// batch when first asked for (asked for again, after it was handed over, it is made again).
    func view(of index: Int, role: Int) -> Data {
        lock.withLock {
            if !holds(index, role) {
                // The batch made ahead, if it covers the SOP; else it is not needed (the pages
                // were asked for out of order) and the SOP's batch is made now.
                lane.drain()
                if let ahead, ahead.range.contains(index) {
                    (start, made) = (ahead.range.lowerBound, ahead.box.views)
                }
                ahead = nil
                if !holds(index, role) { made = make(range(from: index)); start = index }
                makeAhead()
            }
            return made[index - start].removeValue(forKey: role)!
        }
    }

    private func holds(_ index: Int, _ role: Int) -> Bool {
        (start..<start + made.count).contains(index) && made[index - start][role] != nil
    }

    /// The SOPs of a batch that starts at `first`.
    private func range(from first: Int) -> Range<Int> {
        first..<min(first + batchSize, sops.count)
    }

    /// Starts making the batch of the first step after the batch in hand, if there is one.
    private func makeAhead() {
        let end = start + made.count
        let next = steps.firstIndex { $0 >= end } ?? steps.count
        guard next < steps.count else { return }
        let range = range(from: steps[next])
        let box = Batch()
        let (views, sops, roles, readers) = (views, sops, roles, readers)
        lane.hand { box.views = Self.make(range, views: views, sops: sops, roles: roles, readers: readers) }
        ahead = (range, box)
    }

    private func make(_ range: Range<Int>) -> [[Int: Data]] {
        Self.make(range, views: views, sops: sops, roles: roles, readers: readers)
    }

    /// The views of the SOPs in `range`, each SOP parsed once, on every core.
    private static func make(_ range: Range<Int>, views: SOPViewRenderer, sops: [ResolvedPack.ResolvedSOP], roles: [String],
                             readers: [Int: [Int]]) -> [[Int: Data]] {
        Parallel.map(range.count) { offset -> [Int: Data] in
            let index = range.lowerBound + offset
            guard let readers = readers[index] else { return [:] }
            let rendered = views.printViews(sops[index], roles: readers.map { roles[$0] })
            return Dictionary(uniqueKeysWithValues: zip(readers, rendered.map { Data($0.bytes) }))
        }
    }
}
