import GFM

extension PageModelBuilder {
    func handbook(_ handbook: ResolvedPack.Handbook) -> HandbookPage {
        let role = handbook.role
        return HandbookPage(
            role: heading(role),
            capabilities: role.capabilities.sorted { $0.key < $1.key }.map {
                .init(surface: $0.key.displayName, level: $0.value.rawValue, meaning: $0.value.meaning)
            },
            guide: handbook.guide.map(guideItem),
            escalationPath: escalationPath(handbook),
            isTop: handbook.escalationPath.count == 1,
            refusals: role.refusals,
            firstWeekFocus: role.firstWeekFocus,
            hasRefusals: !role.refusals.isEmpty,
            hasFirstWeekFocus: !role.firstWeekFocus.isEmpty,
            site: siteRecord(),
            sops: handbook.sopIDs.compactMap { resolved.sop($0) }.map { sopSummary($0, href: "\($0.sop.id).html") },
            hasSOPs: !handbook.sopIDs.isEmpty,
            packHasPlaybooks: !pack.playbooks.isEmpty,
            playbooks: PlaybookRelations.playbooks(for: role, in: pack).map {
                .init(title: $0.playbook.title, href: "../../playbooks/\($0.playbook.id).html", relation: $0.relation,
                      mode: $0.playbook.mode?.value.rawValue ?? "")
            },
            packHasAutomations: !pack.automations.isEmpty,
            automations: automationLinks(for: role))
    }

    /// `sections` holds each SOP's print section, in handbook order.
    func print(_ handbook: ResolvedPack.Handbook, sections: [PrintPage.Section]) -> PrintPage {
        let role = handbook.role
        return PrintPage(
            role: heading(role),
            guide: handbook.guide.map(guideItem),
            escalationPath: escalationPath(handbook),
            isTop: handbook.escalationPath.count == 1,
            refusals: role.refusals,
            firstWeekFocus: role.firstWeekFocus,
            hasRefusals: !role.refusals.isEmpty,
            hasFirstWeekFocus: !role.firstWeekFocus.isEmpty,
            site: siteRecord(),
            sops: sections,
            contents: sections.map { ContentsEntry(id: $0.id, title: resolved.sop($0.id)?.sop.title ?? $0.id) },
            footerCSS: pack.theme.cssString(
                PrintFooter.text([pack.settings.title, "\(role.name) handbook", resolved.site?.name].compactMap { $0 },
                                 inputHash: pack.inputHash, today: resolved.today)))
    }

    private func heading(_ role: Role) -> RoleHeading {
        RoleHeading(id: role.id, name: role.name, description: role.description)
    }

    private func escalationPath(_ handbook: ResolvedPack.Handbook) -> [EscalationStep] {
        handbook.escalationPath.enumerated().map { index, step in
            EscalationStep(name: step.name, href: "../../roles/\(step.id)/index.html", isSelf: index == 0,
                           isLast: index == handbook.escalationPath.count - 1)
        }
    }

    private func guideItem(_ entry: DecisionGuideEntry) -> DecisionGuideItem {
        DecisionGuideItem(
            policyID: entry.policyID, action: entry.action, surface: entry.surface.displayName,
            risk: entry.risk.rawValue, mode: entry.mode.rawValue, involvement: entry.involvement.label, ask: entry.ask,
            approve: entry.approve, reject: entry.reject, hasReject: !entry.reject.isEmpty, escalate: entry.escalate,
            hasEscalate: !entry.escalate.isEmpty, escalateTo: entry.escalateTo, stop: entry.stop,
            hasStop: !entry.stop.isEmpty, stopCall: entry.stopCall)
    }
}

extension DecisionGuideEntry.Involvement {
    var label: String {
        switch self {
        case .approver: "You approve"
        case .proposer: "You propose"
        case .user: "You use it"
        case .none: "You hold the kill switch"
        }
    }
}
