/// Ids that would put two pages at one path: an SOP page `roles/<role>/<sop>.html` sits beside
/// the role's own pages, and a playbook page `playbooks/<id>.html` beside the register; and SOP
/// ids that are ids the theme writes on a role's print page, where each SOP's element has its id. The writer
/// refuses a plan with two files at one path anyway; this says why, at the id, before rendering.
enum ReservedIDChecks {
    /// Page names in a role's folder (handbook, print handbook, the knowledge check with its
    /// printable sheet and answer key, and the sign-off sheet), so no SOP may take them.
    static let rolePageNames: Set<String> = ["index", "print", "check", "check-print", "check-key", "sign-off"]
    /// Page names in playbooks/.
    static let playbookPageNames: Set<String> = ["index"]

    static func check(_ pack: Pack) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for sop in pack.sops where rolePageNames.contains(sop.id) {
            diagnostics.append(.error(.reservedId, "SOP id '\(sop.id)' is reserved for a handbook page "
                + "(roles/<role>/\(sop.id).html); rename the SOP, e.g. '\(sop.id)-sop'", at: sop.location))
        }
        // A role's print page gives each SOP an element with the SOP's id, beside the theme's own.
        let printIDs = pack.theme.fixedIDs(of: ["print"])
        for sop in pack.sops where printIDs.contains(sop.id) && !rolePageNames.contains(sop.id) {
            diagnostics.append(.error(.reservedId, "SOP id '\(sop.id)' is an id the theme's print handbook page already has "
                + "(id=\"\(sop.id)\"), so a link to the SOP there would land on it; rename the SOP, e.g. '\(sop.id)-sop'", at: sop.location))
        }
        // Ids the print page makes from a value (`policy-{{policyID}}`): an SOP id that is such a
        // prefix and a policy's, role's or site's id may be one of them.
        let prefixes = pack.theme.idPrefixes(of: ["print"])
        if !prefixes.isEmpty {
            // The values a print page's ids are made of: its decision cards', role's and site's.
            let names = Set(pack.policies.map(\.id) + pack.roles.map(\.id) + pack.sites.map(\.id))
            for sop in pack.sops where !printIDs.contains(sop.id) && !rolePageNames.contains(sop.id) {
                guard let prefix = prefixes.sorted().first(where: { sop.id.hasPrefix($0) && names.contains(String(sop.id.dropFirst($0.count))) }) else { continue }
                diagnostics.append(.error(.reservedId, "SOP id '\(sop.id)' is an id the theme's print handbook page makes "
                    + "(id=\"\(prefix)…\" for '\(sop.id.dropFirst(prefix.count))'), so a link to the SOP there would land on it; rename the SOP, e.g. '\(sop.id)-sop'", at: sop.location))
            }
        }
        for playbook in pack.playbooks where playbookPageNames.contains(playbook.id) {
            diagnostics.append(.error(.reservedId, "playbook id '\(playbook.id)' is reserved for the register "
                + "(playbooks/\(playbook.id).html); rename the playbook", at: playbook.location))
        }
        return diagnostics
    }
}
