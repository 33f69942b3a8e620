/// The site a handbook speaks about, as the `site-record` partial shows it.
struct SiteRecordModel: Sendable {
    struct Fact: Sendable {
        var label: String
        /// Empty when missing.
        var value: String
        var missing: Bool
        /// Why the recorded value blocks the rollout ("below the pack's minimum 6.5"), if it does.
        var failing: String? = nil
    }

    var id: String
    var name: String
    var facts: [Fact]
    var supportOwner: String?
    var rollbackPath: String?
}
