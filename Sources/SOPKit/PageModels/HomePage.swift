/// `index.html`: the pack's roles, policies, checklists and every SOP.
struct HomePage: TemplateModel {
    static let template = "home"

    struct RoleCard: Sendable {
        var id: String
        var name: String
        var description: String
        var href: String
        /// "1 SOP", "13 SOPs".
        var sopCount: String
        var decisionCount: String
    }

    struct ChecklistSite: Sendable {
        struct Link: Sendable {
            var title: String
            /// The path without its extension: `.html`, `.md` and `.json` follow it.
            var base: String
        }

        var name: String
        var checklists: [Link]
    }

    struct PolicyRow: Sendable {
        var action: String
        var surface: String
        var risk: String
        var mode: String
        /// Role names, joined.
        var approvers: String
        var approvalsRequired: Int
        /// The kill switch role's name, or "—".
        var killSwitch: String
    }

    /// A site whose rollout is blocked, with what blocks it and where its checklists are.
    struct BlockedSite: Sendable {
        var id: String
        var name: String
        var reasons: [String]
        var checklists: [ChecklistSite.Link]
    }

    var site: SiteRecordModel?
    /// Sites whose rollout gates fail (`RolloutGates`): shown above everything else.
    var blockedSites: [BlockedSite]
    var roles: [RoleCard]
    var sops: [SOPSummary]
    var checklistSites: [ChecklistSite]
    var hasChecklists: Bool
    var hasPlaybooks: Bool
    var hasAutomations: Bool
    var policies: [PolicyRow]
}

/// One SOP in a list: the home page's table, a handbook's cards.
struct SOPSummary: Sendable {
    var id: String
    var title: String
    var href: String
    /// The surface's display name, or "General".
    var surface: String
    /// The audience's role names, joined.
    var audience: String
    var summary: String?
    /// The date of the recorded review that flagged the SOP, until it is reviewed after it.
    var flaggedBy: String?
    /// The day its review fell due, when that has passed.
    var reviewOverdue: String?
}
