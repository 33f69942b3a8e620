import GFM
import Testing
@testable import SOPKit

/// The adapter from typed models to what swift-mustache reads.
@Suite struct TemplateContextTests {
    @Test func aNilOptionalIsAbsentAndAValueIsUnwrapped() throws {
        let summary = PageModelSamples.sopSummary
        var none = summary
        none.summary = nil
        let with = try #require(TemplateContext.context(of: summary) as? [String: Any])
        let without = try #require(TemplateContext.context(of: none) as? [String: Any])
        #expect(with["summary"] as? String == summary.summary)
        #expect(without.keys.contains("summary") == false)
        #expect(Set(with.keys) == ["id", "title", "href", "surface", "audience", "summary", "flaggedBy", "reviewOverdue"])
    }

    @Test func aPageIsItsContentsFieldsThenItsChromesAsOneSet() throws {
        let page = PageModelSamples.page(PageModelSamples.sop, bodyClass: "sop")
        let context = try #require(TemplateContext.context(of: page) as? [String: Any])
        #expect(context["pageTitle"] as? String == "Support agent handbook")
        #expect(context["bodyHTML"] as? SafeHTML == PageModelSamples.html)
        #expect(context["navHTML"] as? SafeHTML == PageModelSamples.html)
        let role = try #require(context["role"] as? [String: Any])
        #expect(role["name"] as? String == "Support agent")
        #expect(context["isTrainerView"] as? Bool == false)
    }

    @Test func listsOfModelsBecomeListsOfFieldsAndListsOfTextStayText() throws {
        let context = try #require(TemplateContext.context(of: PageModelSamples.handbook) as? [String: Any])
        let sops = try #require(context["sops"] as? [[String: Any]])
        #expect(sops.first?["title"] as? String == "Handling refunds")
        #expect(context["refusals"] as? [String] == ["Refunds over £100."])
        let site = try #require(context["site"] as? [String: Any])
        #expect((site["facts"] as? [[String: Any]])?.first?["missing"] as? Bool == false)
    }

    @Test func theSameModelRendersTheSameThroughTheAdapterAsThroughMirror() throws {
        // swift-mustache reads structs by Mirror itself; the adapter must not change what it sees.
        let theme = ThemeLibrary.load(defaults: [:], overrides: [
            "t.mustache": SourceFile(path: "templates/t.mustache",
                                     text: "{{#sops}}{{title}}{{#summary}}: {{summary}}{{/summary}}{{^summary}}-{{/summary}};{{/sops}}{{{sopsHTML}}}"),
        ])
        var none = PageModelSamples.sopSummary
        none.summary = nil
        struct List { var sops: [SOPSummary] }
        let model = List(sops: [PageModelSamples.sopSummary, none])
        let direct = theme.mustache.render(model, withTemplate: "t")
        let adapted = theme.mustache.render(TemplateContext.context(of: model), withTemplate: "t")
        #expect(direct == adapted)
        #expect(adapted == "Handling refunds: When to draft a refund reply and who approves it.;Handling refunds-;")
    }
}

/// The models that list their own fields list exactly what reflection finds.
@Suite struct TemplateFieldsTests {
    static func canonical(_ value: Any) -> String {
        switch value {
        case let fields as [String: Any]:
            return "{" + fields.keys.sorted().map { "\($0): \(canonical(fields[$0]!))" }.joined(separator: ", ") + "}"
        case let list as [Any]:
            return "[" + list.map(canonical).joined(separator: ", ") + "]"
        default:
            return "\(type(of: value))(\(value))"
        }
    }

    static let models: [(String, any TemplateFields)] = [
        ("chrome", PageModelSamples.chrome(bodyClass: "sop")),
        ("pack", PageModelSamples.packTitle),
        ("pack without organisation", PackTitle(title: "Pack", organisation: nil)),
        ("role view", PageModelSamples.sop),
        ("trainer view", SOPPage(sop: .init(title: "T", id: "t"), sopHeaderHTML: .empty, bodyHTML: .empty, tocHTML: .empty,
                                 isTrainerView: true, role: nil, trainerHref: nil, previous: nil,
                                 next: .init(title: "U", href: "u.html"), hasPager: true,
                                 roleViews: [.init(id: "agent", name: "Agent", href: "../roles/agent/t.html")], hasRoleViews: true)),
        ("chrome without search", PageChrome(pageTitle: "T", root: "", bodyClass: "home", pack: PageModelSamples.packTitle,
                                             navHTML: .empty, homeHref: "index.html", search: nil)),
        ("header", PageModelSamples.sopHeader),
        ("toc", TableOfContents(toc: [.init(text: "Steps", id: "steps"), .init(text: "Done", id: "done")])),
        ("print section", PrintPage.Section(id: "refunds", headerHTML: .empty, bodyHTML: .empty)),
        ("contents entry", ContentsEntry(id: "refunds", title: "Refunds")),
        ("summary", SOPSummary(id: "refunds", title: "Refunds", href: "refunds.html", surface: "General", audience: "Agent",
                               summary: "Money back", flaggedBy: "2026-01-02", reviewOverdue: "2026-02-03")),
        ("summary without optionals", SOPSummary(id: "refunds", title: "Refunds", href: "refunds.html", surface: "General",
                                                 audience: "Agent", summary: nil, flaggedBy: nil, reviewOverdue: nil)),
    ]

    @Test(arguments: models.indices)
    func handWrittenFieldsEqualTheReflectedOnes(index: Int) {
        let (name, model) = Self.models[index]
        #expect(Self.canonical(model.templateFields) == Self.canonical(TemplateContext.fields(of: model)), "\(name)")
    }
}
