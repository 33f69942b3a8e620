import Foundation
import Yams

enum PolicyDecoder {
    static let keys = ["id", "action", "surface", "risk", "proposers", "approvers", "approvals_required", "mode",
                       "reject_when", "escalate_when", "stop_when", "kill_switch", "rollback", "self_approval"]

    static func decode(_ context: DecodingContext) -> [Policy] {
        guard let root = context.compose(),
              let file = YAMLFields(root, "policies.yml", allowed: ["policies"], context: context) else {
            context.isBroken = true
            return []
        }
        let list = file.list("policies", required: true)
        if case .sequence = file.valueNode("policies") {} else { context.isBroken = true }
        var policies: [Policy] = []
        for node in list {
            if let policy = decodePolicy(node, context) {
                policies.append(policy)
            } else if let id = node["id"]?.scalar?.string.trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty {
                // Declared, with its own error: references to it are not unknown.
                context.brokenIDs.insert(id)
            } else {
                // A policy without a readable id: any reference might have meant it.
                context.isBroken = true
            }
        }
        return policies
    }

    private static func decodePolicy(_ node: Node, _ context: DecodingContext) -> Policy? {
        guard let fields = YAMLFields(node, "a policy", allowed: keys, context: context),
              let id = fields.string("id", required: true) else { return nil }
        let action = fields.string("action", required: true)
        let surface = fields.enumeration("surface", Surface.self, required: true)
        let risk = fields.enumeration("risk", Policy.Risk.self, required: true)
        let mode = fields.enumeration("mode", Policy.Mode.self, required: true)
        let approvers = fields.strings("approvers")
        guard let action, let surface, let risk, let mode else { return nil }
        return Policy(
            id: id.value,
            action: action.value,
            surface: surface,
            risk: risk.value,
            proposers: fields.strings("proposers"),
            approvers: approvers,
            approvalsRequired: Located(fields.int("approvals_required", default: 1),
                                       at: fields.has("approvals_required") ? context.location(fields.valueNode("approvals_required")) : id.location),
            mode: mode.value,
            rejectWhen: fields.strings("reject_when").map(\.value),
            escalateWhen: fields.strings("escalate_when").map(\.value),
            stopWhen: fields.strings("stop_when").map(\.value),
            killSwitch: fields.string("kill_switch"),
            rollback: fields.string("rollback")?.value,
            allowsSelfApproval: fields.bool("self_approval", default: false),
            location: id.location
        )
    }
}
