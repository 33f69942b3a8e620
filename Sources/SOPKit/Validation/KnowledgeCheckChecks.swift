/// Roles whose knowledge check the pack cannot fill: a role that may act in SophMate should be
/// tested on when to ask, approve, reject, escalate and stop, and on 10 questions at least.
/// The questions are the ones the build writes (`KnowledgeCheckBuilder`), so the warning and the
/// check page never disagree.
enum KnowledgeCheckChecks {
    static func check(_ pack: Pack) -> [Diagnostic] {
        pack.roles.compactMap { role -> Diagnostic? in
            guard !role.capabilities.isEmpty else { return nil }
            let guide = DecisionGuideBuilder.entries(for: role, in: pack)
            let questions = KnowledgeCheckBuilder.candidates(.init(role: role, guide: guide, pack: pack, sopIDs: []))
            let aboutPolicies = questions.filter { $0.policyID != nil }.count
            if aboutPolicies == 0 {
                return .warning("knowledge-check-gap",
                    "role '\(role.id)' may use SophMate, but no policy involves it: its knowledge check can ask only about its capabilities, never when to ask, approve, reject, escalate or stop",
                    at: role.location)
            }
            if questions.count < KnowledgeCheck.minimum {
                return .warning("knowledge-check-gap",
                    "the pack decides only \(questions.count) knowledge-check question\(questions.count == 1 ? "" : "s") for role '\(role.id)' (at least \(KnowledgeCheck.minimum) expected); add reject_when, escalate_when or stop_when to its policies, or refusals",
                    at: role.location)
            }
            return nil
        }
    }
}
