import GFM
/// A playbook from `playbooks/<id>.yml`: a repeatable automation with everything an operator needs
/// before enabling it, the assumptions it makes about a site, and where it came from.
public struct Playbook: Sendable, Hashable, Identifiable {
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        case readOnly = "read-only"
        case staging
        case production
    }

    public struct Assumptions: Sendable, Hashable {
        public var providerSetup: String?
        public var knowledgeBaseSources: [String] = []
        public var roles: [String] = []
        public var approvalPolicy: String?
        public var productLanguage: String?
        public var couponRules: [String] = []
        public var orderStatusConventions: [String] = []
        public var supportOwnership: String?
    }

    public struct LocalChange: Sendable, Hashable {
        public var id: String
        public var change: String
        public var resolved: Bool
        public var resolvedBy: String?
        public var resolvedOn: String?
    }

    public struct FirstRun: Sendable, Hashable {
        public enum Result: String, Sendable, Hashable, CaseIterable { case pending, pass, fail }
        public var result: Result
        public var mode: String?
        public var by: String?
        public var date: String?
        public var notes: String?
    }

    public struct Provenance: Sendable, Hashable {
        public var sourceSite: String?
        public var exportDate: String?
        public var version: String?
        public var owner: String?
        public var requiredLocalChanges: [LocalChange] = []
        public var firstRun: FirstRun?
        /// The import review as stored by import; nil for a playbook imported before reviews were kept.
        public var localisation: [LocalisationItem]?
        /// Every run recorded by `playbook run` and `playbook promote`, oldest first.
        public var runs: [PlaybookRun] = []
        /// Where `provenance:` stands in the file.
        public var location: SourceLocation?

        public var openChanges: Int { openLocalisation.count }
    }

    public var id: String
    public var path: String
    public var title: String
    public var version: String?
    public var owner: Located<String>?
    public var trigger: String?
    public var input: [String]
    public var output: String?
    public var approval: Located<String>?
    public var retry: String?
    public var failureNotification: String?
    public var killSwitch: Located<String>?
    public var mode: Located<Mode>?
    public var assumptions: Assumptions
    public var steps: String
    /// Where the steps' value starts, when the file has steps.
    public var stepsLocation: SourceLocation?
    /// Where each line of the steps is in the file, when they are its lines (`PlaybookStepsLines`).
    public var stepsOrigins: LineOrigins? = nil
    public var provenance: Provenance?
    /// Where `<<local: …>>` placeholders still stand in the file.
    public var placeholders: [Located<String>]
    public var location: SourceLocation
    /// Events after which the playbook must be reviewed (`review_on:`, as SOPs have it).
    public var reviewOn: [Located<ReviewTrigger.Kind>] = []
    /// `last_reviewed:` (YYYY-MM-DD): a triggered review is done when this is after the event.
    public var lastReviewed: Located<String>?

    /// Where `position` in the steps' Markdown is in the file: its own line and column when the
    /// steps' lines are the file's, else where the steps start.
    public func location(inSteps position: GFMPosition) -> SourceLocation {
        stepsOrigins?.location(of: position) ?? stepsLocation ?? location
    }

    /// Written by `sopgen playbook import` from another site's bundle: its text is never trusted as HTML.
    public var isImported: Bool { provenance?.sourceSite != nil }

    /// Whether its steps render with raw HTML and unsafe addresses kept: the pack's
    /// `unsafe_html`, never for another site's playbook.
    public func trustsHTML(in settings: PackSettings) -> Bool { settings.unsafeHTML && !isImported }

    /// The fields the seed asks for before any automation is enabled, with what each holds.
    public var requiredFields: [(key: String, value: String?)] {
        [("trigger", trigger), ("owner", owner?.value), ("input", input.isEmpty ? nil : input.joined(separator: ", ")),
         ("output", output), ("approval", approval?.value), ("retry", retry),
         ("failure_notification", failureNotification), ("kill_switch", killSwitch?.value)]
    }
}

/// Placeholders an export leaves for the importing site to fill: `<<local: coupon rules>>`.
enum LocalPlaceholder {
    static let prefix = "<<local: "

    static func make(_ what: String) -> String { "\(prefix)\(what)>>" }
}
