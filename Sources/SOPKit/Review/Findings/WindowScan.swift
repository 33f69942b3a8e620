/// One pass over a window's events that gathers everything the report needs (findings, per-role
/// statistics, the charts' counts) in bounded memory: no list of the window's events is kept.
///
/// Events come in `readingOrder`: those of one plan together and in time order (the store reads
/// `ORDER BY plan, time, ingest, line`). A plan's events are held until the next plan starts (the
/// rules read a plan as a whole: its proposer, policy and surface may be named on any of its
/// events); everything else is a count, a set bounded by the users and roles, or the earliest
/// `FindingEngine.maximumEvidence` events of a group. Approval latencies are kept as minutes, four
/// bytes an approval, for the percentiles.
struct WindowScan {
    /// What the pass gathered.
    struct Result {
        var events = 0
        var findings: [ReviewFinding] = []
        var statistics: [RoleStatistics] = []
        var activity: [ReviewReport.DailyActivity] = []
        var trouble: [ReviewReport.SurfaceTrouble] = []
    }

    let engine: FindingEngine
    private var directory: ReviewDirectory { engine.directory }
    private let dayCount: Int

    private var events = 0
    private var chain: PlanChain?
    private var findings: [ReviewFinding] = []
    private var unknownUsers: [String: EarliestItems<ActivityEvent>] = [:]
    private var rejections: [String: FindingEngine.Rejections] = [:]
    private var untrained: [FindingEngine.UntrainedKey: (events: EarliestItems<ActivityEvent>, needed: Capability)] = [:]
    private var trouble: [Surface: (rejected: Int, failed: Int)] = [:]

    /// Each login seen, looked up once an event: its pack role (nil: none) and its row of
    /// `roles`. A role's row holds what is counted for it (under `unknown` for logins without one).
    private struct Login {
        var role: String?
        var packRole: Role?
        var row: Int
    }

    private struct RoleRow {
        var statistics: RoleStatistics
        var users = 0
        /// Approval latencies, in whole minutes.
        var latencies: [Int32] = []
        var perDay: [Int]
        /// The highest capability used on each surface (by `Surface.allCases` index); only for pack roles.
        var used: [Capability?] = Array(repeating: nil, count: Surface.allCases.count)
        var active = false
    }

    private var logins: [String: Login] = [:]
    private var roles: [RoleRow] = []
    private var roleRows: [String: Int] = [:]

    init(engine: FindingEngine) {
        self.engine = engine
        dayCount = engine.window.days.count
    }

    /// The order `add` wants: plan-less events first, then each plan's events together; by
    /// time, ingest and line within.
    static func readingOrder(_ lhs: ActivityEvent, _ rhs: ActivityEvent) -> Bool {
        switch (lhs.plan, rhs.plan) {
        case (nil, .some): return true
        case (.some, nil): return false
        case (.some(let left), .some(let right)) where left != right: return left < right
        default: return EventOrder(lhs) < EventOrder(rhs)
        }
    }

    mutating func add(_ event: ActivityEvent) {
        events += 1
        guard let plan = event.plan else {
            visit(event, chain: nil)
            return
        }
        if chain?.id != plan {
            closeChain()
            chain = PlanChain(id: plan)
        }
        chain!.append(event)
    }

    mutating func finish() -> Result {
        closeChain()
        for (user, events) in unknownUsers { findings.append(engine.unknownUser(user, events: events)) }
        for (user, tally) in rejections {
            if let finding = engine.missingContext(user, rejections: tally) { findings.append(finding) }
        }
        for (key, group) in untrained { findings.append(engine.untrainedSurface(key, events: group.events, needed: group.needed)) }
        var used: [String: [Surface: Capability]] = [:]
        var activeRoles: Set<String> = []
        for (role, row) in roleRows where roles[row].active {
            activeRoles.insert(role)
            for (index, surface) in Surface.allCases.enumerated() {
                if let capability = roles[row].used[index] { used[role, default: [:]][surface] = capability }
            }
        }
        findings += engine.unusedCapabilities(used: used, activeRoles: activeRoles)

        for index in roles.indices {
            roles[index].statistics.users = roles[index].users
            roles[index].statistics.approvalLatencyMedianMinutes = RoleStatistics.percentile(roles[index].latencies, 50).map(Int.init)
            roles[index].statistics.approvalLatencyP90Minutes = RoleStatistics.percentile(roles[index].latencies, 90).map(Int.init)
        }
        let order = engine.pack.roles.map(\.id) + ["unknown"]
        let listed = order.filter { roleRows[$0] != nil } + roleRows.keys.filter { !order.contains($0) }.sorted()
        let rows = listed.map { roles[roleRows[$0]!] }
        return Result(
            events: events, findings: engine.sorted(findings), statistics: rows.map(\.statistics),
            activity: rows.map { ReviewReport.DailyActivity(role: $0.statistics.role, perDay: $0.perDay) },
            trouble: trouble.keys.sorted().map { .init(surface: $0, rejected: trouble[$0]!.rejected, failed: trouble[$0]!.failed) })
    }

    /// The rules that read a whole plan, then each of its events.
    private mutating func closeChain() {
        guard let chain else { return }
        self.chain = nil
        findings += engine.approvals(chain)
        if let finding = engine.lateEscalation(chain) { findings.append(finding) }
        if let proposer = chain.proposer, let rejection = chain.first(.rejected) {
            rejections[proposer, default: .init()].add(rejection, chain: chain, surface: engine.surface(of: rejection, chain: chain))
        }
        for event in chain.events { visit(event, chain: chain) }
    }

    /// The login's entry, made the first time it is seen.
    private mutating func login(_ user: String) -> Login {
        if let known = logins[user] { return known }
        let role = directory.role(of: user)
        let statsRole = role ?? "unknown"
        let row: Int
        if let existing = roleRows[statsRole] {
            row = existing
        } else {
            row = roles.count
            roleRows[statsRole] = row
            roles.append(RoleRow(statistics: RoleStatistics(role: statsRole), perDay: Array(repeating: 0, count: dayCount)))
        }
        roles[row].users += 1
        let login = Login(role: role, packRole: role.flatMap(engine.role), row: row)
        logins[user] = login
        return login
    }

    /// The rules and counts that read one event (with its plan, when it has one).
    private mutating func visit(_ event: ActivityEvent, chain: PlanChain?) {
        let login = login(event.user)
        let row = login.row
        switch event.kind {
        case .prompt: roles[row].statistics.prompts += 1
        case .proposed: roles[row].statistics.proposed += 1
        case .approved:
            roles[row].statistics.approved += 1
            if let start = chain?.first(.proposed)?.time, event.time >= start {
                roles[row].latencies.append(Int32(clamping: (event.time - start) / 60))
            }
        case .rejected: roles[row].statistics.rejected += 1
        case .failed: roles[row].statistics.failed += 1
        case .escalated: roles[row].statistics.escalations += 1
        default: break
        }
        let day = engine.window.day(of: event.time).day - engine.window.from.day
        if day >= 0, day < dayCount { roles[row].perDay[day] += 1 }
        if event.kind == .rejected || event.kind == .failed, let surface = engine.surface(of: event) {
            var entry = trouble[surface] ?? (0, 0)
            if event.kind == .rejected { entry.rejected += 1 } else { entry.failed += 1 }
            trouble[surface] = entry
        }

        if login.role == nil { unknownUsers[event.user, default: EarliestItems(capacity: FindingEngine.maximumEvidence)].add(event) }
        if let finding = engine.unsafePrompt(event) { findings.append(finding) }
        guard let role = login.role else { return }
        roles[row].active = true
        guard let surface = engine.surface(of: event, chain: chain) else { return }
        let needed = event.kind.requiredCapability
        let index = surface.index
        roles[row].used[index] = max(roles[row].used[index] ?? .read, needed)
        if let packRole = login.packRole, let key = engine.untrainedKey(event, role: role, packRole: packRole, surface: surface, chain: chain) {
            var group = untrained[key] ?? (EarliestItems(capacity: FindingEngine.maximumEvidence), needed)
            group.events.add(event)
            group.needed = max(group.needed, needed)
            untrained[key] = group
        }
    }
}

extension Surface {
    /// The surface's place in `allCases`.
    var index: Int { Self.listed.firstIndex(of: self)! }
    private static let listed = allCases
}
