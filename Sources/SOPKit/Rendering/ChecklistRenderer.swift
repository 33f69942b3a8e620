import Foundation
import GFM

/// Renders a checklist for one site as a printable HTML page, Markdown and JSON: the site record
/// first (missing facts marked), then what blocks the rollout, then the items, then sign-off.
struct ChecklistRenderer: Sendable {
    let pack: Pack
    let graph: IncludeGraph
    /// SOP ids by pack path, for items' links to SOPs (`ChecklistLinks`); the first of two SOPs with one path.
    let sopIDs: [String: String]
    /// The day it is printed for, in the page footer beside the input hash; none when nil.
    let today: CalendarDate?

    init(pack: Pack, today: CalendarDate?) {
        self.pack = pack
        self.today = today
        graph = IncludeGraph(snippets: pack.snippets)
        sopIDs = Dictionary(pack.sops.map { ($0.path, $0.id) }, uniquingKeysWith: { first, _ in first })
    }

    struct Rendered: Sendable {
        var html: String
        var markdown: String
        var json: String
    }

    /// `standalone` inlines the stylesheets, for a page saved outside the site folder.
    func render(_ checklist: Checklist, for site: Site, theme: ThemeLibrary, standalone: Bool = false) -> Rendered {
        var expansions = graph.expandedItems(of: checklist)[...]
        let siteValues = ValueCatalog.shared(pack: pack, site: site)
        // Validation reports values past the budget; the checklist then shows none.
        let fits = ValueBudget.overflow(in: Array(expansions), longest: ValueBudget.longest([siteValues]), name: checklist.path) == nil
        let values = fits ? siteValues : [:]
        let markdownValues = values.mapValues(MarkdownText.escape)
        var sectionsHTML: [ChecklistPage.Section] = []
        var sections: [ChecklistDocument.Section] = []
        for section in checklist.sections {
            var itemsHTML: [ChecklistPage.Section.Item] = []
            var items: [ChecklistDocument.Item] = []
            for item in section.items {
                guard let expanded = expansions.popFirst() else { break }
                // Trimmed already, as every check of the item read it (`ExpandedMarkdown.trimmed`).
                let source = String(expanded.text)
                let html = GFMDocument(markdown: source, options: GFMOptions(allowsRawHTML: pack.settings.unsafeHTML))
                    .render(GFMView(substitute: { expanded.substitute($0, values: values) },
                                    rewriteLink: { [sopIDs] in ChecklistLinks.rewrite($0, in: expanded, sopIDs: sopIDs) })).safeHTML
                // The JSON's text is the Markdown's: a value lands in Markdown there too, so it is
                // escaped for it (a site named `<b>` was raw HTML in the JSON's Markdown).
                let markdown = markdownText(expanded.substitute(source, values: markdownValues), page: html)
                itemsHTML.append(.init(id: item.id, html: html.inlineParagraph, markdown: MarkdownSource(text: Self.indentedAfterFirstLine(markdown))))
                items.append(.init(id: item.id, text: markdown))
            }
            sections.append(.init(title: section.title, intro: section.intro, items: items))
            sectionsHTML.append(.init(title: section.title, items: itemsHTML, hasTitle: !section.title.isEmpty, intro: section.intro))
        }
        let facts = site.rolloutFacts.map { ChecklistDocument.Fact(key: $0.field.rawValue, label: $0.label, value: $0.value) }
        let details = Self.details(of: site)
        let failing = RolloutGates.failingFacts(of: site, in: pack)
        let blocking = RolloutGates.gates(for: site, in: pack).map { ChecklistDocument.Blocking(code: $0.code, message: $0.message) }
        let document = ChecklistDocument(
            checklist: checklist.id, title: checklist.title, summary: checklist.summary, pack: pack.settings.title,
            organisation: pack.settings.organisation.isEmpty ? nil : pack.settings.organisation, inputHash: pack.inputHash,
            site: .init(id: site.id, name: site.name, facts: facts, details: details),
            blocking: blocking, sections: sections, signOff: checklist.signOff)

        let footer = PrintFooter.text([pack.settings.title, site.name, checklist.title], inputHash: pack.inputHash, today: today)
        let page = ChecklistPage(
            pageTitle: "\(checklist.title) — \(site.name)", title: checklist.title, root: "../../", homeHref: "../../index.html",
            pack: PackTitle(title: pack.settings.title, organisation: document.organisation),
            site: .init(id: site.id, name: site.name),
            facts: site.rolloutFacts.map { .init(label: $0.label, value: $0.value ?? "", missing: $0.value == nil, failing: failing[$0.field]) },
            details: details.map { .init(label: $0.label, value: $0.value ?? "") },
            blocking: blocking.map { .init(code: $0.code.rawValue, message: $0.message) }, hasBlocking: !blocking.isEmpty,
            sections: sectionsHTML, signOff: checklist.signOff.map { .init(role: $0) }, inputHash: pack.inputHash,
            footerCSS: theme.cssString(footer), summary: checklist.summary,
            inlineCSS: standalone ? theme.inlineStylesheets(["sopgen.css", "checklist.css"]) : nil)
        let html = theme.render(page)

        let markdown = theme.render(page, with: ChecklistPage.markdownTemplate)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = ((try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
        return Rendered(html: html, markdown: markdown, json: json)
    }

    /// An item's Markdown for the `.md` and `.json` versions: as written when it is one plain
    /// paragraph (`GFMDocument.isPlainParagraph`) that shows its page's text, or when the pack
    /// allows raw HTML; otherwise the text its page shows, escaped for Markdown on one line. Such
    /// an item was carried as written, raw HTML, `javascript:` links, code blocks and link
    /// definitions included, to wherever the file was rendered next, where the page showed them
    /// inert or not at all. The page's text is compared because a value in a link's title (with a
    /// `"` or `)`, which Markdown escaping leaves alone) closed the title early: the `.md` showed
    /// the rest of the value as text and lost the link (helper 53).
    private func markdownText(_ markdown: String, page: SafeHTML) -> String {
        if pack.settings.unsafeHTML { return markdown }
        let shown = Self.shownText(ofHTML: page.html)
        let document = GFMDocument(markdown: markdown)
        if document.isPlainParagraph, Self.shownText(ofHTML: document.render(GFMView()).html) == shown { return markdown }
        return MarkdownText.escape(shown)
    }

    /// An item's lines after the first indented by two spaces, into its list item: unindented, a
    /// line that cannot interrupt the paragraph alone (`3) <div onmouseover=…`, a `[a]: …`
    /// after it) closed the item in the file and began a list, an HTML block or a link definition
    /// for every item (helper 51).
    static func indentedAfterFirstLine(_ markdown: String) -> String {
        // cmark-gfm's line endings only (`\r\n` is one `Character`).
        let lines = markdown.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        guard lines.count > 1 else { return markdown }
        return lines.enumerated().map { $0 == 0 || $1.isEmpty ? String($1) : "  " + $1 }.joined(separator: "\n")
    }

    /// The words an item's page shows, one space apart: tags dropped, entities decoded.
    static func shownText(ofHTML html: String) -> String {
        HeadingAnchors.plainText(fromHTML: html[...]).split(whereSeparator: \.isWhitespace).joined(separator: " ")
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
}
