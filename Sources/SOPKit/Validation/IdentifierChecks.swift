/// Every id of a pack against the one `Identifier` rule: ids written in YAML where they are
/// written, ids taken from a file name (sites, snippets, checklists, playbooks) at that file.
enum IdentifierChecks {
    /// Folders whose files are named by their id, with the kind of thing each file holds.
    static let namedByFile: [(folder: String, fileExtension: String, kind: String)] = [
        ("sites", "yml", "site"), ("snippets", "md", "snippet"), ("checklists", "md", "checklist"),
        ("playbooks", "yml", "playbook"),
        ("automations", "yml", "automation"),
    ]

    static func check(_ pack: Pack) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func check(_ id: String, kind: String, at location: SourceLocation, fromFileName: Bool = false) {
            guard let problem = Identifier.problem(with: id) else { return }
            let message = Identifier.message(kind: kind, id, problem)
            diagnostics.append(
                .error(.invalidId, fromFileName ? message + "; rename the file" : message, at: location))
        }
        for role in pack.roles { check(role.id, kind: "role", at: role.location) }
        for policy in pack.policies { check(policy.id, kind: "policy", at: policy.location) }
        for sop in pack.sops { check(sop.id, kind: "SOP", at: sop.location) }
        for path in pack.sources.keys.sorted() {
            for (folder, fileExtension, kind) in namedByFile
            where PathText.isInside(path, folder) && PathText.hasExtension(path, fileExtension) {
                check(PackDecoder.stem(of: path), kind: kind, at: SourceLocation(path: path), fromFileName: true)
            }
        }
        return diagnostics
    }
}
