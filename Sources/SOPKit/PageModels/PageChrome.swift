import GFM

/// What every page inside the layout shows around its content: title, header, navigation, footer.
struct PageChrome: Sendable {
    var pageTitle: String
    /// `""`, `"../"` or `"../../"`: the way back to the site root from the page's folder.
    var root: String
    var bodyClass: String
    var pack: PackTitle
    var navHTML: SafeHTML
    var homeHref: String
    /// Nil on a page without search (the theme's own pages rendered outside the site).
    var search: SearchBox?
}

/// The search box of a page's header: the search script, and the index it loads when the box is
/// first used (the shared sections, then the index of the page's scope).
struct SearchBox: Sendable {
    /// "Search the Store manager handbook".
    var label: String
    var placeholder: String
    /// The index scripts, space-separated, in loading order.
    var index: String
    var script: String
}

/// The pack's title and organisation, as headers and footers print them.
struct PackTitle: Sendable {
    var title: String
    /// Nil when the pack names none.
    var organisation: String?
}

/// A page inside the layout: the page's own fields, then the chrome's. Templates see one flat set
/// of names, as if the two were one struct (`TemplateContext` looks them up in that order).
struct Page<Content: Sendable>: Sendable {
    var chrome: PageChrome
    var content: Content
}
