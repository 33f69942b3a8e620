/// The validate stage: checks that a decoded pack means something — every name it uses exists,
/// ids are unique and safe as file names, includes and escalations do not loop.
public struct PackValidator: Sendable {
    /// The day review dates are checked against.
    public var today: CalendarDate

    public init(today: CalendarDate) {
        self.today = today
    }

    /// References to names the pack does not declare are reported once per name (the diagnostics
    /// carry the name as their subject); references to names whose definition is broken are not
    /// reported at all, as the definition's own diagnostic is the cause.
    public func validate(_ pack: Pack) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let roleIDs = pack.roles.map(\.id)
        let policyIDs = pack.policies.map(\.id)
        let declared = pack.declared.including(pack)
        let site = DefaultSiteResolution(pack, declared: declared)

        let rolesAreComplete = !declared.incomplete.contains(.role)
        func checkRole(_ reference: Located<String>, _ what: String) {
            guard declared.isUnknown(reference.value, .role) else { return }
            diagnostics.append(.error(.unknownRole, "unknown role '\(reference.value)' in \(what)\(Suggestion.didYouMean(reference.value, in: roleIDs))", at: reference.location).about(reference.value))
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
        if rolesAreComplete { diagnostics += RoleChecks.check(pack) + KnowledgeCheckChecks.check(pack) }
        for policy in pack.policies {
            policy.proposers.forEach { checkRole($0, "proposers") }
            policy.approvers.forEach { checkRole($0, "approvers") }
            if let owner = policy.killSwitch { checkRole(owner, "kill_switch") }
        }
        if let defaultSite = pack.settings.defaultSite, pack.site(defaultSite.value) == nil, declared.isUnknown(defaultSite.value, .site) {
            diagnostics.append(.error(.unknownSite, "unknown site '\(defaultSite.value)' in default_site\(Suggestion.didYouMean(defaultSite.value, in: pack.sites.map(\.id)))", at: defaultSite.location))
        }
        for sop in pack.sops {
            sop.audience.forEach { checkRole($0, "audience") }
            if let owner = sop.owner { checkRole(owner, "owner") }
            for reference in sop.policies where declared.isUnknown(reference.value, .policy) {
                diagnostics.append(.error(.unknownPolicy, "unknown policy '\(reference.value)' in policies\(Suggestion.didYouMean(reference.value, in: policyIDs))", at: reference.location).about(reference.value))
            }
        }
        let snippetNames = pack.snippets.keys.sorted()
        let references = TemplateReferenceChecks(pack: pack, declared: declared, site: site, checksRoles: true,
                                                 snippetNames: snippetNames, sites: pack.defaultSite.map { [$0] })
        for sop in pack.sops { diagnostics += references.check(sop.body.pieces) }
        // A snippet a checklist includes is printed for every site: each site's record must hold its values.
        let inChecklists = IncludeGraph.reached(from: pack.checklists.flatMap { $0.items.map(\.text) }, snippets: pack.snippets)
        let everySite = TemplateReferenceChecks(pack: pack, declared: declared, site: site, checksRoles: true,
                                                snippetNames: snippetNames, sites: pack.sites)
        for (name, snippet) in pack.snippets.sorted(by: { $0.key < $1.key }) {
            diagnostics += (inChecklists.contains(name) ? everySite : references).check(snippet.pieces)
        }
        for checklist in pack.checklists {
            for item in checklist.items {
                diagnostics += TemplateReferenceChecks(pack: pack, declared: declared, site: site, checksRoles: false,
                                                       snippetNames: snippetNames, sites: pack.sites).check(item.text.pieces)
            }
        }
        diagnostics += IncludeCycleChecks.cycles(in: pack)
        diagnostics += ExpansionChecks.check(pack)
        diagnostics += PolicyChecks.check(pack, rolesAreComplete: rolesAreComplete, site: site)
        diagnostics += SOPChecks.check(pack, today: today)
        diagnostics += SiteChecks.check(pack)
        diagnostics += ReservedIDChecks.check(pack)
        diagnostics += PlaybookChecks.check(pack, declared: declared)
        diagnostics += RemoteImages.check(pack)
        diagnostics += PlaybookDroppedLinks.check(pack)
        diagnostics += RemoteImages.checkChecklists(pack)
        diagnostics += duplicates(pack.playbooks.map { ($0.id, $0.location) }, kind: "playbook")
        diagnostics += AutomationChecks.check(pack, declared: declared, siteHasRollback: site.documentsRollback)
        diagnostics += duplicates(pack.automations.map { ($0.id, $0.location) }, kind: "automation")
        if let people = pack.people {
            people.wordPressRoles.sorted { $0.key < $1.key }.forEach { checkRole($0.value, "wordpress_roles") }
            people.people.forEach { checkRole($0.role, "people") }
            diagnostics += duplicates(people.people.map { ($0.login.value, $0.login.location) }, kind: "person")
        }
        diagnostics += ReviewRecordChecks.check(pack)
        diagnostics += ReviewTriggerChecks.check(pack)
        return diagnostics
    }

    private func duplicates(_ items: [(String, SourceLocation)], kind: String) -> [Diagnostic] {
        var first: [String: SourceLocation] = [:]
        var diagnostics: [Diagnostic] = []
        for (id, location) in items {
            if let earlier = first[id] {
                diagnostics.append(.error(.duplicateId, "\(kind) id '\(id)' is already used at \(earlier)", at: location))
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
    let declared: DeclaredNames
    let site: DefaultSiteResolution
    /// Checklist items have no role blocks to check.
    let checksRoles: Bool
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
                    diagnostics.append(.error(.unknownValue, "'{{\(name.value)}}' names no value\(Suggestion.didYouMean(name.value, in: ValueCatalog.all))", at: name.location))
                } else if name.value.hasPrefix("site."), case .none = site {
                    // One cause (no default site), however many values need it.
                    diagnostics.append(.error(.noSite, "'{{\(name.value)}}' needs a site: add sites/<id>.yml and set default_site in sopgen.yml", at: name.location).about("default_site"))
                } else if name.value.hasPrefix("site.") {
                    let lacking = (sites ?? []).filter { if case .some(.none) = ValueCatalog.siteRecord($0)[name.value] { true } else { false } }
                    if !lacking.isEmpty {
                        let field = name.value.dropFirst("site.".count)
                        let records = lacking.map(\.location.path).joined(separator: ", ")
                        diagnostics.append(.warning(.missingSiteValue, "'{{\(name.value)}}' renders as \"(not recorded)\": no \(field) in \(records)", at: name.location))
                    }
                }
            case .include(let name, _):
                if pack.snippets[name.value] == nil, declared.isUnknown(name.value, .snippet) {
                    diagnostics.append(.error(.unknownSnippet, "no snippet '\(name.value)' in snippets/\(Suggestion.didYouMean(name.value, in: snippetNames))", at: name.location).about(name.value))
                }
            case .roleBlock(let block):
                for role in block.roles where checksRoles && declared.isUnknown(role.value, .role) {
                    diagnostics.append(.error(.unknownRole, "unknown role '\(role.value)' in '::: \(block.kind.rawValue)'\(Suggestion.didYouMean(role.value, in: pack.roles.map(\.id)))", at: role.location).about(role.value))
                }
                diagnostics += check(block.body)
            }
        }
        return diagnostics
    }
}
