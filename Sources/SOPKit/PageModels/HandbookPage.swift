/// `roles/<role>/index.html`: what a role may do, decides and reads.
struct HandbookPage: TemplateModel {
    static let template = "handbook"

    struct Capability: Sendable {
        var surface: String
        var level: String
        var meaning: String
    }

    struct PlaybookLink: Sendable {
        var title: String
        var href: String
        /// "you run it", "you approve its plans".
        var relation: String
        var mode: String
    }

    var role: RoleHeading
    var capabilities: [Capability]
    var guide: [DecisionGuideItem]
    var escalationPath: [EscalationStep]
    var isTop: Bool
    var refusals: [String]
    var firstWeekFocus: [String]
    var hasRefusals: Bool
    var hasFirstWeekFocus: Bool
    var site: SiteRecordModel?
    var sops: [SOPSummary]
    var hasSOPs: Bool
    var packHasPlaybooks: Bool
    var playbooks: [PlaybookLink]
    var packHasAutomations: Bool
    var automations: [AutomationLink]
}
