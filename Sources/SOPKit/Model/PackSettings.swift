/// `sopgen.yml`: what the pack is called, whose it is, and how it builds.
public struct PackSettings: Sendable, Hashable {
    public var title: String
    public var organisation: String
    public var defaultSite: Located<String>?
    /// Render raw HTML and `javascript:` links in SOPs as written. Off unless the pack opts in.
    public var unsafeHTML: Bool
    /// Minimum versions a site must run before rollout, by component (`php`, `wordpress`,
    /// `sophmate`, `woocommerce`).
    public var requirements: [String: Located<String>] = [:]
    /// How `sopgen review` reads this site's activity export, and its thresholds.
    public var review = ReviewSettings()

    public init(title: String = "SOP handbook", organisation: String = "", defaultSite: Located<String>? = nil, unsafeHTML: Bool = false) {
        self.title = title
        self.organisation = organisation
        self.defaultSite = defaultSite
        self.unsafeHTML = unsafeHTML
    }
}
