/// A SophMate module that a role can use and a policy governs.
public enum Surface: String, Sendable, Hashable, CaseIterable, Comparable {
    case copilot
    case approvals
    case auditLog = "audit-log"
    case diagnostics
    case providers
    case playbooks
    case themeAssistant = "theme-assistant"
    case imageStudio = "image-studio"
    case supportDrafts = "support-drafts"
    case productCopy = "product-copy"
    case knowledgeBase = "knowledge-base"
    case workflows
    case watchers
    case agents
    case customTools = "custom-tools"

    public var displayName: String {
        switch self {
        case .copilot: "Copilot"
        case .approvals: "Action plans and approvals"
        case .auditLog: "Audit log"
        case .diagnostics: "Diagnostics and safe mode"
        case .providers: "Providers, keys and budgets"
        case .playbooks: "Playbooks and quick actions"
        case .themeAssistant: "Theme Assistant"
        case .imageStudio: "Image Studio"
        case .supportDrafts: "WooCommerce support drafts"
        case .productCopy: "WooCommerce product copy"
        case .knowledgeBase: "Knowledge Base"
        case .workflows: "Workflows"
        case .watchers: "Watchers"
        case .agents: "Agents"
        case .customTools: "Custom tools"
        }
    }

    public static func < (lhs: Surface, rhs: Surface) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What a role may do on a surface, in SophMate's own order: each level includes the ones below.
public enum Capability: String, Sendable, Hashable, CaseIterable, Comparable {
    case read, draft, approve, execute

    public static func < (lhs: Capability, rhs: Capability) -> Bool { lhs.rank < rhs.rank }

    /// The place in `allCases` (what `<` compares), without a search: the review compares
    /// capabilities once an event.
    private var rank: Int {
        switch self {
        case .read: 0
        case .draft: 1
        case .approve: 2
        case .execute: 3
        }
    }

    public var meaning: String {
        switch self {
        case .read: "ask Copilot and view"
        case .draft: "prepare plans, replies and copy"
        case .approve: "decide on someone else's plan"
        case .execute: "run approved plans on the site"
        }
    }
}
