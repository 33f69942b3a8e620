import GFM

/// The playbook register (`playbooks/index.html`) and a page per playbook.
struct PlaybookPages {
    let context: PageContext
    let theme: ThemeLibrary

    var pack: Pack { context.pack }

    func register() -> String {
        var page = context.base(title: "Playbook register", root: "../", bodyClass: "playbooks")
        page["playbooks"] = pack.playbooks.map(summary)
        return theme.render(page, with: "playbooks")
    }

    func page(_ playbook: Playbook) -> String {
        var page = context.base(title: playbook.title, root: "../", bodyClass: "playbook")
        page.merge(summary(playbook)) { $1 }
        page["fields"] = playbook.requiredFields.map { field -> [String: Any] in
            let label = field.key.replacingOccurrences(of: "_", with: " ").capitalized
            return ["label": label, "value": field.value.map { value in
                field.key == "owner" || field.key == "kill_switch" ? pack.role(value)?.name ?? value
                    : field.key == "approval" ? pack.policies.first { $0.id == value }?.action ?? value : value
            } ?? "", "missing": field.value == nil]
        }
        let assumptions = playbook.assumptions
        page["assumptions"] = [
            ("Provider setup", assumptions.providerSetup ?? ""), ("Knowledge Base sources", assumptions.knowledgeBaseSources.joined(separator: "; ")),
            ("Roles", assumptions.roles.joined(separator: ", ")), ("Approval policy", assumptions.approvalPolicy ?? ""),
            ("Product language", assumptions.productLanguage ?? ""), ("Coupon rules", assumptions.couponRules.joined(separator: "; ")),
            ("Order status conventions", assumptions.orderStatusConventions.joined(separator: ", ")), ("Support ownership", assumptions.supportOwnership ?? ""),
        ].filter { !$0.1.isEmpty }.map { ["label": $0.0, "value": $0.1] }
        if let provenance = playbook.provenance, provenance.sourceSite != nil {
            page["hasProvenance"] = true
            page["provenanceVersion"] = provenance.version ?? "—"
            page["provenanceOwner"] = provenance.owner.map { pack.role($0)?.name ?? $0 } ?? "—"
            page["localChanges"] = provenance.requiredLocalChanges.map { ["id": $0.id, "change": $0.change, "resolved": $0.resolved] as [String: Any] }
            page["hasChanges"] = !provenance.requiredLocalChanges.isEmpty
        }
        // Another site's text is never trusted as HTML, whatever this pack opts into.
        let trustsHTML = pack.settings.unsafeHTML && !playbook.isImported
        page["stepsHTML"] = GFMDocument.html(from: GFMReserved.sanitize(playbook.steps), options: GFMOptions(allowsRawHTML: trustsHTML))
        return theme.render(page, with: "playbook")
    }

    /// Imported playbooks whose steps hold raw HTML that `options.unsafe_html: true` would keep
    /// if the pack's own authors had written it: the handbook leaves it out, and says so.
    static func untrustedHTML(in pack: Pack) -> [Diagnostic] {
        guard pack.settings.unsafeHTML else { return [] }
        return pack.playbooks.filter(\.isImported).compactMap { playbook in
            guard !GFMDocument(markdown: GFMReserved.sanitize(playbook.steps)).rawHTML.isEmpty else { return nil }
            return .warning("raw-html", "playbook '\(playbook.id)' came from another site, so the raw HTML in its steps is left out of the "
                            + "handbook even with options.unsafe_html: true; rewrite it in Markdown",
                            at: playbook.stepsLocation ?? playbook.location)
        }
    }

    func summary(_ playbook: Playbook) -> [String: Any] {
        let provenance = playbook.provenance
        let run = provenance?.firstRun
        var firstRun = run?.result.rawValue ?? "not recorded"
        if let run, run.result != .pending {
            firstRun += [run.mode.map { " in \($0)" }, run.by.map { " by \($0)" }, run.date.map { ", \($0)" }].compactMap { $0 }.joined()
        }
        let changes = provenance?.requiredLocalChanges ?? []
        return [
            "id": playbook.id,
            "title": playbook.title,
            "version": playbook.version ?? "—",
            "owner": playbook.owner.map { pack.role($0.value)?.name ?? $0.value } ?? "—",
            "mode": playbook.mode?.value.rawValue ?? "—",
            "sourceSite": provenance?.sourceSite ?? "this pack",
            "exportDate": provenance?.exportDate ?? "—",
            "changes": changes.isEmpty ? "none" : "\(changes.filter { !$0.resolved }.count) open, \(changes.filter(\.resolved).count) resolved",
            "firstRun": run?.result.rawValue ?? "none",
            "firstRunText": firstRun,
        ]
    }

    /// Playbooks a role runs (owner or kill switch) or approves (approver of its policy).
    static func playbooks(for role: Role, in pack: Pack) -> [(playbook: Playbook, relation: String)] {
        pack.playbooks.compactMap { playbook in
            if playbook.owner?.value == role.id || playbook.killSwitch?.value == role.id { return (playbook, "you run it") }
            let approvers = pack.policies.first { $0.id == playbook.approval?.value }?.approvers.map(\.value) ?? []
            return approvers.contains(role.id) ? (playbook, "you approve its plans") : nil
        }
    }
}
