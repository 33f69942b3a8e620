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
    /// The SOPs before and after this one in the reader's order (the role's handbook, or the pack
    /// for the trainer view).
    var previous: Pager.Link?
    var next: Pager.Link?
    var hasPager: Bool
    /// In the trainer view, each role's view of the SOP ("See this SOP as…"); empty in a role's view.
    var roleViews: [RoleLink]
    var hasRoleViews: Bool
}

/// Previous and next links through a sequence of pages (`rel="prev"`, `rel="next"`): the `pager`
/// partial, which an SOP page renders with its own `previous` and `next`.
struct Pager: TemplateModel, Hashable {
    static let template = "pager"

    struct Link: Sendable, Hashable {
        var title: String
        var href: String
    }

    var previous: Link?
    var next: Link?

    static let none = Pager()
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
