/// One thing the review found, with the events that prove it and what to update.
public struct ReviewFinding: Sendable, Hashable {
    /// Stable codes: the README lists each with an example; JSON reports and `--record` use them.
    public enum Code: String, Sendable, Hashable, CaseIterable, Comparable {
        case unsafePrompt = "unsafe-prompt"
        case approvalOutsideRole = "approval-outside-role"
        case selfApproval = "self-approval"
        case missingApprovals = "missing-approvals"
        case unapprovedExecution = "unapproved-execution"
        case missingContext = "missing-context"
        case lateEscalation = "late-escalation"
        case untrainedSurface = "untrained-surface"
        case unknownUser = "unknown-user"
        case unusedCapability = "unused-capability"

        public var summary: String {
            switch self {
            case .unsafePrompt: "A prompt or draft held a secret or personal data (the value is never shown)."
            case .approvalOutsideRole: "An approval by a user whose role may not approve that plan."
            case .selfApproval: "A user approved a plan they proposed, where the policy forbids it."
            case .missingApprovals: "A plan executed with fewer approvals than its policy requires."
            case .unapprovedExecution: "A plan executed without any approval."
            case .missingContext: "The same user's plans were rejected again and again."
            case .lateEscalation: "A failed plan was retried too often, or left without an escalation or pause."
            case .untrainedSurface: "A user acted on a surface their role's SOPs do not cover, or above their role's capability."
            case .unknownUser: "A user of the export who is not in the roster or has no pack role."
            case .unusedCapability: "A capability granted to a role and not used in the window."
            }
        }

        public static func < (lhs: Code, rhs: Code) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
        case info, warning, error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// One event that proves the finding: where it is in the export, and what it was.
    public struct Evidence: Sendable, Hashable {
        public var line: Int
        public var kind: ActivityEvent.Kind
        public var time: String
        public var user: String
        /// The export the event was read from, when it is not the one under review (an earlier
        /// export in the store).
        public var file: String?
    }

    /// A decision-guide card of a role's handbook (`roles/<role>/index.html#policy-<id>`).
    public struct DecisionCard: Sendable, Hashable {
        public var role: String
        public var policy: String
        public var link: String { "roles/\(role)/index.html#policy-\(policy)" }
    }

    public var code: Code
    public var severity: Severity
    public var user: String?
    public var role: String?
    public var surface: Surface?
    public var plan: String?
    public var policy: String?
    /// One sentence, built from the events: never a prompt's text or a value the scanner found.
    public var message: String
    public var evidence: [Evidence] = []
    /// Events that also prove the finding but are not listed (`evidence` holds at most
    /// `FindingEngine.maximumEvidence`, the earliest).
    public var moreEvidence = 0
    /// Reviewer notes or decision reasons (already redacted), for missing-context.
    public var notes: [String] = []
    /// SOP ids to update: those addressed to the role that cover the surface or the policy.
    public var sops: [String] = []
    public var cards: [DecisionCard] = []
    /// How many windows running (this one included) the store has seen this code for this user;
    /// 1 when it is new, or nothing was ingested before.
    public var running = 1
}
