import GFM

/// Builds the typed page models from the resolved pack: every id is turned into the name a reader
/// sees here, once, so the templates and the renderer never look anything up in `Pack`.
struct PageModelBuilder: Sendable {
    let resolved: ResolvedPack
    /// Role names by id; an unknown id stands for itself.
    let roleNames: [String: String]
    /// Policy actions by id.
    let policyActions: [String: String]

    init(resolved: ResolvedPack) {
        self.resolved = resolved
        roleNames = Dictionary(resolved.pack.roles.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        policyActions = Dictionary(resolved.pack.policies.map { ($0.id, $0.action) },
                                   uniquingKeysWith: { first, _ in first })
    }

    var pack: Pack { resolved.pack }

    func roleName(_ id: String) -> String { roleNames[id] ?? id }

    /// "A", "A or B", "A, B or C".
    func roleNames(_ ids: [String]) -> String {
        let list = ids.map(roleName)
        switch list.count {
        case 0: return ""
        case 1: return list[0]
        default: return list.dropLast().joined(separator: ", ") + " or " + list.last!
        }
    }

    func navigation(root: String) -> Navigation {
        Navigation(navRoles: pack.roles.map { .init(name: $0.name, href: "\(root)roles/\($0.id)/index.html") },
                   root: root)
    }

    func chrome(title: String, root: String, bodyClass: String, nav: SafeHTML) -> PageChrome {
        PageChrome(pageTitle: title, root: root, bodyClass: bodyClass, pack: packTitle, navHTML: nav,
                   homeHref: "\(root)index.html")
    }

    var packTitle: PackTitle {
        PackTitle(title: pack.settings.title,
                  organisation: pack.settings.organisation.isEmpty ? nil : pack.settings.organisation)
    }

    func siteRecord() -> SiteRecordModel? {
        guard let site = resolved.site else { return nil }
        return SiteRecordModel(
            id: site.id, name: site.name,
            facts: site.rolloutFacts.map { .init(label: $0.label, value: $0.value ?? "", missing: $0.value == nil) },
            supportOwner: site.supportOwner, rollbackPath: site.rollbackSummary)
    }

    /// "1 SOP", "13 SOPs".
    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    func sopSummary(_ sop: SOP, href: String) -> SOPSummary {
        SOPSummary(id: sop.id, title: sop.title, href: href, surface: sop.surface?.value.displayName ?? "General",
                   audience: sop.audience.map { roleName($0.value) }.joined(separator: ", "), summary: sop.summary,
                   flaggedBy: ReviewRecordChecks.latestOpenReview(of: sop, in: pack)?.date.description)
    }

    func sopHeader(_ sop: SOP) -> SOPHeader {
        var facts: [SOPHeader.Fact] = []
        if let surface = sop.surface { facts.append(.init(label: "Surface", value: surface.value.displayName)) }
        facts.append(.init(label: "For", value: sop.audience.map { roleName($0.value) }.joined(separator: ", ")))
        if let owner = sop.owner { facts.append(.init(label: "Owner", value: roleName(owner.value))) }
        if !sop.policies.isEmpty {
            let actions = sop.policies.map { policyActions[$0.value] ?? $0.value }
            facts.append(.init(label: "Policies", value: actions.joined(separator: "; ")))
        }
        if let cadence = sop.reviewCadence { facts.append(.init(label: "Review", value: cadence.value)) }
        if let reviewed = sop.lastReviewed { facts.append(.init(label: "Last reviewed", value: reviewed.value)) }
        return SOPHeader(title: sop.title, id: sop.id, facts: facts,
                         flaggedBy: ReviewRecordChecks.latestOpenReview(of: sop, in: pack)?.date.description)
    }

    func tableOfContents(_ rendering: GFMRendering) -> TableOfContents {
        TableOfContents(toc: rendering.headings.filter { $0.level == 2 }.map { .init(text: $0.text, id: $0.id) })
    }

    func home() -> HomePage {
        HomePage(
            site: siteRecord(),
            roles: resolved.handbooks.map { handbook in
                let role = handbook.role
                return .init(id: role.id, name: role.name, description: role.description,
                             href: "roles/\(role.id)/index.html", sopCount: Self.count(handbook.sopIDs.count, "SOP"),
                             decisionCount: Self.count(handbook.guide.count, "decision"))
            },
            sops: resolved.sops.map { sopSummary($0.sop, href: "sops/\($0.sop.id).html") },
            checklistSites: pack.sites.map { site in
                .init(name: site.name, checklists: pack.checklists.map {
                    .init(title: $0.title, base: "checklists/\(site.id)/\($0.id)")
                })
            },
            hasChecklists: !pack.checklists.isEmpty && !pack.sites.isEmpty,
            hasPlaybooks: !pack.playbooks.isEmpty,
            hasAutomations: !pack.automations.isEmpty,
            policies: pack.policies.map { policy in
                .init(action: policy.action, surface: policy.surface.value.displayName, risk: policy.risk.rawValue,
                      mode: policy.mode.rawValue, approvers: roleNames(policy.approvers.map(\.value)),
                      approvalsRequired: policy.approvalsRequired.value,
                      killSwitch: policy.killSwitch.map { roleNames([$0.value]) } ?? "—")
            })
    }
}
