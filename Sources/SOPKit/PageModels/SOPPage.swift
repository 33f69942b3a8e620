import GFM

/// One SOP as one reader sees it: the trainer view (`sops/<sop>.html`, every block labelled) or a
/// role's view (`roles/<role>/<sop>.html`, only that role's blocks).
struct SOPPage: TemplateModel {
    static let template = "sop"

    struct Heading: Sendable {
        var title: String
        var id: String
    }

    struct RoleLink: Sendable {
        var id: String
        var name: String
        var href: String
    }

    var sop: Heading
    var sopHeaderHTML: SafeHTML
    var bodyHTML: SafeHTML
    var tocHTML: SafeHTML
    var isTrainerView: Bool
    /// Nil in the trainer view.
    var role: RoleLink?
    /// Nil in the trainer view.
    var trainerHref: String?
}

/// The `sop-header` fragment: an SOP's title and facts, the same in all of its views.
struct SOPHeader: TemplateModel {
    static let template = "sop-header"

    struct Fact: Sendable {
        var label: String
        var value: String
    }

    var title: String
    var id: String
    var facts: [Fact]
    /// The date of the recorded review that flagged this SOP, until it is reviewed after it.
    var flaggedBy: String?
    /// The day this SOP's review fell due, when that has passed (`review-overdue`).
    var reviewOverdue: String?
}

/// The `toc` fragment: a page's second-level headings.
struct TableOfContents: TemplateModel {
    static let template = "toc"

    struct Entry: Sendable {
        var text: String
        var id: String
    }

    var toc: [Entry]
}

/// The `nav` fragment: every role's handbook.
struct Navigation: TemplateModel {
    static let template = "nav"

    struct Link: Sendable {
        var name: String
        var href: String
    }

    var navRoles: [Link]
    var root: String
}
