import GFM

/// One row of the playbook register, and the head of a playbook's own page.
struct PlaybookSummary: Sendable {
    var id: String
    var title: String
    var version: String
    /// The owner role's name, or "—".
    var owner: String
    var mode: String
    var sourceSite: String
    var exportDate: String
    /// "none", or "2 open, 1 resolved".
    var changes: String
    /// The first run's result alone, for a CSS class.
    var firstRun: String
    var firstRunText: String
}

/// `playbooks/index.html`.
struct PlaybookRegisterPage: TemplateModel {
    static let template = "playbooks"

    var playbooks: [PlaybookSummary]
}

/// `playbooks/<id>.html`.
struct PlaybookPage: TemplateModel {
    static let template = "playbook"

    struct Field: Sendable {
        var label: String
        /// Role and policy ids already given as names; empty when missing.
        var value: String
        var missing: Bool
    }

    struct Assumption: Sendable {
        var label: String
        var value: String
    }

    struct LocalChange: Sendable {
        var id: String
        var change: String
        var resolved: Bool
    }

    /// The register's row for this playbook, field by field (templates see them at the top level).
    var id: String
    var title: String
    var version: String
    var owner: String
    var mode: String
    var sourceSite: String
    var exportDate: String
    var changes: String
    var firstRun: String
    var firstRunText: String
    var fields: [Field]
    var assumptions: [Assumption]
    var hasProvenance: Bool
    var provenanceVersion: String?
    var provenanceOwner: String?
    var localChanges: [LocalChange]
    var hasChanges: Bool
    /// The run history, oldest first.
    var runs: [PlaybookRunRow]
    var hasRuns: Bool
    var stepsHTML: SafeHTML
}
