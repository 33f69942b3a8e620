/// What one role did in the window: prompts, plans proposed, approved, rejected and failed,
/// escalations, and how long its approvals took (from the plan's proposal to this role's
/// approval), as median and 90th percentile in minutes. Counted by `WindowScan`; in
/// roles.yml order, users without a pack role under `unknown`.
public struct RoleStatistics: Sendable, Hashable {
    public var role: String
    public var users = 0
    public var prompts = 0
    public var proposed = 0
    public var approved = 0
    public var rejected = 0
    public var failed = 0
    public var escalations = 0
    public var approvalLatencyMedianMinutes: Int?
    public var approvalLatencyP90Minutes: Int?

    /// The nearest-rank percentile: the smallest value with at least `percent`% of values at or below it.
    static func percentile<Value: BinaryInteger>(_ values: [Value], _ percent: Int) -> Value? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = max(1, (percent * sorted.count + 99) / 100)
        return sorted[min(rank, sorted.count) - 1]
    }
}
