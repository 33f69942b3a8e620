/// The findings stage of `sopgen review`: reads the window's events against the pack (roles,
/// policies, SOPs) and who is who, and returns every finding, sorted. A pure function of its
/// inputs: no clock, no disk.
struct FindingEngine {
    let pack: Pack
    let directory: ReviewDirectory
    let settings: ReviewSettings
    let window: ReviewWindow
    /// The exports events came from, by store ingest, where that is not the export under review
    /// (an evidence line then names its own file).
    let sources: [Int64: String]
    /// The pack's policies and roles by id (the first of a duplicated id, as `Pack` finds it),
    /// and the surfaces each role's SOPs cover: looked up once an event.
    private let policies: [String: Policy]
    private let roles: [String: Role]
    private let covered: [String: Set<Surface>]

    init(pack: Pack, directory: ReviewDirectory, settings: ReviewSettings, window: ReviewWindow, sources: [Int64: String] = [:]) {
        self.pack = pack
        self.directory = directory
        self.settings = settings
        self.window = window
        self.sources = sources
        policies = Dictionary(pack.policies.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        roles = Dictionary(pack.roles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var covered: [String: Set<Surface>] = [:]
        for sop in pack.sops {
            for role in sop.audience { covered[role.value, default: []].formUnion(sop.surfaces.map(\.value)) }
        }
        self.covered = covered
    }

    /// The surface an event happened on: written, else its plan's, else its policy's, else the
    /// surface its kind implies (prompts: Copilot; drafts: support drafts).
    func surface(of event: ActivityEvent, chain: PlanChain? = nil) -> Surface? {
        if let surface = event.surface ?? chain?.surface { return surface }
        if let policy = (event.policy ?? chain?.policyID).flatMap(policy) { return policy.surface.value }
        switch event.kind {
        case .prompt: return .copilot
        case .draftSent, .draftEdited, .draftDiscarded: return .supportDrafts
        default: return nil
        }
    }

    func policy(_ id: String) -> Policy? { policies[id] }
    func role(_ id: String) -> Role? { roles[id] }

    /// The findings of `events` (any order): sorted into chain order and read by a `WindowScan`.
    func findings(_ events: [ActivityEvent]) -> [ReviewFinding] {
        var scan = WindowScan(engine: self)
        for event in events.sorted(by: WindowScan.readingOrder) { scan.add(event) }
        return scan.finish().findings
    }

    /// Every finding, what to update added, in the report's order.
    func sorted(_ findings: [ReviewFinding]) -> [ReviewFinding] {
        findings.map(addingUpdates).sorted { lhs, rhs in
            (lhs.code, lhs.evidence.first?.line ?? 0, lhs.user ?? "", lhs.surface?.rawValue ?? "", lhs.role ?? "", lhs.plan ?? "")
                < (rhs.code, rhs.evidence.first?.line ?? 0, rhs.user ?? "", rhs.surface?.rawValue ?? "", rhs.role ?? "", rhs.plan ?? "")
        }
    }

    func evidence(_ event: ActivityEvent) -> ReviewFinding.Evidence {
        ReviewFinding.Evidence(line: event.line, kind: event.kind, time: ExportTime.local(event.time, offset: event.utcOffset),
                               user: event.user, file: sources[event.source])
    }

    /// At most this many events prove one finding (the earliest; the rest are counted in `moreEvidence`).
    static let maximumEvidence = 10

    // MARK: - The rules, one event at a time

    func unsafePrompt(_ event: ActivityEvent) -> ReviewFinding? {
        guard !event.sensitiveKinds.isEmpty else { return nil }
        let kinds = Array(Set(event.sensitiveKinds)).sorted().joined(separator: ", ")
        let what = event.kind == .prompt ? "a Copilot prompt" : "a support draft"
        return ReviewFinding(code: .unsafePrompt, severity: .error, user: event.user, role: directory.role(of: event.user),
                             surface: surface(of: event), plan: event.plan, policy: event.policy,
                             message: "\(what) held \(kinds) (the value is not shown)", evidence: [evidence(event)])
    }

    func unknownUser(_ user: String, events: EarliestItems<ActivityEvent>) -> ReviewFinding {
        let message = directory.isKnown(user)
            ? "'\(user)' is in the roster but none of their WordPress roles is mapped to a pack role in people.yml"
            : "'\(user)' acted in SophMate but is not in the roster or people.yml"
        return ReviewFinding(code: .unknownUser, severity: .warning, user: user, message: message,
                             evidence: events.kept.map(evidence), moreEvidence: events.dropped)
    }

    /// Where an event outside a role's training is grouped: the user, the surface, and whether it
    /// was above the role's capability (else: no SOP addressed to the role covers the surface).
    struct UntrainedKey: Hashable {
        var user: String
        var surface: Surface
        var aboveCapability: Bool
    }

    /// The group an event counts in for `untrained-surface`, nil when the role may do it and an
    /// SOP covers the surface. `role` is the user's, `surface` the event's (with its plan).
    func untrainedKey(_ event: ActivityEvent, role roleID: String, packRole role: Role, surface: Surface, chain: PlanChain?) -> UntrainedKey? {
        guard event.kind != .approved else { return nil }
        let capability = role.capability(on: surface)
        let above = (capability.map { $0 < event.kind.requiredCapability } ?? true)
            && !isNamedByPolicy(event, role: roleID, policy: (event.policy ?? chain?.policyID).flatMap(policy))
        guard above || !coveringSOP(role: roleID, surface: surface) else { return nil }
        return UntrainedKey(user: event.user, surface: surface, aboveCapability: above)
    }

    func untrainedSurface(_ key: UntrainedKey, events: EarliestItems<ActivityEvent>, needed: Capability) -> ReviewFinding {
        let roleID = directory.role(of: key.user)!
        let capability = role(roleID)?.capability(on: key.surface)
        let times = events.count == 1 ? "once" : "\(events.count) times"
        let message = key.aboveCapability
            ? "\(key.user) used \(key.surface.rawValue) at \(needed.rawValue) level \(times); \(roleID) has \(capability?.rawValue ?? "no access") there"
            : "\(key.user) used \(key.surface.rawValue) \(times); no SOP addressed to \(roleID) covers it"
        return ReviewFinding(code: .untrainedSurface, severity: .warning, user: key.user, role: roleID, surface: key.surface,
                             message: message, evidence: events.kept.map(evidence), moreEvidence: events.dropped)
    }

    /// Whether some SOP addressed to `role` covers `surface`.
    func coveringSOP(role: String, surface: Surface) -> Bool {
        covered[role]?.contains(surface) ?? false
    }

    /// A policy may let a role do more than its capability: propose a plan it names the role a
    /// proposer of, or pause what the role holds the kill switch for.
    private func isNamedByPolicy(_ event: ActivityEvent, role: String, policy: Policy?) -> Bool {
        guard let policy else { return false }
        switch event.kind {
        case .proposed: return policy.proposers.contains { $0.value == role }
        case .paused: return policy.killSwitch?.value == role
        default: return false
        }
    }

    // MARK: - The rules, one plan at a time

    func approvals(_ chain: PlanChain) -> [ReviewFinding] {
        var findings: [ReviewFinding] = []
        let policy = chain.policyID.flatMap(policy)
        let proposer = chain.proposer
        for approval in chain.events where approval.kind == .approved {
            let role = directory.role(of: approval.user)
            let surface = surface(of: approval, chain: chain)
            if let roleID = role, let packRole = self.role(roleID) {
                let capability = surface.flatMap { packRole.capability(on: $0) }
                let capable = capability.map { $0 >= .approve } ?? false
                let named = policy.map { $0.approvers.contains { $0.value == roleID } } ?? true
                if !capable || !named {
                    let reason = !capable
                        ? "\(packRole.name) has \(capability?.rawValue ?? "no access") on \(surface?.rawValue ?? "this surface"), not approve"
                        : "policy '\(policy!.id)' names \(policy!.approvers.map(\.value).joined(separator: ", ")) as approvers"
                    findings.append(ReviewFinding(code: .approvalOutsideRole, severity: .error, user: approval.user, role: roleID,
                                                  surface: surface, plan: chain.id, policy: policy?.id,
                                                  message: "\(approval.user) approved plan \(chain.id): \(reason)",
                                                  evidence: [evidence(approval)]))
                }
            }
            if let proposer, proposer == approval.user, !(policy?.allowsSelfApproval ?? false) {
                findings.append(ReviewFinding(code: .selfApproval, severity: .error, user: approval.user, role: role,
                                              surface: surface, plan: chain.id, policy: policy?.id,
                                              message: "\(approval.user) approved plan \(chain.id), which they proposed",
                                              evidence: [chain.first(.proposed)!, approval].map(evidence)))
            }
        }
        // Each execution against the approvals read before it.
        var before: [ActivityEvent] = []
        var approvers: Set<String> = []
        var approvalCount = 0
        for execution in chain.events where execution.kind == .executed || execution.kind == .approved {
            if execution.kind == .approved {
                approvalCount += 1
                approvers.insert(execution.user)
                if before.count < Self.maximumEvidence - 1 { before.append(execution) }
                continue
            }
            let role = directory.role(of: execution.user)
            let surface = surface(of: execution, chain: chain)
            if approvers.isEmpty {
                findings.append(ReviewFinding(code: .unapprovedExecution, severity: .error, user: execution.user, role: role,
                                              surface: surface, plan: chain.id, policy: policy?.id,
                                              message: "plan \(chain.id) was executed by \(execution.user) without any approval",
                                              evidence: (chain.first(.proposed).map { [$0] } ?? []).map(evidence) + [evidence(execution)]))
            } else if let policy, approvers.count < policy.approvalsRequired.value {
                // The execution and the earliest approvals before it.
                findings.append(ReviewFinding(code: .missingApprovals, severity: .error, user: execution.user, role: role,
                                              surface: surface, plan: chain.id, policy: policy.id,
                                              message: "plan \(chain.id) was executed with \(approvers.count) of the \(policy.approvalsRequired.value) approvals policy '\(policy.id)' requires",
                                              evidence: (before + [execution]).map(evidence), moreEvidence: approvalCount - before.count))
            }
        }
        return findings
    }

    func lateEscalation(_ chain: PlanChain) -> ReviewFinding? {
        guard let failure = chain.first(.failed) else { return nil }
        let policy = chain.policyID.flatMap(policy)
        let risk = chain.risk ?? policy?.risk
        let retries = chain.all(.retried)
        let responses = chain.events.filter { [.escalated, .paused].contains($0.kind) && $0.time >= failure.time }
        var reasons: [String] = []
        var severity = ReviewFinding.Severity.warning
        if retries.count > settings.retryLimit {
            reasons.append("retried \(Counted.text(retries.count, "time")) (limit \(settings.retryLimit))")
        }
        let deadline = failure.time + Int64(settings.escalationHours) * 3600
        if let first = responses.first {
            if first.time > deadline {
                reasons.append("escalated or paused \((first.time - failure.time) / 3600) hours after it failed (limit \(settings.escalationHours))")
            }
        } else {
            reasons.append("never escalated or paused after it failed")
        }
        if risk == .high, !chain.events.contains(where: { $0.kind == .paused && $0.time >= failure.time }) {
            reasons.append("a high-risk failure nobody paused")
            severity = .error
        }
        guard !reasons.isEmpty else { return nil }
        let proof = [failure] + retries + responses.prefix(1)
        return ReviewFinding(code: .lateEscalation, severity: severity, user: failure.user,
                             role: directory.role(of: failure.user), surface: surface(of: failure, chain: chain),
                             plan: chain.id, policy: policy?.id,
                             message: "plan \(chain.id) failed and was \(reasons.joined(separator: "; "))",
                             evidence: proof.prefix(Self.maximumEvidence).map(evidence),
                             moreEvidence: max(0, proof.count - Self.maximumEvidence))
    }

    // MARK: - The rules over the whole window

    /// One proposer's rejected plans: how many, the earliest (with their notes), and the surface
    /// and policy when all of them share one.
    struct Rejections {
        var items = EarliestItems<(rejection: ActivityEvent, surface: Surface?)>(capacity: FindingEngine.maximumEvidence)
        var surface: Surface??
        var policy: String??

        mutating func add(_ rejection: ActivityEvent, chain: PlanChain, surface: Surface?) {
            items.add((rejection, surface), order: EventOrder(chain.events[0]))
            // `.some(nil)`: more than one (or none for some plan).
            if let surface {
                self.surface = self.surface == nil ? .some(surface) : self.surface == .some(surface) ? self.surface : .some(nil)
            }
            if let policy = chain.policyID {
                self.policy = self.policy == nil ? .some(policy) : self.policy == .some(policy) ? self.policy : .some(nil)
            }
        }
    }

    func missingContext(_ user: String, rejections: Rejections) -> ReviewFinding? {
        let count = rejections.items.count
        guard count >= settings.missingContextThreshold else { return nil }
        let kept = rejections.items.kept
        return ReviewFinding(code: .missingContext, severity: .warning, user: user, role: directory.role(of: user),
                             surface: rejections.surface ?? nil, policy: rejections.policy ?? nil,
                             message: "\(count) of \(user)'s plans were rejected in the window (threshold \(settings.missingContextThreshold))",
                             evidence: kept.map { evidence($0.rejection) }, moreEvidence: rejections.items.dropped,
                             notes: kept.compactMap(\.rejection.note))
    }

    /// The capabilities granted to roles active in the window and not used to their full level.
    func unusedCapabilities(used: [String: [Surface: Capability]], activeRoles: Set<String>) -> [ReviewFinding] {
        var findings: [ReviewFinding] = []
        for role in pack.roles where activeRoles.contains(role.id) {
            for surface in Surface.allCases {
                guard let granted = role.capability(on: surface), granted > .read else { continue }
                let highest = used[role.id]?[surface]
                if let highest, highest >= granted { continue }
                let message = highest.map { "\(role.id) may \(granted.rawValue) on \(surface.rawValue) but used only \($0.rawValue) in the window" }
                    ?? "\(role.id) may \(granted.rawValue) on \(surface.rawValue) and nobody in the role used it in the window"
                findings.append(ReviewFinding(code: .unusedCapability, severity: .info, role: role.id, surface: surface, message: message))
            }
        }
        return findings
    }

    // MARK: - What to update

    /// The SOPs addressed to the finding's role that cover its surface or policy, and the role's
    /// decision-guide card for the policy.
    private func addingUpdates(_ finding: ReviewFinding) -> ReviewFinding {
        var finding = finding
        guard let roleID = finding.role, let role = pack.role(roleID) else { return finding }
        let policySurface = finding.policy.flatMap(policy)?.surface.value
        finding.sops = pack.sops.filter { sop in
            sop.audience.contains { $0.value == roleID }
                && (sop.surfaces.contains { $0.value == finding.surface || $0.value == policySurface }
                    || finding.policy.map { id in sop.policies.contains { $0.value == id } } ?? false)
        }.map(\.id).sorted()
        if let policy = finding.policy.flatMap(policy), DecisionGuideBuilder.entry(for: role, policy: policy, pack: pack) != nil {
            finding.cards = [ReviewFinding.DecisionCard(role: roleID, policy: policy.id)]
        }
        return finding
    }
}
