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
    var sources: [Int64: String] = [:]

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

    func policy(_ id: String) -> Policy? { pack.policies.first { $0.id == id } }

    func findings(_ events: [ActivityEvent]) -> [ReviewFinding] {
        let chains = PlanChain.chains(events)
        var findings: [ReviewFinding] = []
        findings += unknownUsers(events)
        findings += unsafePrompts(events)
        findings += approvals(chains)
        findings += missingContext(chains)
        findings += lateEscalations(chains)
        findings += untrainedSurfaces(events, chains: chains)
        findings += unusedCapabilities(events, chains: chains)
        return findings.map(addingUpdates).sorted { lhs, rhs in
            (lhs.code, lhs.evidence.first?.line ?? 0, lhs.user ?? "", lhs.surface?.rawValue ?? "", lhs.role ?? "")
                < (rhs.code, rhs.evidence.first?.line ?? 0, rhs.user ?? "", rhs.surface?.rawValue ?? "", rhs.role ?? "")
        }
    }

    func evidence(_ event: ActivityEvent) -> ReviewFinding.Evidence {
        ReviewFinding.Evidence(line: event.line, kind: event.kind, time: ExportTime.local(event.time, offset: event.utcOffset),
                               user: event.user, file: sources[event.source])
    }

    /// At most this many events prove one finding (the rest are counted in its message).
    static let maximumEvidence = 10

    // MARK: - The rules

    private func unknownUsers(_ events: [ActivityEvent]) -> [ReviewFinding] {
        var firstEvents: [String: [ActivityEvent]] = [:]
        var order: [String] = []
        for event in events where directory.role(of: event.user) == nil {
            if firstEvents[event.user] == nil { order.append(event.user) }
            if firstEvents[event.user, default: []].count < Self.maximumEvidence { firstEvents[event.user, default: []].append(event) }
        }
        return order.map { user in
            let known = directory.isKnown(user)
            let message = known
                ? "'\(user)' is in the roster but none of their WordPress roles is mapped to a pack role in people.yml"
                : "'\(user)' acted in SophMate but is not in the roster or people.yml"
            return ReviewFinding(code: .unknownUser, severity: .warning, user: user, message: message,
                                 evidence: firstEvents[user]!.map(evidence))
        }
    }

    private func unsafePrompts(_ events: [ActivityEvent]) -> [ReviewFinding] {
        events.filter { !$0.sensitiveKinds.isEmpty }.map { event in
            let kinds = Array(Set(event.sensitiveKinds)).sorted().joined(separator: ", ")
            let what = event.kind == .prompt ? "a Copilot prompt" : "a support draft"
            return ReviewFinding(code: .unsafePrompt, severity: .error, user: event.user, role: directory.role(of: event.user),
                                 surface: surface(of: event), plan: event.plan, policy: event.policy,
                                 message: "\(what) held \(kinds) (the value is not shown)", evidence: [evidence(event)])
        }
    }

    private func approvals(_ chains: [PlanChain]) -> [ReviewFinding] {
        var findings: [ReviewFinding] = []
        for chain in chains {
            let policy = chain.policyID.flatMap(policy)
            let proposer = chain.proposer
            for approval in chain.all(.approved) {
                let role = directory.role(of: approval.user)
                let surface = surface(of: approval, chain: chain)
                if let roleID = role, let packRole = pack.role(roleID) {
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
            for execution in chain.all(.executed) {
                let approvals = chain.all(.approved).filter { ($0.time, $0.line) <= (execution.time, execution.line) }
                let approvers = Set(approvals.map(\.user))
                let role = directory.role(of: execution.user)
                let surface = surface(of: execution, chain: chain)
                if approvers.isEmpty {
                    findings.append(ReviewFinding(code: .unapprovedExecution, severity: .error, user: execution.user, role: role,
                                                  surface: surface, plan: chain.id, policy: policy?.id,
                                                  message: "plan \(chain.id) was executed by \(execution.user) without any approval",
                                                  evidence: (chain.first(.proposed).map { [$0] } ?? []).map(evidence) + [evidence(execution)]))
                } else if let policy, approvers.count < policy.approvalsRequired.value {
                    findings.append(ReviewFinding(code: .missingApprovals, severity: .error, user: execution.user, role: role,
                                                  surface: surface, plan: chain.id, policy: policy.id,
                                                  message: "plan \(chain.id) was executed with \(approvers.count) of the \(policy.approvalsRequired.value) approvals policy '\(policy.id)' requires",
                                                  evidence: (approvals + [execution]).map(evidence)))
                }
            }
        }
        return findings
    }

    private func missingContext(_ chains: [PlanChain]) -> [ReviewFinding] {
        var rejected: [String: [(ActivityEvent, PlanChain)]] = [:]
        for chain in chains {
            guard let proposer = chain.proposer, let rejection = chain.first(.rejected) else { continue }
            rejected[proposer, default: []].append((rejection, chain))
        }
        return rejected.keys.sorted().compactMap { user in
            let items = rejected[user]!
            guard items.count >= settings.missingContextThreshold else { return nil }
            let surfaces = Set(items.compactMap { surface(of: $0.0, chain: $0.1) })
            let policies = Set(items.compactMap { $0.1.policyID })
            return ReviewFinding(code: .missingContext, severity: .warning, user: user, role: directory.role(of: user),
                                 surface: surfaces.count == 1 ? surfaces.first : nil, policy: policies.count == 1 ? policies.first : nil,
                                 message: "\(items.count) of \(user)'s plans were rejected in the window (threshold \(settings.missingContextThreshold))",
                                 evidence: items.prefix(Self.maximumEvidence).map { evidence($0.0) },
                                 notes: items.compactMap { $0.0.note })
        }
    }

    private func lateEscalations(_ chains: [PlanChain]) -> [ReviewFinding] {
        var findings: [ReviewFinding] = []
        for chain in chains {
            guard let failure = chain.first(.failed) else { continue }
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
            guard !reasons.isEmpty else { continue }
            let proof = [failure] + retries + responses.prefix(1)
            findings.append(ReviewFinding(code: .lateEscalation, severity: severity, user: failure.user,
                                          role: directory.role(of: failure.user), surface: surface(of: failure, chain: chain),
                                          plan: chain.id, policy: policy?.id,
                                          message: "plan \(chain.id) failed and was \(reasons.joined(separator: "; "))",
                                          evidence: proof.prefix(Self.maximumEvidence).map(evidence)))
        }
        return findings
    }

    private func untrainedSurfaces(_ events: [ActivityEvent], chains: [PlanChain]) -> [ReviewFinding] {
        let chainByID = Dictionary(chains.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        struct Key: Hashable { var user: String; var surface: Surface; var aboveCapability: Bool }
        var grouped: [Key: [ActivityEvent]] = [:]
        var order: [Key] = []
        for event in events where event.kind != .approved {
            guard let roleID = directory.role(of: event.user), let role = pack.role(roleID),
                  let surface = surface(of: event, chain: event.plan.flatMap { chainByID[$0] }) else { continue }
            let capability = role.capability(on: surface)
            let chain = event.plan.flatMap { chainByID[$0] }
            let above = (capability.map { $0 < event.kind.requiredCapability } ?? true)
                && !isNamedByPolicy(event, role: roleID, policy: (event.policy ?? chain?.policyID).flatMap(policy))
            let covered = pack.sops.contains { sop in
                sop.audience.contains { $0.value == roleID } && sop.surfaces.contains { $0.value == surface }
            }
            guard above || !covered else { continue }
            let key = Key(user: event.user, surface: surface, aboveCapability: above)
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: []].append(event)
        }
        return order.map { key in
            let items = grouped[key]!
            let roleID = directory.role(of: key.user)!
            let capability = pack.role(roleID)?.capability(on: key.surface)
            let needed = items.map(\.kind.requiredCapability).max()!
            let times = items.count == 1 ? "once" : "\(items.count) times"
            let message = key.aboveCapability
                ? "\(key.user) used \(key.surface.rawValue) at \(needed.rawValue) level \(times); \(roleID) has \(capability?.rawValue ?? "no access") there"
                : "\(key.user) used \(key.surface.rawValue) \(times); no SOP addressed to \(roleID) covers it"
            return ReviewFinding(code: .untrainedSurface, severity: .warning, user: key.user, role: roleID, surface: key.surface,
                                 message: message, evidence: items.prefix(Self.maximumEvidence).map(evidence))
        }
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

    private func unusedCapabilities(_ events: [ActivityEvent], chains: [PlanChain]) -> [ReviewFinding] {
        let chainByID = Dictionary(chains.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var used: [String: [Surface: Capability]] = [:]
        var activeRoles: Set<String> = []
        for event in events {
            guard let role = directory.role(of: event.user) else { continue }
            activeRoles.insert(role)
            guard let surface = surface(of: event, chain: event.plan.flatMap { chainByID[$0] }) else { continue }
            used[role, default: [:]][surface] = max(used[role]?[surface] ?? .read, event.kind.requiredCapability)
        }
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
