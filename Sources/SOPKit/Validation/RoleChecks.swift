/// Roles: escalation chains that loop or leave a role with nobody to turn to, and capabilities
/// that no SOP teaches.
enum RoleChecks {
    static func check(_ pack: Pack) -> [Diagnostic] {
        loops(in: pack) + missingEscalation(in: pack) + trainingGaps(in: pack)
    }

    /// A chain of `escalates_to` that comes back to where it started leaves nobody to decide.
    static func loops(in pack: Pack) -> [Diagnostic] {
        var reported: Set<String> = []
        var diagnostics: [Diagnostic] = []
        for role in pack.roles {
            var seen: [String] = [role.id]
            var current = role
            while let next = current.escalatesTo?.value, let nextRole = pack.role(next) {
                if let start = seen.firstIndex(of: next) {
                    let loop = Array(seen[start...]) + [next]
                    if reported.insert(loop.dropLast().sorted().joined(separator: ",")).inserted, let target = role.escalatesTo {
                        diagnostics.append(.error(.escalationLoop, "escalation loops: \(loop.joined(separator: " → "))", at: target.location))
                    }
                    break
                }
                seen.append(next)
                current = nextRole
            }
        }
        return diagnostics
    }

    /// One role is the top of the chain; every other role needs someone to escalate to. The top
    /// is the role most chains end at (the first such role on a tie).
    static func missingEscalation(in pack: Pack) -> [Diagnostic] {
        let unescalated = pack.roles.filter { $0.escalatesTo == nil }
        guard unescalated.count > 1 else { return [] }
        var endings: [String: Int] = [:]
        for role in pack.roles {
            var current = role
            var steps = 0
            while let next = current.escalatesTo.flatMap({ pack.role($0.value) }), steps < pack.roles.count {
                current = next
                steps += 1
            }
            endings[current.id, default: 0] += 1
        }
        // max(by:) keeps the first of equals, so a tie goes to the role written first.
        let top = unescalated.max { endings[$0.id, default: 0] < endings[$1.id, default: 0] }
        return unescalated.filter { $0.id != top?.id }.map { role in
            .error(.noEscalation, "role '\(role.id)' has no escalates_to; only the top of the chain ('\(top?.id ?? "")') may have none", at: role.location)
        }
    }

    /// A capability on a surface that no SOP addressed to the role covers: nobody trained it.
    static func trainingGaps(in pack: Pack) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Each SOP's surfaces noted under each of its roles in one pass: filtering every SOP for
        // every role copied each SOP once per role.
        var taughtByRole: [String: Set<Surface>] = [:]
        for index in pack.sops.indices {
            for role in pack.sops[index].audience {
                taughtByRole[role.value, default: []].formUnion(pack.sops[index].surfaces.lazy.map(\.value))
            }
        }
        for role in pack.roles {
            let taught = taughtByRole[role.id] ?? []
            for (surface, capability) in role.capabilities.sorted(by: { $0.key < $1.key }) where !taught.contains(surface) {
                diagnostics.append(.warning(.trainingGap,
                    "role '\(role.id)' may \(capability.rawValue) on \(surface.rawValue), but no SOP for this role covers that surface",
                    at: role.capabilityLocations[surface] ?? role.location))
            }
        }
        return diagnostics
    }
}
