/// An approval policy: who may propose an action, who decides, and when to reject, escalate or stop.
public struct Policy: Sendable, Hashable, Identifiable {
    public enum Risk: String, Sendable, Hashable, CaseIterable { case low, medium, high }
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        case readOnly = "read-only"
        case stagingFirst = "staging-first"
        case production
    }

    public var id: String
    public var action: String
    public var surface: Located<Surface>
    public var risk: Risk
    public var proposers: [Located<String>]
    public var approvers: [Located<String>]
    public var approvalsRequired: Located<Int>
    public var mode: Mode
    public var rejectWhen: [String]
    public var escalateWhen: [String]
    public var stopWhen: [String]
    public var killSwitch: Located<String>?
    /// The documented rollback or support path for what this action writes.
    public var rollback: String?
    /// The pack says, on purpose, that the only proposer may approve its own plans.
    public var allowsSelfApproval: Bool
    public var location: SourceLocation
}
