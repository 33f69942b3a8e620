import GFM

/// What SOPs and checklists grow into once snippets are pasted in and values filled in: snippets
/// that nest too deep or grow too long (`IncludeGraph`), includes that add up past the size
/// limit, tables a checklist's snippets bring, and values used past their budget in a checklist
/// (an SOP's values are counted where its views are rendered, beside its tables).
enum ExpansionChecks {
    static func check(_ pack: Pack) -> [Diagnostic] {
        let graph = IncludeGraph(snippets: pack.snippets)
        var diagnostics = graph.diagnostics
        for sop in pack.sops {
            diagnostics += graph.oversizedIncludes(in: [sop.body], name: sop.path).diagnostics
        }
        let siteValues = ValueBudget.longest(pack.sites.map { ValueCatalog.shared(pack: pack, site: $0) })
        for checklist in pack.checklists {
            let (oversized, skipped) = graph.oversizedIncludes(in: checklist.items.map(\.text), name: checklist.path)
            diagnostics += oversized
            // Items are checked expanded: only their snippets can hold a table.
            let expansions = checklist.items.map { SOPExpander.expand($0.text, graph: graph, skipped: skipped) }
            for expanded in expansions {
                for table in GFMLimits.oversizedTables(in: expanded.text) {
                    diagnostics.append(.tableTooLarge(table, at: expanded.origin(of: table.position)))
                }
                diagnostics += readerChecks(expanded, in: checklist)
            }
            if let overflow = ValueBudget.overflow(in: expansions, longest: siteValues, name: checklist.path) { diagnostics.append(overflow) }
        }
        return diagnostics
    }

    /// A checklist is printed for a site, for no role and no SOP: a role block in an item (from a
    /// snippet) would show its text to everyone, and a role's or an SOP's value would print as
    /// nothing (a link built from one, leading nowhere).
    private static func readerChecks(_ expanded: ExpandedMarkdown, in checklist: Checklist) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for block in expanded.blocks {
            diagnostics.append(.error(.misplacedBlock, "a role block in a checklist item would show its text to everyone: a checklist is printed for a site, not for a role; keep role blocks to SOPs", at: block.location))
        }
        for (index, name) in expanded.valueNames.enumerated()
        where ValueCatalog.roleValues.contains(name) || ValueCatalog.sopValues.contains(name) {
            let location = index < expanded.valueLocations.count ? expanded.valueLocations[index] : SourceLocation(path: checklist.path)
            diagnostics.append(.error(.unknownValue, "'{{\(name)}}' has no value in a checklist item: a checklist is printed for a site, not for a role or an SOP; use a pack.… or site.… value", at: location))
        }
        return diagnostics
    }
}
