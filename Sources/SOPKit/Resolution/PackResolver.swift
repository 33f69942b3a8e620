/// The resolve stage: from a valid pack to what each reader sees.
public struct PackResolver: Sendable {
    public init() {}

    public func resolve(_ pack: Pack) -> ResolvedPack {
        let site = pack.defaultSite
        let shared = ValueCatalog.shared(pack: pack, site: site)
        let graph = IncludeGraph(snippets: pack.snippets)
        let names = ResolvedNames(pack: pack)
        // Positions are sorted by keys taken out once, not SOPs: every swap, and every comparison
        // through a subscript, copied a whole SOP.
        let keys = pack.sops.map(HandbookOrderKey.init)
        let order = pack.sops.indices.sorted { keys[$0] < keys[$1] }
        let sops = order.map { resolve(pack.sops[$0], in: pack, graph: graph, shared: shared, names: names) }
        let pools = DistractorPools(pack)
        let handbooks = pack.roles.map { role in
            let guide = DecisionGuideBuilder.entries(for: role, in: pack)
            let sopIDs = sops.filter { $0.sop.audience.contains { $0.value == role.id } }.map(\.sop.id)
            return ResolvedPack.Handbook(
                role: role,
                guide: guide,
                escalationPath: escalationPath(from: role, in: pack),
                sopIDs: sopIDs,
                check: KnowledgeCheckBuilder.check(for: role, guide: guide, pack: pack, sopIDs: sopIDs, pools: pools)
            )
        }
        let sopIndex = Dictionary(sops.indices.map { (sops[$0].sop.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ResolvedPack(pack: pack, site: site, handbooks: handbooks, sops: sops, names: names, sopIndex: sopIndex,
                            checklistLinks: ChecklistLinks(pack: pack))
    }

    /// One SOP of `pack` as `resolve` makes it (`sopgen serve` resolves an edited SOP alone first).
    func resolve(_ sop: SOP, in pack: Pack) -> ResolvedPack.ResolvedSOP {
        resolve(sop, in: pack, graph: IncludeGraph(snippets: pack.snippets),
                shared: ValueCatalog.shared(pack: pack, site: pack.defaultSite), names: ResolvedNames(pack: pack))
    }

    private func resolve(_ sop: SOP, in pack: Pack, graph: IncludeGraph, shared: [String: String],
                         names: ResolvedNames) -> ResolvedPack.ResolvedSOP {
        ResolvedPack.ResolvedSOP(
            sop: sop,
            markdown: SOPExpander.expand(sop.body, graph: graph, skipped: graph.oversizedIncludes(in: [sop.body], name: sop.path).skipped),
            values: shared.merging(ValueCatalog.forSOP(sop, pack: pack)) { $1 },
            names: names.sop(sop)
        )
    }

    private func escalationPath(from role: Role, in pack: Pack) -> [Role] {
        var path = [role]
        while let next = path.last?.escalatesTo?.value, let nextRole = pack.role(next), !path.contains(where: { $0.id == next }) {
            path.append(nextRole)
        }
        return path
    }

    /// By surface in SophMate's order, then title: the order a trainer walks through the modules.
    static func handbookOrder(_ lhs: SOP, _ rhs: SOP) -> Bool {
        HandbookOrderKey(lhs) < HandbookOrderKey(rhs)
    }

    /// What the handbook order compares: by surface (SOPs without one last), then title, then id.
    private struct HandbookOrderKey: Comparable {
        var surface: Surface?
        var title: String
        var id: String

        init(_ sop: SOP) {
            (surface, title, id) = (sop.surface?.value, sop.title, sop.id)
        }

        static func < (lhs: Self, rhs: Self) -> Bool {
            if lhs.surface != rhs.surface {
                switch (lhs.surface, rhs.surface) {
                case (nil, _): return false
                case (_, nil): return true
                case let (l?, r?): return l < r
                }
            }
            return (lhs.title, lhs.id) < (rhs.title, rhs.id)
        }
    }
}
