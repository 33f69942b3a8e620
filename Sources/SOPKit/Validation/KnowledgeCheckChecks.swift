/// Roles whose knowledge check cannot test what matters: a role that may act in SophMate should
/// be tested on when to ask, approve, reject, escalate and stop, and that needs a policy that
/// involves it. The questions counted are the ones the build writes (`KnowledgeCheckBuilder`), so
/// the warning and the check page never disagree. A pack without any policy is left alone: it has
/// no decision guide at all, which its handbooks already say.
enum KnowledgeCheckChecks {
    static func check(_ pack: Pack) -> [Diagnostic] {
        guard !pack.policies.isEmpty else { return [] }
        return pack.roles.compactMap { role -> Diagnostic? in
            guard !role.capabilities.isEmpty else { return nil }
            let guide = DecisionGuideBuilder.entries(for: role, in: pack)
            let questions = KnowledgeCheckBuilder.candidates(.init(role: role, guide: guide, pack: pack, sopIDs: []))
            guard !questions.contains(where: { $0.policyID != nil }) else { return nil }
            return .warning("knowledge-check-gap",
                "role '\(role.id)' may use SophMate, but no policy involves it: its knowledge check can ask only about its capabilities, never when to ask, approve, reject, escalate or stop",
                at: role.location)
        }
    }
}
