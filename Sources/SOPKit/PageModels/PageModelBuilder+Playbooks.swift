import GFM

extension PageModelBuilder {
    func playbookRegister() -> PlaybookRegisterPage {
        PlaybookRegisterPage(playbooks: pack.playbooks.map(playbookSummary))
    }

    func playbook(_ playbook: Playbook) -> PlaybookPage {
        let assumptions = playbook.assumptions
        let provenance = playbook.provenance.flatMap { $0.sourceSite == nil ? nil : $0 }
        let trustsHTML = playbook.trustsHTML(in: pack.settings)
        let summary = playbookSummary(playbook)
        let changes = localChanges(provenance)
        return PlaybookPage(
            id: summary.id, title: summary.title, version: summary.version, owner: summary.owner, mode: summary.mode,
            sourceSite: summary.sourceSite, exportDate: summary.exportDate, changes: summary.changes,
            firstRun: summary.firstRun, firstRunText: summary.firstRunText,
            fields: playbook.requiredFields.map { field in
                let label = field.key.replacingOccurrences(of: "_", with: " ").capitalized
                let value = field.value.map { value in
                    field.key == "owner" || field.key == "kill_switch" ? roleName(value)
                        : field.key == "approval" ? resolved.names.policyAction(value) : value
                }
                return .init(label: label, value: value ?? "", missing: field.value == nil)
            },
            assumptions: [
                ("Provider setup", assumptions.providerSetup ?? ""),
                ("Knowledge Base sources", assumptions.knowledgeBaseSources.joined(separator: "; ")),
                ("Roles", assumptions.roles.joined(separator: ", ")),
                ("Approval policy", assumptions.approvalPolicy ?? ""),
                ("Product language", assumptions.productLanguage ?? ""),
                ("Coupon rules", assumptions.couponRules.joined(separator: "; ")),
                ("Order status conventions", assumptions.orderStatusConventions.joined(separator: ", ")),
                ("Support ownership", assumptions.supportOwnership ?? ""),
            ].filter { !$0.1.isEmpty }.map { .init(label: $0.0, value: $0.1) },
            hasProvenance: provenance != nil,
            provenanceVersion: provenance.map { $0.version ?? "—" },
            provenanceOwner: provenance.map { $0.owner.map(roleName) ?? "—" },
            localChanges: changes,
            hasChanges: !changes.isEmpty,
            runs: (playbook.provenance?.history ?? []).map {
                PlaybookRunRow(date: $0.date, environment: $0.environment.rawValue, result: $0.result.rawValue, by: $0.by,
                               reference: $0.reference ?? "—", notes: $0.notes ?? "")
            },
            hasRuns: !(playbook.provenance?.history.isEmpty ?? true),
            stepsHTML: GFMDocument(markdown: GFMReserved.sanitize(playbook.steps), options: GFMOptions(allowsRawHTML: trustsHTML))
                .render(GFMView(reservedIDs: pack.theme.fixedIDs(of: ["playbook"]))).safeHTML)
    }

    func playbookSummary(_ playbook: Playbook) -> PlaybookSummary {
        let provenance = playbook.provenance
        let run = provenance?.firstRun
        var firstRun = run?.result.rawValue ?? "not recorded"
        if let run, run.result != .pending {
            firstRun += [run.mode.map { " in \($0)" }, run.by.map { " by \($0)" }, run.date.map { ", \($0)" }]
                .compactMap { $0 }.joined()
        }
        let changes = localChanges(provenance)
        return PlaybookSummary(
            id: playbook.id, title: playbook.title, version: playbook.version ?? "—",
            owner: playbook.owner.map { roleName($0.value) } ?? "—", mode: playbook.mode?.value.rawValue ?? "—",
            sourceSite: provenance?.sourceSite ?? "this pack", exportDate: provenance?.exportDate ?? "—",
            changes: changes.isEmpty ? "none"
                : "\(changes.filter { !$0.resolved }.count) open, \(changes.filter(\.resolved).count) resolved",
            firstRun: run?.result.rawValue ?? "none", firstRunText: firstRun)
    }

    /// The required local changes and every point of the stored import review that did not match.
    func localChanges(_ provenance: Playbook.Provenance?) -> [PlaybookPage.LocalChange] {
        guard let provenance else { return [] }
        let resolvedBy = { (by: String?, on: String?) in by.map { " (\($0)\(on.map { ", \($0)" } ?? ""))" } ?? "" }
        // A change export made for a topic of the review is shown once, as that topic.
        let reviewed = Set((provenance.localisation ?? []).filter { $0.status != .matches }.compactMap(\.topic.changeID))
        return provenance.requiredLocalChanges.filter { !reviewed.contains($0.id) }.map {
            .init(id: $0.id, change: $0.change + resolvedBy($0.resolvedBy, $0.resolvedOn), resolved: $0.resolved)
        }
            + (provenance.localisation ?? []).filter { $0.status != .matches }.map {
                .init(id: $0.topic.rawValue, change: "\($0.topic.title): \($0.detail)" + resolvedBy($0.resolvedBy, $0.resolvedOn), resolved: !$0.isOpen)
            }
    }
}
