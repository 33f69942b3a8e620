/// What one role did in the window: prompts, plans proposed, approved, rejected and failed,
/// escalations, and how long its approvals took (from the plan's proposal to this role's
/// approval), as median and 90th percentile in minutes.
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

    /// Statistics for every role of the pack that someone in the window acts in, in roles.yml order;
    /// users without a pack role under `unknown`.
    static func compute(_ events: [ActivityEvent], directory: ReviewDirectory, pack: Pack) -> [RoleStatistics] {
        var byRole: [String: RoleStatistics] = [:]
        var users: [String: Set<String>] = [:]
        var latencies: [String: [Int64]] = [:]
        var proposedAt: [String: Int64] = [:]
        for event in events where event.kind == .proposed {
            if let plan = event.plan, proposedAt[plan] == nil { proposedAt[plan] = event.time }
        }
        for event in events {
            let role = directory.role(of: event.user) ?? "unknown"
            var stats = byRole[role] ?? RoleStatistics(role: role)
            users[role, default: []].insert(event.user)
            switch event.kind {
            case .prompt: stats.prompts += 1
            case .proposed: stats.proposed += 1
            case .approved:
                stats.approved += 1
                if let plan = event.plan, let start = proposedAt[plan], event.time >= start {
                    latencies[role, default: []].append(event.time - start)
                }
            case .rejected: stats.rejected += 1
            case .failed: stats.failed += 1
            case .escalated: stats.escalations += 1
            default: break
            }
            byRole[role] = stats
        }
        for (role, values) in latencies {
            byRole[role]?.approvalLatencyMedianMinutes = percentile(values, 50).map { Int($0 / 60) }
            byRole[role]?.approvalLatencyP90Minutes = percentile(values, 90).map { Int($0 / 60) }
        }
        for (role, names) in users { byRole[role]?.users = names.count }
        let order = pack.roles.map(\.id) + ["unknown"]
        return order.compactMap { byRole[$0] } + byRole.keys.filter { !order.contains($0) }.sorted().map { byRole[$0]! }
    }

    /// The nearest-rank percentile: the smallest value with at least `percent`% of values at or below it.
    static func percentile(_ values: [Int64], _ percent: Int) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = max(1, (percent * sorted.count + 99) / 100)
        return sorted[min(rank, sorted.count) - 1]
    }
}
