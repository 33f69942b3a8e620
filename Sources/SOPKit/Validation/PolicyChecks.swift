/// Approval policies that cannot work as written: nobody may approve, approvers (or proposers)
/// without the capability, self-approval, impossible approval counts, no kill switch, no way back.
enum PolicyChecks {
    static func check(_ pack: Pack, rolesAreComplete: Bool, site: DefaultSiteResolution) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let siteHasRollback: Bool
        switch site {
        case .site(let site): siteHasRollback = site.rollbackSummary != nil
        case .none: siteHasRollback = false
        // The site record that cannot be read may document it: its own diagnostic comes first.
        case .unknown: siteHasRollback = true
        }
        for policy in pack.policies {
            let surface = policy.surface.value
            if policy.approvers.isEmpty {
                diagnostics.append(.error(.noApprover, "policy '\(policy.id)' names no approvers; nobody can approve it", at: policy.location))
            }
            if rolesAreComplete {
                for approver in policy.approvers {
                    guard let role = pack.role(approver.value) else { continue }
                    let level = role.capability(on: surface)
                    if level.map({ $0 < .approve }) ?? true {
                        diagnostics.append(.error(.approverLacksCapability,
                            "'\(role.id)' approves '\(policy.id)' but has \(level.map { "only \($0.rawValue)" } ?? "no capability") on \(surface.rawValue); give it approve or execute, or remove it",
                            at: approver.location))
                    }
                }
            }
            if rolesAreComplete {
                for proposer in policy.proposers {
                    guard let role = pack.role(proposer.value) else { continue }
                    let level = role.capability(on: surface)
                    if level.map({ $0 < .draft }) ?? true {
                        diagnostics.append(.error(.proposerLacksCapability,
                            "'\(role.id)' proposes '\(policy.id)' but has \(level.map { "only \($0.rawValue)" } ?? "no capability") on \(surface.rawValue); give it at least draft, or remove it",
                            at: proposer.location))
                    }
                }
            }
            let approverIDs = Set(policy.approvers.map(\.value))
            let proposerIDs = Set(policy.proposers.map(\.value))
            if approverIDs.count == 1, proposerIDs == approverIDs, !policy.allowsSelfApproval, let approver = policy.approvers.first {
                diagnostics.append(.error(.selfApproval,
                    "'\(approver.value)' is the only proposer and the only approver of '\(policy.id)'; add another approver, or set self_approval: true if that is intended",
                    at: approver.location))
            }
            let required = policy.approvalsRequired
            if required.value < 1 {
                diagnostics.append(.error(.invalidValue, "approvals_required must be at least 1", at: required.location))
            } else if !approverIDs.isEmpty, required.value > approverIDs.count {
                diagnostics.append(.error(.tooManyApprovals,
                    "'\(policy.id)' needs \(required.value) approvals but names only \(approverIDs.count) approver role\(approverIDs.count == 1 ? "" : "s")",
                    at: required.location))
            }
            if policy.risk == .high, policy.killSwitch == nil {
                diagnostics.append(.error(.noKillSwitch, "high-risk policy '\(policy.id)' has no kill_switch owner", at: policy.location))
            }
            if policy.mode != .readOnly, policy.rollback == nil, !siteHasRollback {
                diagnostics.append(.error(.noRollback,
                    "'\(policy.id)' can write to the site (\(policy.mode.rawValue)) but no rollback or support path is documented; add rollback: to the policy or rollback_path: to the site record",
                    at: policy.location))
            }
        }
        return diagnostics
    }
}
