/// The validate stage: checks that a decoded pack means something — every name it uses exists,
/// ids are unique and safe as file names, includes and escalations do not loop.
public struct PackValidator: Sendable {
    /// The day review dates are checked against.
    public var today: CalendarDate

    public init(today: CalendarDate) {
        self.today = today
    }

    public func validate(_ pack: Pack) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let roleIDs = pack.roles.map(\.id)
        let knownRoles = Set(roleIDs)
        let policyIDs = pack.policies.map(\.id)

        let rolesAreComplete = !pack.brokenFiles.contains("roles.yml")
        /// A policies.yml that could not be read defines nothing: its own error is the one to fix.
        let policiesAreComplete = !pack.brokenFiles.contains("policies.yml")
        func checkRole(_ reference: Located<String>, _ what: String) {
            guard rolesAreComplete, !knownRoles.contains(reference.value) else { return }
            diagnostics.append(.error("unknown-role", "unknown role '\(reference.value)' in \(what)\(Suggestion.didYouMean(reference.value, in: roleIDs))", at: reference.location))
        }

        diagnostics += duplicates(pack.roles.map { ($0.id, $0.location) }, kind: "role")
        diagnostics += duplicates(pack.policies.map { ($0.id, $0.location) }, kind: "policy")
        diagnostics += duplicates(pack.sops.map { ($0.id, $0.location) }, kind: "SOP")
        diagnostics += duplicates(pack.sites.map { ($0.id, SourceLocation(path: $0.location.path)) }, kind: "site")
        diagnostics += duplicates(pack.checklists.map { ($0.id, SourceLocation(path: $0.path)) }, kind: "checklist")
        diagnostics += IdentifierChecks.check(pack)
        for role in pack.roles {
            if let target = role.escalatesTo { checkRole(target, "escalates_to") }
        }
        if rolesAreComplete { diagnostics += RoleChecks.check(pack) }
        for policy in pack.policies {
            policy.proposers.forEach { checkRole($0, "proposers") }
            policy.approvers.forEach { checkRole($0, "approvers") }
            if let owner = policy.killSwitch { checkRole(owner, "kill_switch") }
        }
        if let defaultSite = pack.settings.defaultSite, pack.site(defaultSite.value) == nil {
            diagnostics.append(.error("unknown-site", "unknown site '\(defaultSite.value)' in default_site\(Suggestion.didYouMean(defaultSite.value, in: pack.sites.map(\.id)))", at: defaultSite.location))
        }
        for sop in pack.sops {
            sop.audience.forEach { checkRole($0, "audience") }
            if let owner = sop.owner { checkRole(owner, "owner") }
            for reference in sop.policies where policiesAreComplete && !policyIDs.contains(reference.value) {
                diagnostics.append(.error("unknown-policy", "unknown policy '\(reference.value)' in policies\(Suggestion.didYouMean(reference.value, in: policyIDs))", at: reference.location))
            }
        }
        var templates = pack.sops.map { (template: $0.body, name: $0.path) }
        templates += pack.snippets.sorted { $0.key < $1.key }.map { (template: $0.value, name: "snippet \($0.key)") }
        let snippetNames = pack.snippets.keys.sorted()
        for (template, _) in templates {
            diagnostics += TemplateReferenceChecks(pack: pack, roleIDs: rolesAreComplete ? roleIDs : nil, snippetNames: snippetNames,
                                                   sites: pack.defaultSite.map { [$0] })
                .check(template.pieces)
        }
        for checklist in pack.checklists {
            for item in checklist.items {
                diagnostics += TemplateReferenceChecks(pack: pack, roleIDs: nil, snippetNames: snippetNames, sites: pack.sites)
                    .check(item.text.pieces)
            }
        }
        diagnostics += IncludeCycleChecks.cycles(in: pack)
        diagnostics += ExpansionChecks.check(pack)
        diagnostics += PolicyChecks.check(pack, rolesAreComplete: rolesAreComplete)
        diagnostics += SOPChecks.check(pack, today: today)
        diagnostics += SiteChecks.check(pack)
        diagnostics += ReservedIDChecks.check(pack)
        diagnostics += PlaybookChecks.check(pack, rolesAreComplete: rolesAreComplete)
        diagnostics += duplicates(pack.playbooks.map { ($0.id, $0.location) }, kind: "playbook")
        return diagnostics
    }

    private func duplicates(_ items: [(String, SourceLocation)], kind: String) -> [Diagnostic] {
        var first: [String: SourceLocation] = [:]
        var diagnostics: [Diagnostic] = []
        for (id, location) in items {
            if let earlier = first[id] {
                diagnostics.append(.error("duplicate-id", "\(kind) id '\(id)' is already used at \(earlier)", at: location))
            } else {
                first[id] = location
            }
        }
        return diagnostics
    }
}

/// References inside SOP and snippet bodies: values, includes and the roles of role blocks.
struct TemplateReferenceChecks {
    let pack: Pack
    /// Nil when roles.yml is broken: role names are then not checked.
    let roleIDs: [String]?
    /// Sorted once for every template's suggestions.
    let snippetNames: [String]
    /// The sites the text renders for: the default site for SOPs and snippets (nil when the pack has
    /// none), each site for checklists.
    let sites: [Site]?

    func check(_ pieces: [Template.Piece]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for piece in pieces {
            switch piece {
            case .text:
                break
            case .value(let name, _):
                if !ValueCatalog.all.contains(name.value) {
                    diagnostics.append(.error("unknown-value", "'{{\(name.value)}}' names no value\(Suggestion.didYouMean(name.value, in: ValueCatalog.all))", at: name.location))
                } else if name.value.hasPrefix("site."), sites == nil {
                    diagnostics.append(.error("no-site", "'{{\(name.value)}}' needs a site: add sites/<id>.yml and set default_site in sopgen.yml", at: name.location))
                } else if name.value.hasPrefix("site.") {
                    let lacking = (sites ?? []).filter { if case .some(.none) = ValueCatalog.siteRecord($0)[name.value] { true } else { false } }
                    if !lacking.isEmpty {
                        let field = name.value.dropFirst("site.".count)
                        let records = lacking.map(\.location.path).joined(separator: ", ")
                        diagnostics.append(.warning("missing-site-value", "'{{\(name.value)}}' renders as \"(not recorded)\": no \(field) in \(records)", at: name.location))
                    }
                }
            case .include(let name, _):
                if pack.snippets[name.value] == nil {
                    diagnostics.append(.error("unknown-snippet", "no snippet '\(name.value)' in snippets/\(Suggestion.didYouMean(name.value, in: snippetNames))", at: name.location))
                }
            case .roleBlock(let block):
                for role in block.roles where roleIDs.map({ !$0.contains(role.value) }) ?? false {
                    diagnostics.append(.error("unknown-role", "unknown role '\(role.value)' in '::: \(block.kind.rawValue)'\(Suggestion.didYouMean(role.value, in: roleIDs ?? []))", at: role.location))
                }
                diagnostics += check(block.body)
            }
        }
        return diagnostics
    }
}
