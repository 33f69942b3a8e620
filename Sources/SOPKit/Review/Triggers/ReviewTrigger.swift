/// An event that makes SOPs due for review whatever their cadence, as the rollout guidance names
/// them: after hosting changes, after provider changes, before adding new users, after failed runs.
/// An SOP lists the ones it answers to in `review_on:`.
public struct ReviewTrigger: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case hostingChange = "hosting-change"
        case providerChange = "provider-change"
        case newUsers = "new-users"
        case failedRun = "failed-run"
    }

    public var kind: Kind
    public var date: CalendarDate
    /// What changed, for the warning: `php_version 8.1.2 → 8.2.28`, `new user ana`, `playbook refund-triage`.
    public var detail: String
    /// Where it is recorded: `reviews/triggers.yml`, `people.yml` or a playbook.
    public var location: SourceLocation
}
