import GFM

/// The review report as a page (`review.mustache`) and as a Markdown summary (`review.md.mustache`),
/// from a `ReviewReport`: a summary, the charts, then one section per role with its findings, the
/// SOPs to update and its decision cards. Links assume the page stands at `reviews/<date>/` of the
/// built site (`../../roles/<role>/index.html`).
struct ReviewPage: TemplateModel {
    static let template = "review"
    static let markdownTemplate = "review.md"

    struct Figure: Sendable {
        var label: String
        var value: String
    }

    struct Link: Sendable {
        var text: String
        var href: String
    }

    struct Evidence: Sendable {
        var place: String
        var event: String
        var time: String
        var user: String
    }

    struct Finding: Sendable {
        var code: String
        var severity: String
        var message: String
        var user: String?
        var plan: String?
        var surface: String?
        var evidence: [Evidence]
        /// "and 12 more events" when the evidence list is cut short.
        var moreEvidence: String?
        var notes: [String]
        var hasNotes: Bool
        var sops: [Link]
        var cards: [Link]
        var hasUpdates: Bool
    }

    struct Role: Sendable {
        var id: String
        var name: String
        var handbook: Link?
        var figures: [Figure]
        var hasFigures: Bool
        var findings: [Finding]
        var hasFindings: Bool
        var sops: [Link]
        var hasSOPs: Bool
    }

    struct CodeCount: Sendable {
        var code: String
        var severity: String
        var count: Int
        var summary: String
    }

    var pageTitle: String
    var title: String
    var pack: PackTitle
    var inlineCSS: SafeHTML
    var date: String
    var window: String
    var export: String
    var roster: String?
    var figures: [Figure]
    var codes: [CodeCount]
    var hasFindings: Bool
    /// "1 error", "3 warnings", "0 notes".
    var errors: String
    var warnings: String
    var infos: String
    var unknownEvents: [Figure]
    var hasUnknownEvents: Bool
    var charts: [ReviewChart]
    /// Each window of the trend, oldest first, when the store holds windows before this one.
    var trend: [Figure]
    var hasTrend: Bool
    var roles: [Role]
    var flaggedSOPs: [Link]
    var hasFlaggedSOPs: Bool
    var version: String
}
