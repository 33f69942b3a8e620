/// The import review, kept with the imported playbook: one item per topic the seed names, each
/// as it stood at import (matches, differs, to set) and, once localised, who resolved it and when.
/// Every item that does not match is a required local change: `check` reports it
/// (`unlocalised-playbook`) and production is refused until each is resolved.
public struct LocalisationItem: Sendable, Hashable {
    public enum Topic: String, Sendable, Hashable, CaseIterable {
        case providerSetup = "provider-setup"
        case knowledgeBaseSources = "knowledge-base-sources"
        case roles
        case approvalPolicy = "approval-policy"
        case productLanguage = "product-language"
        case couponRules = "coupon-rules"
        case orderStatusConventions = "order-status-conventions"
        case supportOwnership = "support-ownership"

        /// How the review prints it.
        public var title: String {
            switch self {
            case .providerSetup: "provider setup"
            case .knowledgeBaseSources: "Knowledge Base sources"
            case .roles: "roles"
            case .approvalPolicy: "approval policy"
            case .productLanguage: "product language"
            case .couponRules: "coupon rules"
            case .orderStatusConventions: "order status conventions"
            case .supportOwnership: "support ownership"
            }
        }

        /// The required local change of the manifest that goes with this topic, when export made one.
        public var changeID: String? {
            switch self {
            case .providerSetup: "provider-setup"
            case .couponRules: "coupon-rules"
            case .orderStatusConventions: "order-statuses"
            default: nil
            }
        }
    }

    public enum Status: String, Sendable, Hashable, CaseIterable {
        case matches, differs
        case toSet = "to-set"
    }

    public var topic: Topic
    public var status: Status
    public var detail: String
    public var resolvedBy: String?
    public var resolvedOn: String?

    public init(topic: Topic, status: Status, detail: String, resolvedBy: String? = nil, resolvedOn: String? = nil) {
        self.topic = topic
        self.status = status
        self.detail = detail
        self.resolvedBy = resolvedBy
        self.resolvedOn = resolvedOn
    }

    /// A difference, or something to set, that nobody has resolved yet.
    public var isOpen: Bool { status != .matches && resolvedBy == nil }
}

/// Placeholders export leaves, by the required local change or localisation item they belong to:
/// an item cannot be marked resolved while its placeholder is still in the file.
enum LocalisationPlaceholders {
    static func names(for item: String) -> [String] {
        switch item {
        case "provider-setup": ["provider setup"]
        case "coupon-rules": ["coupon rules"]
        case "order-statuses", "order-status-conventions": ["order status slugs"]
        case "site-references": ["site URL", "site name", "person"]
        case "support-ownership": ["person"]
        case PrivatePolicyProse.changeID: ["amount", "limit", "discount rule"]
        default: []
        }
    }
}
