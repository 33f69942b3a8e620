import GFM
import Testing
@testable import SOPKit

/// The adapter from typed models to what swift-mustache reads.
@Suite struct TemplateContextTests {
    @Test func aNilOptionalIsAbsentAndAValueIsUnwrapped() throws {
        let summary = PageModelSamples.sopSummary
        var none = summary
        none.summary = nil
        let with = try #require(TemplateContext.context(of: summary) as? TemplateObject)
        let without = try #require(TemplateContext.context(of: none) as? TemplateObject)
        #expect((with["summary"] as? TemplateText)?.text == summary.summary)
        #expect(without.names.contains("summary") == false)
        #expect(Set(with.names) == ["id", "title", "href", "surface", "audience", "summary", "flaggedBy", "reviewOverdue"])
    }

    @Test func aPageIsItsContentsFieldsThenItsChromesAsOneSet() throws {
        let page = PageModelSamples.page(PageModelSamples.sop, bodyClass: "sop")
        let context = try #require(TemplateContext.context(of: page) as? TemplateObject)
        #expect((context["pageTitle"] as? TemplateText)?.text == "Support agent handbook")
        #expect((context["bodyHTML"] as? TemplateHTML)?.safeHTML == PageModelSamples.html)
        #expect((context["navHTML"] as? TemplateHTML)?.safeHTML == PageModelSamples.html)
        let role = try #require(context["role"] as? TemplateObject)
        #expect((role["name"] as? TemplateText)?.text == "Support agent")
        #expect(context["isTrainerView"] as? Bool == false)
    }

    @Test func listsOfModelsBecomeListsOfFieldsAndListsOfTextStayText() throws {
        let context = try #require(TemplateContext.context(of: PageModelSamples.handbook) as? TemplateObject)
        let sops = try #require(context["sops"] as? [TemplateObject])
        #expect((sops.first?["title"] as? TemplateText)?.text == "Handling refunds")
        #expect(context["refusals"] as? [String] == ["Refunds over £100."])
        let site = try #require(context["site"] as? TemplateObject)
        #expect((site["facts"] as? [TemplateObject])?.first?["missing"] as? Bool == false)
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

/// Text handed to swift-mustache as `TemplateText` renders as the `String` would, in every way a
/// template can use it.
@Suite struct TemplateTextTests {
    static let template = """
        [{{title}}][{{{title}}}][{{#title}}<{{.}}>{{/title}}][{{^title}}none{{/title}}][{{title.count}}][{{title.x}}]\
        [{{uppercased(title)}}][{{capitalized(title)}}][{{reversed(title)}}][{{empty(title)}}][{{#empty(blank)}}E{{/empty(blank)}}]\
        [{{#list}}{{.}},{{/list}}][{{#sorted(list)}}{{.}},{{/sorted(list)}}][{{#title}}{{inner}}{{/title}}][{{blank}}]
        {{%CONTENT_TYPE: TEXT}}[{{title}}]
        """

    @Test func aWrappedStringRendersAsThePlainOne() {
        let theme = ThemeLibrary.load(defaults: [:], overrides: [
            "t.mustache": SourceFile(path: "templates/t.mustache", text: Self.template),
        ])
        let plain: [String: Any] = ["title": "a <b> & 'c' é", "blank": "", "list": ["b", "a"], "inner": "in"]
        let wrapped: [String: Any] = ["title": TemplateText("a <b> & 'c' é"), "blank": TemplateText(""), "list": ["b", "a"],
                                      "inner": TemplateText("in")]
        let expected = theme.mustache.render(plain, withTemplate: "t")
        #expect(expected?.contains("A &lt;B&gt;") == true)
        #expect(theme.mustache.render(wrapped, withTemplate: "t") == expected)
    }

    /// The one use of a field that needs a real `String`, a partial named by it, never reaches
    /// swift-mustache: the theme checks refuse the template.
    @Test func aPartialNamedByAFieldIsRefused() {
        let theme = ThemeLibrary.load(defaults: [:], overrides: [
            "t.mustache": SourceFile(path: "templates/t.mustache", text: "[{{>*which}}]"),
            "one.mustache": SourceFile(path: "templates/one.mustache", text: "ONE"),
        ])
        #expect(theme.diagnostics.map(\.code).first == .dynamicPartial)
        #expect(theme.mustache.getTemplate(named: "t") == nil)
    }
}

/// The models that list their own fields list exactly what reflection finds.
@Suite struct TemplateFieldsTests {
    static func canonical(_ value: Any) -> String {
        switch value {
        case let fields as TemplateObject:
            #expect(Set(fields.names).count == fields.names.count, "a name twice")
            return "{" + fields.names.sorted().map { "\($0): \(canonical(fields[$0]!))" }.joined(separator: ", ") + "}"
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
        ("sign-off line", SignOffPage.SOPLine(id: "refunds", title: "Refunds", lastReviewed: "2026-01-02", reviewCadence: "annual")),
        ("navigation", Navigation(sections: [
            .init(title: "Handbooks", href: "", isLink: false, isPage: false, isArea: true, links: [
                .init(name: "Agent", href: "roles/agent/index.html", isPage: true, isArea: false),
                .init(name: "Lead", href: "roles/lead/index.html", isPage: false, isArea: false),
            ]),
            .init(title: "Trainer view", href: "trainer/index.html", isLink: true, isPage: false, isArea: false, links: []),
        ])),
        ("bundled navigation", PageModelSamples.navigation),
        ("handbook", PageModelSamples.handbook),
        ("handbook without a site", { var page = PageModelSamples.handbook; page.site = nil; return page }()),
        ("print", PageModelSamples.print),
        ("print without a site", { var page = PageModelSamples.print; page.site = nil; return page }()),
        ("summary without optionals", SOPSummary(id: "refunds", title: "Refunds", href: "refunds.html", surface: "General",
                                                 audience: "Agent", summary: nil, flaggedBy: nil, reviewOverdue: nil)),
    ]

    @Test(arguments: models.indices)
    func handWrittenFieldsEqualTheReflectedOnes(index: Int) {
        let (name, model) = Self.models[index]
        #expect(Self.canonical(model.templateFields) == Self.canonical(TemplateContext.fields(of: model)), "\(name)")
    }
}
