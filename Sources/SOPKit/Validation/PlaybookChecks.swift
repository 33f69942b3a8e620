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
                diagnostics.append(.error(.playbookIncomplete, "playbook '\(playbook.id)' has no \(key); define it before enabling the automation", at: playbook.location))
            }
            for (what, reference) in [("owner", playbook.owner), ("kill_switch", playbook.killSwitch)] {
                guard let reference, declared.isUnknown(reference.value, .role) else { continue }
                diagnostics.append(.error(.unknownRole, "unknown role '\(reference.value)' in \(what)\(Suggestion.didYouMean(reference.value, in: roleIDs))", at: reference.location).about(reference.value))
            }
            if let approval = playbook.approval, declared.isUnknown(approval.value, .policy) {
                diagnostics.append(.error(.unknownPolicy, "unknown policy '\(approval.value)' in approval\(Suggestion.didYouMean(approval.value, in: policyIDs))", at: approval.location).about(approval.value))
            }
            for table in GFMLimits.oversizedTables(in: playbook.steps) {
                diagnostics.append(.tableTooLarge(table, at: playbook.location, in: "in steps (line \(table.position.line)), "))
            }
            let production = playbook.mode?.value == .production
            for placeholder in playbook.placeholders {
                let message = "'\(placeholder.value)' is still a placeholder from the import; set it for this site"
                diagnostics.append(production ? .error(.unresolvedPlaceholder, message, at: placeholder.location)
                                              : .warning(.unresolvedPlaceholder, message, at: placeholder.location))
            }
            if let mode = playbook.mode, mode.value == .production, playbook.provenance?.hasPassedBeforeProduction != true {
                diagnostics.append(.error(.productionWithoutFirstRun,
                    "playbook '\(playbook.id)' runs in production without a passing first run in read-only or staging; record it with sopgen playbook promote",
                    at: mode.location))
            }
            diagnostics += runAndLocalisation(playbook, production: production)
        }
        return diagnostics
    }

    /// A failed last run blocks promotion and makes the playbook's review due; an imported
    /// playbook is unlocalised while its stored import review or a required local change is open.
    static func runAndLocalisation(_ playbook: Playbook, production: Bool) -> [Diagnostic] {
        guard let provenance = playbook.provenance else { return [] }
        var diagnostics: [Diagnostic] = []
        let at = provenance.location ?? playbook.location
        if let failure = provenance.blockingFailure {
            let message = "playbook '\(playbook.id)': its last run failed (\(failure.summary)); its review is due and promotion is blocked "
                + "until a later run passes (sopgen playbook run \(playbook.id) --result pass …)"
            diagnostics.append(production ? .error(.failedRun, message, at: at) : .warning(.failedRun, message, at: at))
        }
        guard playbook.isImported else { return diagnostics }
        var open = provenance.openLocalisation
        if provenance.localisation == nil { open.insert("the import review (none stored: import it again with --replace)", at: 0) }
        if !open.isEmpty {
            let message = "imported playbook '\(playbook.id)' is not localised for this site: \(open.joined(separator: ", ")) still open; "
                + "resolve each with sopgen playbook localise \(playbook.id) ITEM --by NAME"
            diagnostics.append(production ? .error(.unlocalisedPlaybook, message, at: at) : .warning(.unlocalisedPlaybook, message, at: at))
        }
        return diagnostics
    }
}
