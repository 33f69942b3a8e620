import Yams

enum RoleDecoder {
    static let keys = ["id", "name", "description", "capabilities", "escalates_to", "refusals", "first_week_focus"]

    static func decode(_ context: DecodingContext) -> [Role] {
        guard let root = context.compose(),
              let file = YAMLFields(root, "roles.yml", allowed: ["roles"], context: context) else {
            context.isBroken = true
            return []
        }
        let list = file.list("roles", required: true)
        let roles = list.compactMap { decodeRole($0, context) }
        // A role that could not be read leaves its id unknown: references to it would only echo that.
        if list.isEmpty || roles.count < list.count { context.isBroken = true }
        return roles
    }

    private static func decodeRole(_ node: Node, _ context: DecodingContext) -> Role? {
        guard let fields = YAMLFields(node, "a role", allowed: keys, context: context),
              let id = fields.string("id", required: true) else { return nil }
        var capabilities: [Surface: Capability] = [:]
        var capabilityLocations: [Surface: SourceLocation] = [:]
        for (key, value) in fields.entries("capabilities") {
            let name = key.scalar?.string ?? ""
            guard let surface = Surface(rawValue: name) else {
                let names = Surface.allCases.map(\.rawValue)
                context.error(.unknownSurface, "unknown surface '\(name)'\(Suggestion.didYouMean(name, in: names))", at: key)
                continue
            }
            let level = value.scalar?.string ?? ""
            guard let capability = Capability(rawValue: level) else {
                context.error(.invalidValue, "'\(level)' is not a capability; expected read, draft, approve or execute", at: value)
                continue
            }
            capabilities[surface] = capability
            capabilityLocations[surface] = context.location(key)
        }
        return Role(
            id: id.value,
            name: fields.string("name", required: true)?.value ?? id.value,
            description: fields.string("description")?.value ?? "",
            capabilities: capabilities,
            capabilityLocations: capabilityLocations,
            escalatesTo: fields.string("escalates_to"),
            refusals: fields.strings("refusals").map(\.value),
            firstWeekFocus: fields.strings("first_week_focus").map(\.value),
            location: id.location
        )
    }
}
