import GFM

/// `roles/<role>/print.html`: a role's whole handbook on one page, every SOP in its print view.
struct PrintPage: TemplateModel {
    static let template = "print"

    struct Section: Sendable {
        var id: String
        var headerHTML: SafeHTML
        var bodyHTML: SafeHTML
    }

    var role: RoleHeading
    var guide: [DecisionGuideItem]
    var escalationPath: [EscalationStep]
    var isTop: Bool
    var refusals: [String]
    var firstWeekFocus: [String]
    var hasRefusals: Bool
    var hasFirstWeekFocus: Bool
    var site: SiteRecordModel?
    var sops: [Section]
    /// The contents page: each SOP's title and the id of its section.
    var contents: [ContentsEntry]
    /// The footer on every printed page (pack, role, site, input hash), as a CSS string.
    var footerCSS: SafeHTML
}

struct ContentsEntry: Sendable {
    var id: String
    var title: String
}
