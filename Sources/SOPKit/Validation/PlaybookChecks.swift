import GFM

/// Playbooks that cannot be enabled safely: a missing trigger, owner, input, output, approval,
/// retry, failure notification or kill switch; names that point nowhere; placeholders an import
/// left unresolved; production without a passing first run.
enum PlaybookChecks {
    static func check(_ pack: Pack, declared: DeclaredNames) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let roleIDs = pack.roles.map(\.id)
        let policyIDs = pack.policies.map(\.id)
        for playbook in pack.playbooks {
            for (key, value) in playbook.requiredFields where value == nil {
                diagnostics.append(.error("playbook-incomplete", "playbook '\(playbook.id)' has no \(key); define it before enabling the automation", at: playbook.location))
            }
            for (what, reference) in [("owner", playbook.owner), ("kill_switch", playbook.killSwitch)] {
                guard let reference, declared.isUnknown(reference.value, .role) else { continue }
                diagnostics.append(.error("unknown-role", "unknown role '\(reference.value)' in \(what)\(Suggestion.didYouMean(reference.value, in: roleIDs))", at: reference.location).about(reference.value))
            }
            if let approval = playbook.approval, declared.isUnknown(approval.value, .policy) {
                diagnostics.append(.error("unknown-policy", "unknown policy '\(approval.value)' in approval\(Suggestion.didYouMean(approval.value, in: policyIDs))", at: approval.location).about(approval.value))
            }
            for table in GFMLimits.defuseTables(in: playbook.steps).tables {
                diagnostics.append(.tableTooLarge(table, at: playbook.location, in: "in steps (line \(table.position.line)), "))
            }
            let production = playbook.mode?.value == .production
            for placeholder in playbook.placeholders {
                let message = "'\(placeholder.value)' is still a placeholder from the import; set it for this site"
                diagnostics.append(production ? .error("unresolved-placeholder", message, at: placeholder.location)
                                              : .warning("unresolved-placeholder", message, at: placeholder.location))
            }
            if let mode = playbook.mode, mode.value == .production, playbook.provenance?.firstRun?.result != .pass {
                diagnostics.append(.error("production-without-first-run",
                    "playbook '\(playbook.id)' runs in production without a passing first run in read-only or staging; record it with sopgen playbook promote",
                    at: mode.location))
            }
        }
        return diagnostics
    }
}
