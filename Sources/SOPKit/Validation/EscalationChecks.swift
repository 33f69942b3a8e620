enum EscalationChecks {
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
                        diagnostics.append(.error("escalation-loop", "escalation loops: \(loop.joined(separator: " → "))", at: target.location))
                    }
                    break
                }
                seen.append(next)
                current = nextRole
            }
        }
        return diagnostics
    }
}
