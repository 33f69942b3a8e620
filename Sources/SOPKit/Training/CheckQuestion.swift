/// One multiple-choice question of a role's knowledge check: exactly one option is right, and the
/// pack decides which (see `KnowledgeCheckBuilder`).
public struct CheckQuestion: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A plan arrives, maybe matching a condition: ask, approve, reject, escalate or stop?
        case scenario
        /// Which of these plans does the handbook tell you to reject / escalate / stop?
        case rejectPlan = "reject-plan"
        case escalatePlan = "escalate-plan"
        case stopPlan = "stop-plan"
        /// A proposer's plan: whom to ask for approval.
        case askWhom = "ask-whom"
        case escalateTo = "escalate-to"
        case killSwitch = "kill-switch"
        /// The most the role may do on one surface.
        case capability
        /// Which of these is one of the role's refusals.
        case refusal
    }

    /// Where the answer is written: the decision card, an SOP, a section of the handbook. `href`
    /// is relative to the role's folder (`roles/<role>/`).
    public struct Link: Sendable, Hashable, Codable {
        public var label: String
        public var href: String
    }

    /// Stable within a role's check: kind, policy or surface, and position (`stop-plan-theme-changes`).
    public var id: String
    public var kind: Kind
    public var prompt: String
    public var options: [String]
    /// Index into `options`.
    public var answer: Int
    /// Why the answer is right, in the handbook's words.
    public var explanation: String
    public var links: [Link]
    /// The policy the question is about, nil for questions about the role itself.
    public var policyID: String?

    public var answerText: String { options[answer] }
}

/// A role's knowledge check: 10 to 20 questions when the pack decides that many, fewer when not.
public struct KnowledgeCheck: Sendable, Hashable {
    public var roleID: String
    public var questions: [CheckQuestion]
    /// How many questions the pack decides for this role before the check picks 20 of them.
    public var available: Int

    public static let maximum = 20
    public static let minimum = 10
}
