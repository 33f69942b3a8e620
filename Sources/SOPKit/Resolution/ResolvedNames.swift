/// The names a reader sees, resolved from ids once in the resolve stage, so that rendering never
/// searches `Pack`: role names and policy actions by id (the first of two with one id wins, as
/// everywhere else; validation reports the second). An unknown id stands for itself.
public struct ResolvedNames: Sendable {
    public var roles: [String: String]
    public var policyActions: [String: String]

    init(pack: Pack) {
        roles = Dictionary(pack.roles.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        policyActions = Dictionary(pack.policies.map { ($0.id, $0.action) }, uniquingKeysWith: { first, _ in first })
    }

    public func role(_ id: String) -> String { roles[id] ?? id }

    public func policyAction(_ id: String) -> String { policyActions[id] ?? id }

    /// What an SOP's ids read as: its audience, owner and policies by name.
    func sop(_ sop: SOP) -> SOPNames {
        SOPNames(audience: sop.audience.map { role($0.value) }, owner: sop.owner.map { role($0.value) },
                 policies: sop.policies.map { policyAction($0.value) })
    }
}

/// One SOP's audience, owner and policies as a reader sees them.
public struct SOPNames: Sendable {
    public var audience: [String]
    public var owner: String?
    public var policies: [String]
}
