/// For one role and one policy: when to ask, approve, reject, escalate and stop.
public struct DecisionGuideEntry: Sendable, Hashable {
    public enum Involvement: String, Sendable, Hashable {
        case approver, proposer, user, none
    }

    public var policyID: String
    public var action: String
    public var surface: Surface
    public var risk: Policy.Risk
    public var mode: Policy.Mode
    public var involvement: Involvement
    public var ask: String
    public var approve: String
    public var reject: [String]
    public var escalate: [String]
    public var escalateTo: String
    public var stop: [String]
    public var stopCall: String
}

/// Builds a role's decision guide from the pack's policies: the same rules, in words for this role.
enum DecisionGuideBuilder {
    static func entries(for role: Role, in pack: Pack) -> [DecisionGuideEntry] {
        pack.policies.compactMap { entry(for: role, policy: $0, pack: pack) }
    }

    static func entry(for role: Role, policy: Policy, pack: Pack) -> DecisionGuideEntry? {
        let approvers = policy.approvers.map(\.value)
        let proposers = policy.proposers.map(\.value)
        let capability = role.capability(on: policy.surface.value)
        let holdsKillSwitch = policy.killSwitch?.value == role.id
        let involvement: DecisionGuideEntry.Involvement =
            approvers.contains(role.id) ? .approver : proposers.contains(role.id) ? .proposer : capability != nil ? .user : .none
        guard involvement != .none || holdsKillSwitch else { return nil }

        let approverNames = names(approvers.filter { $0 != role.id }, pack)
        let allApproverNames = names(approvers, pack)
        let count = policy.approvalsRequired.value
        let approvalsText = count == 1 ? "one approval" : "\(count) approvals"
        let ask: String
        let approve: String
        switch involvement {
        case .approver:
            ask = approverNames.isEmpty
                ? "You decide; ask Copilot read-only questions first if the plan is unclear."
                : (count > 1 ? "Needs \(approvalsText): ask \(approverNames) for the other." : "You can decide; ask \(approverNames) when you are unsure.")
            approve = "You may approve (\(approvalsText) needed), in \(policy.mode.rawValue) mode, once the diff, affected records and risk are clear."
        case .proposer:
            ask = "Draft the plan, then ask \(allApproverNames) to approve it (\(approvalsText))."
            approve = "You may not approve your own or anyone's plan for this action."
        case .user, .none:
            let proposerNames = names(proposers, pack)
            ask = proposerNames.isEmpty
                ? "Ask \(allApproverNames); you may read and ask Copilot, not act."
                : "Ask \(proposerNames) to draft it; \(allApproverNames) approves."
            approve = "You may not approve this action."
        }
        let escalateTo = role.escalatesTo.flatMap { pack.role($0.value)?.name } ?? "the site owner (you are the top of the chain)"
        let killSwitchName = policy.killSwitch.flatMap { pack.role($0.value)?.name }
        let stopCall: String
        if holdsKillSwitch {
            stopCall = "You hold the kill switch: pause it yourself, then record why."
        } else if let killSwitchName {
            stopCall = "Stop and tell \(killSwitchName), who holds the kill switch."
        } else {
            stopCall = "Stop and tell \(escalateTo); this action has no kill-switch owner."
        }
        return DecisionGuideEntry(
            policyID: policy.id, action: policy.action, surface: policy.surface.value, risk: policy.risk,
            mode: policy.mode, involvement: involvement, ask: ask, approve: approve,
            reject: policy.rejectWhen, escalate: policy.escalateWhen, escalateTo: escalateTo,
            stop: policy.stopWhen, stopCall: stopCall
        )
    }

    static func names(_ ids: [String], _ pack: Pack) -> String {
        let list = ids.map { pack.role($0)?.name ?? $0 }
        switch list.count {
        case 0: return ""
        case 1: return list[0]
        default: return list.dropLast().joined(separator: ", ") + " or " + list.last!
        }
    }
}
