import GFM

/// `roles/<role>/sign-off.html`: a printable acknowledgement sheet bound to the handbook's
/// version, with what changed since an earlier version when the build was given one (`--since`).
struct SignOffPage: TemplateModel {
    static let template = "sign-off"

    struct SOPLine: Sendable {
        var id: String
        var title: String
        var lastReviewed: String
        var reviewCadence: String
    }

    struct Changes: Sendable {
        struct Item: Sendable {
            var id: String
            var title: String
        }

        /// "ad058601d4f2 of 2026-11-02", or the earlier build known by its file list.
        var since: String
        var added: [Item]
        var changed: [Item]
        var removed: [Item]
        var hasAdded: Bool
        var hasChanged: Bool
        var hasRemoved: Bool
        var hasNone: Bool
        /// False when the earlier version was a manifest: SOPs changed in place cannot be told.
        var knowsChanges: Bool
    }

    var pageTitle: String
    var root: String
    var homeHref: String
    /// The role's handbook, from this page's folder.
    var handbookHref: String
    var pack: PackTitle
    var role: RoleHeading
    /// The pack's input hash.
    var version: String
    /// The newest last review of the pack's SOPs, or "not recorded".
    var versionDate: String
    var sops: [SOPLine]
    var hasSOPs: Bool
    var refusals: [String]
    var hasRefusals: Bool
    var changes: Changes?
    /// The person the sheet is for (`people.yml`); nil for the role's blank sheet.
    var person: String?
    var footerCSS: SafeHTML
}
