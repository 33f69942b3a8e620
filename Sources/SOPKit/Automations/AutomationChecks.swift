/// Automations that cannot be enabled safely: a missing field the seed asks for; a write-capable
/// automation with no rollback (its own, its policy's or the site's); no kill switch; a failure
/// notification to nobody who exists; an owner who cannot pause it (neither the kill-switch holder
/// nor a role with execute on its surface); names that point nowhere; a failed last run.
enum AutomationChecks {
    static func check(_ pack: Pack, declared: DeclaredNames, siteHasRollback: Bool) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let roleIDs = pack.roles.map(\.id)
        for automation in pack.automations {
            let name = "automation '\(automation.id)'"
            for (key, value) in automation.requiredFields where value == nil {
                diagnostics.append(.error(.automationIncomplete, "\(name) has no \(key); define it before enabling it", at: automation.location))
            }
            // A notification to roles none of which exists is one mistake: notification-to-nobody says it, naming them.
            let nobody = automation.notify.isEmpty
                || (!declared.incomplete.contains(.role) && automation.notify.allSatisfy { declared.isUnknown($0.value, .role) })
            var references = [("owner.role", automation.ownerRole), ("kill_switch", automation.killSwitch)]
            if !nobody { references += automation.notify.map { ("failure_notification.to", $0) } }
            for (what, reference) in references {
                guard let reference, declared.isUnknown(reference.value, .role) else { continue }
                diagnostics.append(.error(.unknownRole, "unknown role '\(reference.value)' in \(what)\(Suggestion.didYouMean(reference.value, in: roleIDs))",
                                          at: reference.location).about(reference.value))
            }
            let policy = automation.approval.flatMap { approval in pack.policies.first { $0.id == approval.value } }
            if let approval = automation.approval, declared.isUnknown(approval.value, .policy) {
                diagnostics.append(.error(.unknownPolicy, "unknown policy '\(approval.value)' in approval\(Suggestion.didYouMean(approval.value, in: pack.policies.map(\.id)))",
                                          at: approval.location).about(approval.value))
            }
            if automation.kind?.value == .playbook {
                if let playbook = automation.playbook {
                    if !pack.playbooks.contains(where: { $0.id == playbook.value }) {
                        diagnostics.append(.error(.unknownPlaybook, "\(name) runs playbook '\(playbook.value)', which playbooks/ does not have"
                            + Suggestion.didYouMean(playbook.value, in: pack.playbooks.map(\.id)), at: playbook.location))
                    }
                } else {
                    diagnostics.append(.error(.automationIncomplete, "\(name) is a playbook but names none; add playbook: <id>", at: automation.location))
                }
            }
            if automation.killSwitch == nil {
                diagnostics.append(.error(.noKillSwitch, "\(name) has no kill_switch: nobody is named to pause it", at: automation.location))
            }
            if !automation.hasFailureNotification {
                diagnostics.append(.error(.automationIncomplete, "\(name) has no failure_notification; define who is told when it fails", at: automation.location))
            } else if nobody {
                let named = automation.notify.map { "'\($0.value)'\(Suggestion.didYouMean($0.value, in: roleIDs))" }
                diagnostics.append(.error(.notificationToNobody,
                    "\(name) notifies nobody who exists when it fails"
                        + (named.isEmpty ? "" : " (no role \(named.joined(separator: ", ")))") + "; name the roles in failure_notification.to",
                    at: automation.notify.first?.location ?? automation.location))
            }
            if automation.access?.value == .write, automation.rollback == nil, policy?.rollback == nil, !siteHasRollback {
                diagnostics.append(.error(.noRollback,
                    "\(name) can write but no rollback or support path is documented; add rollback: to it, to its policy, or rollback_path: to the site record",
                    at: automation.access?.location ?? automation.location))
            }
            if let owner = automation.ownerRole, let role = pack.role(owner.value), let kind = automation.kind?.value,
               automation.killSwitch?.value != owner.value, (role.capability(on: kind.surface) ?? .read) < .execute {
                diagnostics.append(.error(.ownerCannotPause,
                    "\(name) is owned by '\(owner.value)', who cannot pause it: not the kill-switch holder and no execute on \(kind.surface.rawValue); "
                        + "make the owner the kill switch, or give it execute", at: owner.location))
            }
            // A named person is one people.yml names (by name or login), when the pack has people.yml.
            if let person = automation.ownerPerson, let people = pack.people?.people, !pack.brokenFiles.contains("people.yml"),
               !people.contains(where: { $0.name == person.value || $0.login.value == person.value }) {
                diagnostics.append(.error(.unknownPerson, "\(name) is owned by '\(person.value)', whom people.yml does not name"
                    + Suggestion.didYouMean(person.value, in: people.map(\.name)) + "; add them to people.yml or name someone who is there",
                    at: person.location))
            }
            if let run = automation.lastRun, run.result == .fail {
                diagnostics.append(.warning(.failedRun, "\(name): its last run failed (\(run.date)\(run.reference.map { ", \($0)" } ?? "")); review it before the next run",
                                            at: automation.location))
            }
        }
        return diagnostics
    }
}
