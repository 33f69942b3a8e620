import Foundation
import GFM

/// The print views of several roles' print pages, made SOP by SOP for all of those roles at once:
/// each SOP is parsed once for every role's print page instead of once per role (a parse per role
/// was a tenth of a build). The writer asks for the pages' pieces side by side
/// (`Directory.writeNewFiles`), so a view is asked for soon after it is made; views are made a
/// batch of SOPs at a time, on every core, and each is dropped once it has been handed over, so
/// memory holds one batch, not the pages.
final class PrintViewBatches: @unchecked Sendable {
    private let views: SOPViewRenderer
    private let sops: [ResolvedPack.ResolvedSOP]
    private let roles: [String]
    /// For each SOP (index in `sops`), the roles (indices in `roles`) whose print pages hold it.
    private let readers: [Int: [Int]]
    private let batchSize: Int

    private let lock = NSLock()
    /// The batch made last: its first SOP and, for each of its SOPs, each reader's view.
    private var start = 0
    private var made: [[Int: Data]] = []

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
    }

    /// The SOPs any of the roles read, in the order of `sops`: the steps the pages go through together.
    var steps: [Int] { readers.keys.sorted() }

    /// `roles[role]`'s print view of `sops[index]`, as its page holds it; made with the rest of its
    /// batch when first asked for (asked for again, after it was handed over, it is made again).
    func view(of index: Int, role: Int) -> Data {
        lock.withLock {
            if !(start..<start + made.count).contains(index) || made[index - start][role] == nil { makeBatch(from: index) }
            return made[index - start].removeValue(forKey: role)!
        }
    }

    /// The views of the SOPs read from `first` on, `batchSize` of them, each SOP parsed once.
    private func makeBatch(from first: Int) {
        let end = min(first + batchSize, sops.count)
        let (views, sops, roles, readers) = (views, sops, roles, readers)
        made = []
        made = Parallel.map(end - first) { offset -> [Int: Data] in
            let index = first + offset
            guard let readers = readers[index] else { return [:] }
            let rendered = views.printViews(sops[index], roles: readers.map { roles[$0] })
            return Dictionary(uniqueKeysWithValues: zip(readers, rendered.map { Data($0.html.utf8) }))
        }
        start = first
    }
}
