/// Roles whose knowledge check cannot test what matters: a role that may act in SophMate should
/// be tested on when to ask, approve, reject, escalate and stop, and that needs a policy that
/// involves it. Every entry of a role's decision guide gives its check at least one question (the
/// plan as drafted: `DecisionGuideEntry.call(.routine)` always decides), so a role has a question
/// about policy exactly when its guide is not empty. A pack without any policy is left alone: it
/// has no decision guide at all, which its handbooks already say.
enum KnowledgeCheckChecks {
    static func check(_ pack: Pack) -> [Diagnostic] {
        guard !pack.policies.isEmpty else { return [] }
        return pack.roles.compactMap { role -> Diagnostic? in
            guard !role.capabilities.isEmpty, DecisionGuideBuilder.entries(for: role, in: pack).isEmpty else { return nil }
            return .warning(.knowledgeCheckGap,
                "role '\(role.id)' may use SophMate, but no policy involves it: its knowledge check can ask only about its capabilities, never when to ask, approve, reject, escalate or stop",
                at: role.location)
        }
    }
}
