/// Parts of a role's handbook shared by its web page and its printable page.
struct RoleHeading: Sendable {
    var id: String
    var name: String
    var description: String
}

/// One action in the decision guide (`decision-guide` partial).
struct DecisionGuideItem: Sendable {
    var policyID: String
    var action: String
    var surface: String
    var risk: String
    var mode: String
    /// "You approve", "You propose", "You use it", "You hold the kill switch".
    var involvement: String
    var ask: String
    var approve: String
    var reject: [String]
    var hasReject: Bool
    var escalate: [String]
    var hasEscalate: Bool
    var escalateTo: String
    var stop: [String]
    var hasStop: Bool
    var stopCall: String
}

/// One role on the escalation path (`role-essentials` partial).
struct EscalationStep: Sendable {
    var name: String
    var href: String
    var isSelf: Bool
    var isLast: Bool
}
