/// `sopgen checklist`: one checklist for one site, from a pack that checks without errors.
extension Pipeline {
    public enum ChecklistFormat: String, Sendable, CaseIterable {
        case html, md, json
    }

    public enum ChecklistError: Error, CustomStringConvertible {
        case unknownSite(String, [String])
        case unknownChecklist(String, [String])

        public var description: String {
            switch self {
            case .unknownSite(let id, let known):
                return "no site '\(id)' in sites/\(Suggestion.didYouMean(id, in: known)) (sites: \(known.joined(separator: ", ")))"
            case .unknownChecklist(let id, let known):
                return "no checklist '\(id)' in checklists/\(Suggestion.didYouMean(id, in: known)) (checklists: \(known.joined(separator: ", ")))"
            }
        }
    }

    /// Nil output when the pack has errors; the result carries the diagnostics either way.
    public func checklist(site siteID: String, kind: String, format: ChecklistFormat) async throws(ChecklistError) -> (output: String?, result: Result) {
        let result = await plan()
        guard let resolved = result.resolved else { return (nil, result) }
        let pack = resolved.pack
        guard let site = pack.site(siteID) else { throw .unknownSite(siteID, pack.sites.map(\.id)) }
        guard let checklist = pack.checklists.first(where: { $0.id == kind }) else {
            throw .unknownChecklist(kind, pack.checklists.map(\.id))
        }
        guard !result.diagnostics.hasErrors else { return (nil, result) }
        let rendered = ChecklistRenderer(pack: pack).render(checklist, for: site, theme: ThemeLibrary.load(overrides: pack.templates),
                                                            standalone: true)
        switch format {
        case .html: return (rendered.html, result)
        case .md: return (rendered.markdown, result)
        case .json: return (rendered.json, result)
        }
    }
}
