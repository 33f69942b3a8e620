/// The events of one action plan (`plan` column), in time order: proposed → approved/rejected →
/// executed/failed → retried, with escalations and pauses.
struct PlanChain {
    var id: String
    var events: [ActivityEvent] = []

    func all(_ kind: ActivityEvent.Kind) -> [ActivityEvent] { events.filter { $0.kind == kind } }
    func first(_ kind: ActivityEvent.Kind) -> ActivityEvent? { events.first { $0.kind == kind } }

    /// Who proposed it: the user of the first `proposed` event.
    var proposer: String? { first(.proposed)?.user }
    /// The policy named on any of its events.
    var policyID: String? { events.lazy.compactMap(\.policy).first }
    var surface: Surface? { events.lazy.compactMap(\.surface).first }
    var risk: Policy.Risk? { events.lazy.compactMap(\.risk).first }

    static func chains(_ events: [ActivityEvent]) -> [PlanChain] {
        var byID: [String: PlanChain] = [:]
        var order: [String] = []
        for event in events {
            guard let plan = event.plan else { continue }
            if byID[plan] == nil {
                byID[plan] = PlanChain(id: plan)
                order.append(plan)
            }
            byID[plan]!.events.append(event)
        }
        return order.map { byID[$0]! }
    }
}
