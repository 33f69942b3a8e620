import GFM

/// Builds the dictionaries the Mustache templates see. Text from the pack goes in as plain strings
/// (the templates escape it); only HTML that sopgen rendered itself goes in under `…HTML` keys.
struct PageContext {
    let resolved: ResolvedPack
    /// The navigation, rendered once per folder depth (by `root`): it is the same on every page.
    let navHTML: [String: String]

    init(resolved: ResolvedPack, theme: ThemeLibrary) {
        self.resolved = resolved
        var navHTML: [String: String] = [:]
        for root in ["", "../", "../../"] {
            let roles = resolved.pack.roles.map { ["name": $0.name, "href": "\(root)roles/\($0.id)/index.html"] }
            navHTML[root] = theme.render(["navRoles": roles, "root": root], with: "nav")
        }
        self.navHTML = navHTML
    }

    var pack: Pack { resolved.pack }

    func base(title: String, root: String, bodyClass: String) -> [String: Any] {
        [
            "pageTitle": title,
            "root": root,
            "bodyClass": bodyClass,
            "pack": pack.settings.organisation.isEmpty
                ? ["title": pack.settings.title]
                : ["title": pack.settings.title, "organisation": pack.settings.organisation],
            "navHTML": navHTML[root] ?? "",
            "homeHref": "\(root)index.html",
        ]
    }

    func site() -> [String: Any]? {
        guard let site = resolved.site else { return nil }
        var context: [String: Any] = [
            "id": site.id,
            "name": site.name,
            "facts": site.rolloutFacts.map { fact -> [String: Any] in
                ["label": fact.label, "value": fact.value ?? "", "missing": fact.value == nil]
            },
        ]
        if let owner = site.supportOwner { context["supportOwner"] = owner }
        if let rollback = site.rollbackSummary { context["rollbackPath"] = rollback }
        return context
    }

    func roleSummary(_ handbook: ResolvedPack.Handbook, root: String) -> [String: Any] {
        [
            "id": handbook.role.id,
            "name": handbook.role.name,
            "description": handbook.role.description,
            "href": "\(root)roles/\(handbook.role.id)/index.html",
            "sopCount": Self.count(handbook.sopIDs.count, "SOP"),
            "decisionCount": Self.count(handbook.guide.count, "decision"),
        ]
    }

    /// "1 SOP", "13 SOPs".
    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    func sopSummary(_ sop: SOP, href: String) -> [String: Any] {
        var context: [String: Any] = [
            "id": sop.id,
            "title": sop.title,
            "href": href,
            "surface": sop.surface?.value.displayName ?? "General",
            "audience": sop.audience.map { pack.role($0.value)?.name ?? $0.value }.joined(separator: ", "),
        ]
        if let summary = sop.summary { context["summary"] = summary }
        return context
    }

    func sopMeta(_ sop: SOP) -> [String: Any] {
        var facts: [[String: String]] = []
        if let surface = sop.surface { facts.append(["label": "Surface", "value": surface.value.displayName]) }
        facts.append(["label": "For", "value": sop.audience.map { pack.role($0.value)?.name ?? $0.value }.joined(separator: ", ")])
        if let owner = sop.owner { facts.append(["label": "Owner", "value": pack.role(owner.value)?.name ?? owner.value]) }
        if !sop.policies.isEmpty {
            let actions = sop.policies.map { reference in pack.policies.first { $0.id == reference.value }?.action ?? reference.value }
            facts.append(["label": "Policies", "value": actions.joined(separator: "; ")])
        }
        if let cadence = sop.reviewCadence { facts.append(["label": "Review", "value": cadence.value]) }
        if let reviewed = sop.lastReviewed { facts.append(["label": "Last reviewed", "value": reviewed.value]) }
        return ["title": sop.title, "id": sop.id, "facts": facts]
    }

    func toc(_ rendering: GFMRendering) -> [[String: String]] {
        rendering.headings.filter { $0.level == 2 }.map { ["text": $0.text, "id": $0.id] }
    }

    func handbookDetails(_ handbook: ResolvedPack.Handbook, root: String) -> [String: Any] {
        let role = handbook.role
        return [
            "role": [
                "id": role.id,
                "name": role.name,
                "description": role.description,
            ],
            "capabilities": role.capabilities.sorted { $0.key < $1.key }.map {
                ["surface": $0.key.displayName, "level": $0.value.rawValue, "meaning": $0.value.meaning]
            },
            "guide": handbook.guide.map(guideEntry),
            "escalationPath": handbook.escalationPath.enumerated().map { index, step -> [String: Any] in
                ["name": step.name, "href": "\(root)roles/\(step.id)/index.html", "isSelf": index == 0, "isLast": index == handbook.escalationPath.count - 1]
            },
            "isTop": handbook.escalationPath.count == 1,
            "refusals": role.refusals,
            "firstWeekFocus": role.firstWeekFocus,
            "hasRefusals": !role.refusals.isEmpty,
            "hasFirstWeekFocus": !role.firstWeekFocus.isEmpty,
        ]
    }

    private func guideEntry(_ entry: DecisionGuideEntry) -> [String: Any] {
        [
            "policyID": entry.policyID,
            "action": entry.action,
            "surface": entry.surface.displayName,
            "risk": entry.risk.rawValue,
            "mode": entry.mode.rawValue,
            "involvement": entry.involvement.label,
            "ask": entry.ask,
            "approve": entry.approve,
            "reject": entry.reject,
            "hasReject": !entry.reject.isEmpty,
            "escalate": entry.escalate,
            "hasEscalate": !entry.escalate.isEmpty,
            "escalateTo": entry.escalateTo,
            "stop": entry.stop,
            "hasStop": !entry.stop.isEmpty,
            "stopCall": entry.stopCall,
        ]
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
