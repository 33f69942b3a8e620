import Foundation
import GFM

/// Renders a checklist for one site as a printable HTML page, Markdown and JSON: the site record
/// first (missing facts marked), then what blocks the rollout, then the items, then sign-off.
struct ChecklistRenderer: Sendable {
    let pack: Pack
    let graph: IncludeGraph

    init(pack: Pack) {
        self.pack = pack
        graph = IncludeGraph(snippets: pack.snippets)
    }

    struct Rendered: Sendable {
        var html: String
        var markdown: String
        var json: String
    }

    /// `standalone` inlines the stylesheets, for a page saved outside the site folder.
    func render(_ checklist: Checklist, for site: Site, theme: ThemeLibrary, standalone: Bool = false) -> Rendered {
        let skipped = graph.oversizedIncludes(in: checklist.items.map(\.text), name: checklist.path).skipped
        var expansions = checklist.items.map { SOPExpander.expand($0.text, graph: graph, skipped: skipped) }[...]
        let siteValues = ValueCatalog.shared(pack: pack, site: site)
        // Validation reports values past the budget; the checklist then shows none.
        let fits = ValueBudget.overflow(in: Array(expansions), longest: ValueBudget.longest([siteValues]), name: checklist.path) == nil
        let values = fits ? siteValues : [:]
        let markdownValues = values.mapValues(MarkdownText.escape)
        var sectionsHTML: [[String: Any]] = []
        var sections: [ChecklistDocument.Section] = []
        var markdownSections: [[String: Any]] = []
        for section in checklist.sections {
            var itemsHTML: [[String: String]] = []
            var items: [ChecklistDocument.Item] = []
            var markdownItems: [String] = []
            for item in section.items {
                guard let expanded = expansions.popFirst() else { break }
                let source = expanded.text.trimmingCharacters(in: .whitespacesAndNewlines)
                let html = GFMDocument(markdown: source, options: GFMOptions(allowsRawHTML: pack.settings.unsafeHTML))
                    .render(GFMView(substitute: { expanded.substitute($0, values: values) })).html
                itemsHTML.append(["id": item.id, "html": Self.inline(html)])
                items.append(.init(id: item.id, text: expanded.substitute(source, values: values)))
                markdownItems.append(expanded.substitute(source, values: markdownValues))
            }
            sections.append(.init(title: section.title, intro: section.intro, items: items))
            var sectionContext: [String: Any] = ["title": section.title, "items": itemsHTML, "hasTitle": !section.title.isEmpty]
            if let intro = section.intro { sectionContext["intro"] = intro }
            sectionsHTML.append(sectionContext)
            var markdownSection: [String: Any] = ["title": MarkdownText.escape(section.title), "items": markdownItems, "hasTitle": !section.title.isEmpty]
            if let intro = section.intro { markdownSection["intro"] = MarkdownText.escape(intro) }
            markdownSections.append(markdownSection)
        }
        let facts = site.rolloutFacts.map { ChecklistDocument.Fact(key: $0.key, label: $0.label, value: $0.value) }
        let details = Self.details(of: site)
        let blocking = RolloutGates.gates(for: site, in: pack).map { ChecklistDocument.Blocking(code: $0.code, message: $0.message) }
        let document = ChecklistDocument(
            checklist: checklist.id, title: checklist.title, summary: checklist.summary, pack: pack.settings.title,
            organisation: pack.settings.organisation.isEmpty ? nil : pack.settings.organisation, inputHash: pack.inputHash,
            site: .init(id: site.id, name: site.name, facts: facts, details: details),
            blocking: blocking, sections: sections, signOff: checklist.signOff)

        let footer = "\(pack.settings.title) · \(site.name) · \(checklist.title) · inputs \(pack.inputHash)"
        var context: [String: Any] = [
            "pageTitle": "\(checklist.title) — \(site.name)",
            "title": checklist.title,
            "root": "../../",
            "homeHref": "../../index.html",
            "pack": pack.settings.organisation.isEmpty ? ["title": pack.settings.title] : ["title": pack.settings.title, "organisation": pack.settings.organisation],
            "site": ["id": site.id, "name": site.name],
            "facts": facts.map { ["label": $0.label, "value": $0.value ?? "", "missing": $0.value == nil] as [String: Any] },
            "details": details.map { ["label": $0.label, "value": $0.value ?? ""] },
            "blocking": blocking.map { ["code": $0.code, "message": $0.message] },
            "hasBlocking": !blocking.isEmpty,
            "sections": sectionsHTML,
            "signOff": checklist.signOff.map { ["role": $0] },
            "inputHash": pack.inputHash,
            "footerCSS": CSSText.string(footer),
        ]
        if let summary = checklist.summary { context["summary"] = summary }
        if standalone {
            context["inlineCSS"] = ["sopgen.css", "checklist.css"].compactMap { theme.assets[$0] }
                .map { String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "</", with: "<\\/") }.joined(separator: "\n")
        }
        let html = theme.render(context, with: "checklist")

        var markdownContext = context
        markdownContext["title"] = MarkdownText.escape(checklist.title)
        markdownContext["site"] = ["id": site.id, "name": MarkdownText.escape(site.name)]
        markdownContext["pack"] = ["title": MarkdownText.escape(pack.settings.title)]
        markdownContext["facts"] = facts.map { ["label": $0.label, "value": $0.value.map(MarkdownText.escape) ?? "", "missing": $0.value == nil] as [String: Any] }
        markdownContext["details"] = details.map { ["label": $0.label, "value": MarkdownText.escape($0.value ?? "")] }
        markdownContext["blocking"] = blocking.map { ["message": MarkdownText.escape($0.message)] }
        markdownContext["sections"] = markdownSections
        markdownContext["signOff"] = checklist.signOff.map { ["role": MarkdownText.escape($0)] }
        markdownContext["summary"] = checklist.summary.map(MarkdownText.escape)
        let markdown = theme.render(markdownContext, with: "checklist.md")

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = ((try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
        return Rendered(html: html, markdown: markdown, json: json)
    }

    /// What else the record holds beyond the seven facts, when present.
    static func details(of site: Site) -> [ChecklistDocument.Fact] {
        var details: [ChecklistDocument.Fact] = []
        func add(_ key: String, _ label: String, _ value: String?) {
            if let value, !value.isEmpty { details.append(.init(key: key, label: label, value: value)) }
        }
        add("woocommerce_version", "WooCommerce", site.woocommerceVersion)
        add("environment_type", "Environment", site.environmentType)
        add("providers", "AI providers", site.providers.map { provider in
            provider.name + (provider.model.map { " \($0)" } ?? "") + ", credentials: " + (provider.credentialsOwner ?? "no owner named")
        }.joined(separator: "; "))
        add("knowledge_base_sources", "Knowledge Base", site.knowledgeBaseSources.joined(separator: "; "))
        add("order_statuses", "Order statuses", site.orderStatuses.joined(separator: ", "))
        add("coupon_rules", "Coupon rules", site.couponRules.joined(separator: "; "))
        add("support_owner", "Support owner", site.supportOwner)
        add("rollback", "Rollback path", site.rollbackSummary)
        return details
    }

    /// A one-paragraph fragment without its `<p>` wrapper, so it sits inside a list item.
    static func inline(_ html: String) -> String {
        var text = html.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("<p>"), text.hasSuffix("</p>"), text.components(separatedBy: "<p>").count == 2 {
            text = String(text.dropFirst(3).dropLast(4))
        }
        return text
    }
}
