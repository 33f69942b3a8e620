/// `automations/index.html`: every automation with its owner (role and named person), what it may
/// do, who pauses it and its last run. Each row is an anchor that role handbooks link to.
struct AutomationRegisterPage: TemplateModel {
    static let template = "automations"

    struct Row: Sendable {
        var id: String
        var title: String
        var kind: String
        /// The owner role's name, or "—".
        var ownerRole: String
        var ownerPerson: String
        var trigger: String
        var access: String
        /// The approval policy's action, or "—".
        var approval: String
        var killSwitch: String
        var notify: String
        /// The last run's result alone, for a CSS class; "none" when there is none.
        var lastRun: String
        var lastRunText: String
    }

    var automations: [Row]
}

/// An automation a role owns, pauses or approves, as its handbook lists it.
struct AutomationLink: Sendable {
    var title: String
    var href: String
    /// "you own it", "you hold its kill switch", "you approve its actions".
    var relation: String
    var access: String
}
