/// Every diagnostic code sopgen reports, in the order of the catalogue and the README's table.
/// The raw value is the stable kebab-case code printed in `[…]`, in JSON and as the SARIF rule id;
/// the case name is that code in lowerCamelCase. A new code is a case here plus its
/// `DiagnosticCatalogue` entry (a test checks that every case has exactly one entry, in this order).
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable, Codable, Comparable, CustomStringConvertible {
    // Files
    case packNotFound = "pack-not-found"
    case missingFile = "missing-file"
    case notAFile = "not-a-file"
    case notAFolder = "not-a-folder"
    case unreadableFile = "unreadable-file"
    case invalidUtf8 = "invalid-utf8"
    case fileTooLarge = "file-too-large"
    case symlinkLoop = "symlink-loop"
    case brokenSymlink = "broken-symlink"
    case tooManyProblems = "too-many-problems"
    // YAML
    case yamlSyntax = "yaml-syntax"
    case duplicateKey = "duplicate-key"
    case unknownKey = "unknown-key"
    case wrongType = "wrong-type"
    case missingField = "missing-field"
    case invalidValue = "invalid-value"
    case duplicateId = "duplicate-id"
    case invalidId = "invalid-id"
    case reservedId = "reserved-id"
    case missingFrontMatter = "missing-front-matter"
    case controlCharacter = "control-character"
    // References
    case unknownRole = "unknown-role"
    case unknownSurface = "unknown-surface"
    case unknownPolicy = "unknown-policy"
    case unknownSite = "unknown-site"
    case unknownSnippet = "unknown-snippet"
    case unknownValue = "unknown-value"
    case unknownPartial = "unknown-partial"
    case noSite = "no-site"
    case missingSiteValue = "missing-site-value"
    // SOP syntax
    case invalidValueName = "invalid-value-name"
    case unclosedTag = "unclosed-tag"
    case inlineInclude = "inline-include"
    case includeCycle = "include-cycle"
    case includeTooDeep = "include-too-deep"
    case includeTooLarge = "include-too-large"
    case unknownBlock = "unknown-block"
    case blockWithoutRoles = "block-without-roles"
    case unclosedBlock = "unclosed-block"
    case unmatchedBlockEnd = "unmatched-block-end"
    case misplacedBlock = "misplaced-block"
    case nestingTooDeep = "nesting-too-deep"
    case valuesTooLarge = "values-too-large"
    case tableTooLarge = "table-too-large"
    case remoteImage = "remote-image"
    case brokenLink = "broken-link"
    case brokenAnchor = "broken-anchor"
    case rawHtml = "raw-html"
    // Roles
    case escalationLoop = "escalation-loop"
    case noEscalation = "no-escalation"
    case trainingGap = "training-gap"
    case knowledgeCheckGap = "knowledge-check-gap"
    // Policies
    case noApprover = "no-approver"
    case approverLacksCapability = "approver-lacks-capability"
    case proposerLacksCapability = "proposer-lacks-capability"
    case selfApproval = "self-approval"
    case tooManyApprovals = "too-many-approvals"
    case noKillSwitch = "no-kill-switch"
    case noRollback = "no-rollback"
    // SOP records
    case noAudience = "no-audience"
    case missingOwner = "missing-owner"
    case missingReviewCadence = "missing-review-cadence"
    case missingLastReviewed = "missing-last-reviewed"
    case invalidDate = "invalid-date"
    case reviewOverdue = "review-overdue"
    // Sites
    case missingRolloutFact = "missing-rollout-fact"
    case invalidUrl = "invalid-url"
    case insecureProductionUrl = "insecure-production-url"
    case stagingIsProduction = "staging-is-production"
    case invalidVersion = "invalid-version"
    case versionBelowMinimum = "version-below-minimum"
    case sophmateInactive = "sophmate-inactive"
    case secretInSite = "secret-in-site"
    case providerWithoutOwner = "provider-without-owner"
    // Playbooks
    case playbookIncomplete = "playbook-incomplete"
    case unresolvedPlaceholder = "unresolved-placeholder"
    case productionWithoutFirstRun = "production-without-first-run"
    case automationIncomplete = "automation-incomplete"
    case notificationToNobody = "notification-to-nobody"
    case ownerCannotPause = "owner-cannot-pause"
    case unknownPerson = "unknown-person"
    case unknownPlaybook = "unknown-playbook"
    case unlocalisedPlaybook = "unlocalised-playbook"
    case failedRun = "failed-run"
    // People and reviews
    case sopUpdateDue = "sop-update-due"
    case reviewTriggered = "review-triggered"
    case malformedRow = "malformed-row"
    case missingColumn = "missing-column"
    // Checklists
    case emptyChecklist = "empty-checklist"
    case emptyChecklistItem = "empty-checklist-item"
    case valueOutsideItem = "value-outside-item"
    // Templates
    case templateSyntax = "template-syntax"
    case missingTemplate = "missing-template"
    case partialCycle = "partial-cycle"
    case templateTooDeep = "template-too-deep"
    case dynamicPartial = "dynamic-partial"

    public var description: String { rawValue }

    /// By the code's text, as when codes were strings: sorted output stays the same.
    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
