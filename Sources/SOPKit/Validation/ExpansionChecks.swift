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
                for table in GFMLimits.defuseTables(in: expanded.text).tables {
                    diagnostics.append(.tableTooLarge(table, at: expanded.origin(of: table.position)))
                }
            }
            if let overflow = ValueBudget.overflow(in: expansions, longest: siteValues, name: checklist.path) { diagnostics.append(overflow) }
        }
        return diagnostics
    }
}
