/// What distractors are drawn from, computed once per pack: every condition of each kind, every
/// refusal and every role, each list in the order of its texts' hashes. A question takes the
/// first fitting entries from a place in the list seeded by its own id, so choosing distractors
/// costs a few steps per question instead of hashing the whole pack again (a pack of 400
/// policies and 40 roles would otherwise hash tens of millions of texts).
struct DistractorPools: Sendable {
    var reject: [String]
    var escalate: [String]
    var stop: [String]
    var refusals: [String]
    /// Role ids.
    var roles: [String]
    /// Role names by id.
    var names: [String: String]

    init(_ pack: Pack) {
        func pool(_ texts: [String]) -> [String] {
            var seen: Set<String> = []
            return ContentSeed.ordered(texts.filter { !$0.isEmpty && seen.insert($0).inserted }, seed: "pool", text: { $0 })
        }
        reject = pool(pack.policies.flatMap(\.rejectWhen))
        escalate = pool(pack.policies.flatMap(\.escalateWhen))
        stop = pool(pack.policies.flatMap(\.stopWhen))
        refusals = pool(pack.roles.flatMap(\.refusals))
        roles = pool(pack.roles.map(\.id))
        names = Dictionary(pack.roles.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// Up to `count` entries of `pool` not in `excluding`, starting at a place seeded by `seed`
    /// and going round once.
    static func take(_ count: Int, from pool: [String], seed: String, excluding: Set<String>) -> [String] {
        guard !pool.isEmpty, count > 0 else { return [] }
        let start = ContentSeed.number(seed) % pool.count
        var taken: [String] = []
        for step in 0..<pool.count where taken.count < count {
            let item = pool[(start + step) % pool.count]
            if !excluding.contains(item) { taken.append(item) }
        }
        return taken
    }
}
