/// The events of one action plan (`plan` column), in reading order (time, ingest, line):
/// proposed → approved/rejected → executed/failed → retried, with escalations and pauses. What the
/// rules ask of every event (the proposal, the policy, surface and risk named first) is kept as the
/// events are appended, so a plan of any length is read in one pass.
struct PlanChain {
    var id: String
    private(set) var events: [ActivityEvent] = []
    /// The first `proposed` event.
    private(set) var proposal: ActivityEvent?
    /// The policy, surface and risk named on any of its events: the first named.
    private(set) var policyID: String?
    private(set) var surface: Surface?
    private(set) var risk: Policy.Risk?

    init(id: String) {
        self.id = id
    }

    /// Appends the plan's next event (in reading order).
    mutating func append(_ event: ActivityEvent) {
        events.append(event)
        if proposal == nil, event.kind == .proposed { proposal = event }
        if policyID == nil { policyID = event.policy }
        if surface == nil { surface = event.surface }
        if risk == nil { risk = event.risk }
    }

    func all(_ kind: ActivityEvent.Kind) -> [ActivityEvent] { events.filter { $0.kind == kind } }
    func first(_ kind: ActivityEvent.Kind) -> ActivityEvent? { kind == .proposed ? proposal : events.first { $0.kind == kind } }

    /// Who proposed it: the user of the first `proposed` event.
    var proposer: String? { proposal?.user }
}
