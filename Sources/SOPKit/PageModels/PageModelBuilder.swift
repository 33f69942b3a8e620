import GFM

/// Builds the typed page models from the resolved pack: every id is turned into the name a reader
/// sees here, once, so the templates and the renderer never look anything up in `Pack`.
struct PageModelBuilder: Sendable {
    let resolved: ResolvedPack

    init(resolved: ResolvedPack) {
        self.resolved = resolved
    }

    var pack: Pack { resolved.pack }
    /// Role names by id, resolved once (`ResolvedNames`).
    var roleNames: [String: String] { resolved.names.roles }

    func roleName(_ id: String) -> String { resolved.names.role(id) }

    /// "A", "A or B", "A, B or C".
    func roleNames(_ ids: [String]) -> String {
        let list = ids.map(roleName)
        switch list.count {
        case 0: return ""
        case 1: return list[0]
        default: return list.dropLast().joined(separator: ", ") + " or " + list.last!
        }
    }

    /// The chrome of a page at `location`; `nav` is the menu `navigation(at: location)` rendered.
    func chrome(title: String, at location: PageLocation, bodyClass: String, nav: SafeHTML) -> PageChrome {
        let root = location.root
        return PageChrome(pageTitle: title, root: root, bodyClass: bodyClass, pack: packTitle, navHTML: nav,
                          homeHref: "\(root)index.html", search: searchBox(location.searchScope, root: root))
    }

    func searchBox(_ scope: SearchIndex.Scope, root: String) -> SearchBox {
        let index = [SearchIndex.commonPath, scope.path].map { root + $0 }.joined(separator: " ")
        let script = root + "assets/search.js"
        switch scope {
        case .trainer:
            return SearchBox(label: "Search every SOP (trainer view)", placeholder: "Search all SOPs", index: index, script: script)
        case .role(let id):
            return SearchBox(label: "Search the \(roleName(id)) handbook", placeholder: "Search this handbook", index: index,
                             script: script)
        }
    }

    var packTitle: PackTitle {
        PackTitle(title: pack.settings.title,
                  organisation: pack.settings.organisation.isEmpty ? nil : pack.settings.organisation)
    }

    func siteRecord() -> SiteRecordModel? {
        guard let site = resolved.site else { return nil }
        let failing = RolloutGates.failingFacts(of: site, in: pack)
        return SiteRecordModel(
            id: site.id, name: site.name,
            facts: site.rolloutFacts.map { fact in
                .init(label: fact.label, value: fact.value ?? "", missing: fact.value == nil, failing: failing[fact.field])
            },
            supportOwner: site.supportOwner, rollbackPath: site.rollbackSummary)
    }

    /// "1 SOP", "13 SOPs".
    static func count(_ number: Int, _ noun: String) -> String { Counted.text(number, noun) }

    func sopSummary(_ item: ResolvedPack.ResolvedSOP, href: String) -> SOPSummary {
        let sop = item.sop
        return SOPSummary(id: sop.id, title: sop.title, href: href, surface: sop.surface?.value.displayName ?? "General",
                          audience: item.names.audience.joined(separator: ", "), summary: sop.summary,
                          flaggedBy: ReviewRecordChecks.latestOpenReview(of: sop, in: pack)?.date.description,
                          reviewOverdue: reviewOverdue(sop))
    }

    /// The day the SOP's review fell due, when that is before the day the pages are built for.
    func reviewOverdue(_ sop: SOP) -> String? {
        guard let today = resolved.today, let due = SOPChecks.reviewDue(of: sop), due < today else { return nil }
        return due.description
    }

    func sopHeader(_ item: ResolvedPack.ResolvedSOP) -> SOPHeader {
        let sop = item.sop
        var facts: [SOPHeader.Fact] = []
        if let surface = sop.surface { facts.append(.init(label: "Surface", value: surface.value.displayName)) }
        facts.append(.init(label: "For", value: item.names.audience.joined(separator: ", ")))
        if let owner = item.names.owner { facts.append(.init(label: "Owner", value: owner)) }
        if !item.names.policies.isEmpty {
            facts.append(.init(label: "Policies", value: item.names.policies.joined(separator: "; ")))
        }
        if let cadence = sop.reviewCadence { facts.append(.init(label: "Review", value: cadence.value)) }
        if let reviewed = sop.lastReviewed { facts.append(.init(label: "Last reviewed", value: reviewed.value)) }
        return SOPHeader(title: sop.title, id: sop.id, facts: facts,
                         flaggedBy: ReviewRecordChecks.latestOpenReview(of: sop, in: pack)?.date.description,
                         reviewOverdue: reviewOverdue(sop))
    }

    func tableOfContents(_ rendering: GFMRendering) -> TableOfContents {
        TableOfContents(toc: rendering.headings.filter { $0.level == 2 }.map { .init(text: $0.text, id: $0.id) })
    }

    func trainerIndex() -> TrainerIndexPage {
        TrainerIndexPage(sops: resolved.sops.map { sopSummary($0, href: "\($0.sop.id).html") }, hasSOPs: !resolved.sops.isEmpty)
    }

    func home() -> HomePage {
        HomePage(
            site: siteRecord(),
            blockedSites: pack.sites.compactMap { site in
                let gates = RolloutGates.gates(for: site, in: pack)
                guard !gates.isEmpty else { return nil }
                return .init(id: site.id, name: site.name, reasons: gates.map(\.message),
                             checklists: pack.checklists.map { .init(title: $0.title, base: "checklists/\(site.id)/\($0.id)") })
            },
            roles: resolved.handbooks.map { handbook in
                let role = handbook.role
                return .init(id: role.id, name: role.name, description: role.description,
                             href: "roles/\(role.id)/index.html", sopCount: Self.count(handbook.sopIDs.count, "SOP"),
                             decisionCount: Self.count(handbook.guide.count, "decision"))
            },
            sops: resolved.sops.map { sopSummary($0, href: "sops/\($0.sop.id).html") },
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
