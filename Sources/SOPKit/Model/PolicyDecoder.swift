import Yams

enum PolicyDecoder {
    static let keys = ["id", "action", "surface", "risk", "proposers", "approvers", "approvals_required", "mode",
                       "reject_when", "escalate_when", "stop_when", "kill_switch", "rollback", "self_approval"]

    static func decode(_ context: DecodingContext) -> [Policy] {
        guard let root = context.compose(),
              let file = YAMLFields(root, "policies.yml", allowed: ["policies"], context: context) else { return [] }
        return file.list("policies", required: true).compactMap { decodePolicy($0, context) }
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
