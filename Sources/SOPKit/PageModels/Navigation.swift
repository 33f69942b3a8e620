/// The `nav` fragment, the site's top menu: sections for the handbooks, the trainer view, the
/// knowledge checks, the checklists, playbooks and automations, with the current page's entry
/// marked `aria-current="page"` and the entry or section it belongs to `aria-current="true"`.
/// A section of one page is a link; a section of several opens as a list (`<details>`, no script).
struct Navigation: TemplateModel {
    static let template = "nav"

    /// Which of the two marks an entry carries. Both fields are always present, so a template's
    /// lookup never climbs from an entry to its section's mark.
    struct Mark: Sendable, Hashable {
        var isPage = false
        var isArea = false
        static let none = Mark()
        static let page = Mark(isPage: true)
        static let area = Mark(isArea: true)
    }

    struct Link: Sendable, Hashable {
        var name: String
        var href: String
        var isPage: Bool
        var isArea: Bool
    }

    struct Section: Sendable, Hashable {
        var title: String
        /// The page of a one-page section; empty for a section with a list.
        var href: String
        var isLink: Bool
        var isPage: Bool
        var isArea: Bool
        var links: [Link]
    }

    var sections: [Section]
}
