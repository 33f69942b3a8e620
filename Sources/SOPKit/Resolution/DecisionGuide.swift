/// For one role and one policy: when to ask, approve, reject, escalate and stop.
///
/// The typed fields (`involvement`, `askIDs`, `escalateToID`, `killSwitchID`…) are the decision;
/// the sentences (`ask`, `approve`, `stopCall`…) say it in words. The handbook's decision guide
/// prints the sentences and the knowledge check (`KnowledgeCheckBuilder`) asks about `call(_:)`,
/// so one policy change changes both together.
public struct DecisionGuideEntry: Sendable, Hashable {
    public enum Involvement: String, Sendable, Hashable {
        case approver, proposer, user, none
    }

    /// What the role does with a plan for this action.
    public enum Call: String, Sendable, Hashable, CaseIterable {
        case ask, approve, reject, escalate, stop

        public var label: String {
            switch self {
            case .ask: "Ask"
            case .approve: "Approve"
            case .reject: "Reject"
            case .escalate: "Escalate"
            case .stop: "Stop"
            }
        }
    }

    /// What the role meets: a plan as drafted, or one that matches a condition of the policy.
    public enum Situation: Sendable, Hashable {
        case routine
        case rejectWhen(String)
        case escalateWhen(String)
        case stopWhen(String)
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
    /// Role ids: who proposes, who approves, whom this role asks, whom it escalates to (nil at the
    /// top of the chain), who holds the kill switch (nil when nobody does).
    public var proposerIDs: [String] = []
    public var approverIDs: [String] = []
    public var askIDs: [String] = []
    public var escalateToID: String?
    public var killSwitchID: String?
    public var approvalsRequired: Int = 1

    public var mayApprove: Bool { involvement == .approver }
    public var holdsKillSwitch: Bool { killSwitchID != nil && killSwitchID == roleID }
    /// The role this entry is written for.
    public var roleID: String = ""

    /// What the guide tells this role to do in `situation`, or nil when the guide does not say:
    /// only an approver rejects, so a reject condition decides nothing for anyone else. A text the
    /// policy lists under several conditions counts as the strongest: stop, then escalate, then reject.
    public func call(_ situation: Situation) -> Call? {
        switch situation {
        case .routine:
            return mayApprove ? .approve : .ask
        case .stopWhen(let text):
            return stop.contains(text) ? .stop : nil
        case .escalateWhen(let text):
            guard escalate.contains(text), !stop.contains(text) else { return nil }
            return .escalate
        case .rejectWhen(let text):
            guard mayApprove, reject.contains(text), !escalate.contains(text), !stop.contains(text) else { return nil }
            return .reject
        }
    }
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

        let otherApprovers = approvers.filter { $0 != role.id }
        let approverNames = names(otherApprovers, pack)
        let allApproverNames = names(approvers, pack)
        let count = policy.approvalsRequired.value
        let approvalsText = count == 1 ? "one approval" : "\(count) approvals"
        let ask: String
        let askIDs: [String]
        let approve: String
        switch involvement {
        case .approver:
            ask = approverNames.isEmpty
                ? "You decide; ask Copilot read-only questions first if the plan is unclear."
                : (count > 1 ? "Needs \(approvalsText): ask \(approverNames) for the other." : "You can decide; ask \(approverNames) when you are unsure.")
            askIDs = otherApprovers
            approve = "You may approve (\(approvalsText) needed), in \(policy.mode.rawValue) mode, once the diff, affected records and risk are clear."
        case .proposer:
            ask = "Draft the plan, then ask \(allApproverNames) to approve it (\(approvalsText))."
            askIDs = approvers
            approve = "You may not approve your own or anyone's plan for this action."
        case .user, .none:
            let proposerNames = names(proposers, pack)
            ask = proposerNames.isEmpty
                ? "Ask \(allApproverNames); you may read and ask Copilot, not act."
                : "Ask \(proposerNames) to draft it; \(allApproverNames) approves."
            askIDs = proposers.isEmpty ? approvers : proposers
            approve = "You may not approve this action."
        }
        let escalateToID = role.escalatesTo.flatMap { pack.role($0.value)?.id }
        let escalateTo = escalateToID.flatMap { pack.role($0)?.name } ?? "the site owner (you are the top of the chain)"
        let killSwitchID = policy.killSwitch.flatMap { pack.role($0.value)?.id }
        let killSwitchName = killSwitchID.flatMap { pack.role($0)?.name }
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
            stop: policy.stopWhen, stopCall: stopCall, proposerIDs: proposers, approverIDs: approvers, askIDs: askIDs,
            escalateToID: escalateToID, killSwitchID: holdsKillSwitch ? role.id : killSwitchID, approvalsRequired: count,
            roleID: role.id
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
