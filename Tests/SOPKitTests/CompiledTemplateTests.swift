import Foundation
@testable import GFM
import Mustache
import Testing
@testable import SOPKit

/// The compiled renderer (`CompiledTemplate`, `CompiledRenderer`) against swift-mustache, byte for
/// byte: on every page real builds make, on thousands of random templates and contexts, and on a
/// template outside its subset, which must render by swift-mustache.
@Suite(.serialized) struct CompiledTemplateTests {
    static let packs = ["harbour-mini", "agency-overrides", "agency-source", "client-target", "mistakes"]

    /// Every page of the bundled pack and of each fixture pack, rendered by both engines.
    @Test func bothEnginesWriteTheSameBytesForEveryPageOfEveryPack() async throws {
        let comparison = TemplateEngineComparison.shared
        comparison.start()
        var built = 0
        var themes: [ThemeLibrary] = []
        for pack in [TestPaths.bundledPack] + Self.packs.filter({ $0 != "mistakes" }).map(TestPaths.fixturePack) {
            let result = await Build.plan(pack)
            if let plan = result.plan, !plan.files.isEmpty { built += 1 }
            if let theme = result.resolved?.pack.theme { themes.append(theme) }
        }
        // Every template a build does not render (the review report, the Markdown checklist) over
        // the sample models.
        let theme = ThemeLibrary.load(defaults: InMemoryPack.defaultTheme, overrides: [:])
        for (template, _, model) in PageModelSamples.templates {
            _ = theme.renderTemplate(TemplateContext.context(of: model), named: template)
        }
        themes.append(theme)
        let (recorded, differences) = comparison.stop()
        let tallies = Self.tallies(recorded, of: themes)
        #expect(built >= 4, "packs built: \(built)")
        for difference in differences.prefix(3) {
            Issue.record("\(Self.describe(difference))")
        }
        #expect(differences.count == 0)
        // Each template of the bundled theme that a page names ran compiled, never falling back.
        // (The layout is every page's parent, never a page's own template.)
        for template in ThemeLibrary.pageTemplates where template != "layout" {
            let tally = tallies[template] ?? .init()
            #expect(tally.compared > 0, "\(template) never rendered compiled: \(tally)")
            #expect(tally.fellBack == 0, "\(template) fell back to swift-mustache: \(tally)")
        }
        #expect(tallies["sop", default: .init()].compared > 20)

        // The mistakes pack's theme breaks every rule: its pages fall back, with the same bytes.
        comparison.start()
        let mistakes = await Build.plan(TestPaths.fixturePack("mistakes"))
        let (mistakesRecorded, mistakeDifferences) = comparison.stop()
        let mistakeTallies = Self.tallies(mistakesRecorded, of: [mistakes.resolved?.pack.theme].compactMap { $0 })
        #expect(mistakes.diagnostics.hasErrors)
        #expect(mistakeDifferences.count == 0, "\(mistakeDifferences.prefix(1).map(Self.describe))")
        #expect(mistakeTallies["nav", default: .init()].fellBack > 0, "\(mistakeTallies)")
        #expect(mistakeTallies["sop", default: .init()].compared > 0, "\(mistakeTallies)")
    }

    /// Every template of the bundled theme and of each fixture pack's `templates/` is compiled:
    /// they are all inside the subset.
    @Test func everyThemeTemplateIsCompiled() throws {
        let defaults = InMemoryPack.defaultTheme
        let bundled = ThemeLibrary.load(defaults: defaults, overrides: [:])
        let names = defaults.keys.filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }
        #expect(names.count >= 20)
        for name in names {
            #expect(bundled.compiled.template(named: name) != nil, "\(name) not compiled")
        }
        for pack in Self.packs {
            let folder = TestPaths.fixturePack(pack).appendingPathComponent("templates")
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            var overrides: [String: SourceFile] = [:]
            for file in files where file.hasSuffix(".mustache") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                overrides[file] = SourceFile(path: "templates/\(file)", text: text)
            }
            let theme = ThemeLibrary.load(defaults: defaults, overrides: overrides)
            for file in overrides.keys {
                let name = String(file.dropLast(".mustache".count))
                // The mistakes pack's templates are each refused (a loop, too deep), unparsable,
                // name a partial the theme lacks (`home`) or a dynamic one (`nav`): none is
                // compiled, and their pages render as swift-mustache renders them (or not at all).
                let expected = pack != "mistakes"
                #expect((theme.compiled.template(named: name) != nil) == expected, "\(pack): \(name)")
            }
        }
    }

    /// A pack template with a transform (`{{count(toc)}}`) is rendered by swift-mustache, and so is
    /// every template that reaches it as a partial; the rest stay compiled.
    @Test func aTemplateOutsideTheSubsetRendersBySwiftMustache() throws {
        let toc = """
            <p>{{count(toc)}} headings</p>
            {{#toc}}
              <a href="#{{id}}">{{text}}</a>
            {{/toc}}

            """
        let pager = "{{>toc}}\n{{#next}}{{title}}{{/next}}\n"
        let theme = ThemeLibrary.load(defaults: InMemoryPack.defaultTheme,
                                      overrides: ["toc.mustache": SourceFile(path: "templates/toc.mustache", text: toc),
                                                  "pager.mustache": SourceFile(path: "templates/pager.mustache", text: pager)])
        #expect(theme.diagnostics.isEmpty, "\(theme.diagnostics)")
        #expect(theme.compiled.template(named: "toc") == nil)
        #expect(theme.compiled.template(named: "pager") == nil)
        #expect(theme.compiled.template(named: "sop-header") != nil)
        let model = TableOfContents(toc: [.init(text: "Before <you> start", id: "before"), .init(text: "Étape", id: "etape")])
        let comparison = TemplateEngineComparison.shared
        comparison.start()
        let html = theme.fragment(model).html
        let (recorded, differences) = comparison.stop()
        let tallies = Self.tallies(recorded, of: [theme])
        #expect(html == "<p>2 headings</p>\n  <a href=\"#before\">Before &lt;you&gt; start</a>\n  <a href=\"#etape\">Étape</a>\n")
        #expect(tallies["toc"] == .init(compared: 0, fellBack: 1))
        #expect(differences.isEmpty)
    }

    /// A value the compiled renderer does not know (here a `Double`) sends the page to
    /// swift-mustache, which writes it as it always did.
    @Test func aValueOfAnUnknownTypeRendersBySwiftMustache() throws {
        let library = try Self.library(["main": "{{#a}}<{{b}}>{{/a}}{{c}}"])
        let compiled = CompiledTheme(library: library, names: ["main"])
        let template = try #require(compiled.template(named: "main"))
        let context: TemplateObject = ["a": true, "b": TemplateText("x"), "c": 2.5]
        #expect(throws: CompiledRenderer.Unsupported.self) { try CompiledRenderer.render(template, in: compiled, object: context) }
        let theme = ThemeLibrary(mustache: library, compiled: compiled, assets: [:], diagnostics: [])
        #expect(theme.renderTemplate(context, named: "main") == "<x>2.5")
        let known: TemplateObject = ["a": true, "b": TemplateText("x"), "c": 2]
        #expect(try String(decoding: CompiledRenderer.render(template, in: compiled, object: known), as: UTF8.self) == "<x>2")
    }

    /// Thousands of random templates (text with line breaks and spaces, escaped and raw variables,
    /// dotted names, `{{.}}`, nested sections, partials and parents on lines of their own, indented,
    /// comments, content types, set delimiters) over random contexts: the compiled renderer writes swift-mustache's
    /// bytes, or declines (a value it does not know); a template outside the subset is not compiled.
    @Test func randomTemplatesRenderAsSwiftMustacheRendersThem() throws {
        MarkdownContentType.registered
        ThemeHTMLContentType.registered
        var random = SplitMix64(state: 0x5eed_c0de)
        var compared = 0, declined = 0, outside = 0, unparsed = 0, indentedPartials = 0
        for round in 0..<3_000 {
            var generator = TemplateGenerator(random: random)
            let useOutside = round % 10 == 9
            var sources: [String: String] = [:]
            sources["p3"] = generator.template(depth: 2, partials: [], outside: false)
            sources["p2"] = generator.template(depth: 2, partials: ["p3"], outside: false, blocks: true)
            sources["p1"] = generator.template(depth: 2, partials: ["p2", "p3"], outside: false, blocks: true)
            sources["main"] = generator.template(depth: 3, partials: ["p1", "p2", "p3"], outside: useOutside)
            random = generator.random
            guard let library = try? Self.library(sources) else {
                unparsed += 1
                continue
            }
            let compiled = CompiledTheme(library: library, names: Array(sources.keys))
            guard let template = compiled.template(named: "main") else {
                #expect(useOutside, "not compiled:\n\(sources["main"]!)")
                outside += 1
                continue
            }
            if sources["main"]!.contains(">p"), sources["main"]!.contains("\n  {{>p") { indentedPartials += 1 }
            for _ in 0..<3 {
                let context = generator.context(depth: 3)
                random = generator.random
                let expected = library.render(context, withTemplate: "main") ?? ""
                guard let bytes = try? CompiledRenderer.render(template, in: compiled, object: context) else {
                    declined += 1
                    continue
                }
                compared += 1
                if bytes != Array(expected.utf8) {
                    Issue.record("""
                        round \(round): templates \(sources)
                        compiled:    \(String(decoding: bytes, as: UTF8.self).debugDescription)
                        swift-mustache: \(expected.debugDescription)
                        """)
                    return
                }
            }
        }
        // The test means something only if most renders went through the compiled renderer.
        #expect(compared > 5_000, "compared \(compared), declined \(declined), outside \(outside), unparsed \(unparsed)")
        #expect(outside > 200)
        #expect(indentedPartials > 100)
    }

    /// What the renders with `themes` did, by template (other tests render beside this one).
    static func tallies(_ recorded: [ObjectIdentifier: [String: TemplateEngineComparison.Tally]],
                        of themes: [ThemeLibrary]) -> [String: TemplateEngineComparison.Tally] {
        var tallies: [String: TemplateEngineComparison.Tally] = [:]
        for identity in Set(themes.map { ObjectIdentifier($0.compiled.identity) }) {
            for (template, tally) in recorded[identity] ?? [:] {
                tallies[template, default: .init()].compared += tally.compared
                tallies[template, default: .init()].fellBack += tally.fellBack
            }
        }
        return tallies
    }

    /// Where two renderings part, with some bytes either side.
    static func describe(_ difference: TemplateEngineComparison.Difference) -> String {
        let compiled = Array(difference.compiled.utf8), mustache = Array(difference.mustache.utf8)
        let offset = zip(compiled, mustache).prefix { $0 == $1 }.count
        func window(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(offset - 80, 0)..<min(offset + 80, bytes.count)], as: UTF8.self).debugDescription
        }
        return "\(difference.template) differs at byte \(offset):\ncompiled       \(window(compiled))\nswift-mustache \(window(mustache))"
    }

    /// A swift-mustache library of `sources`, as the theme compiler registers them: each starting
    /// in sopgen's HTML escaping (`ThemeHTMLContentType.pragma`), not swift-mustache's own.
    static func library(_ sources: [String: String]) throws -> MustacheLibrary {
        MarkdownContentType.registered
        ThemeHTMLContentType.registered
        var library = MustacheLibrary()
        for (name, text) in sources {
            library.register(try MustacheTemplate(string: ThemeHTMLContentType.pragma + text), named: name)
        }
        return library
    }
}

/// Random Mustache templates of the subset sopgen's themes use (and a few outside it), and random
/// contexts of the values `TemplateContext` makes.
struct TemplateGenerator {
    var random: SplitMix64

    static let names = ["a", "b", "c", "a.b", "b.c", "c.a", ".", ".a", "html", "text", "a.html", "x"]
    static let texts = ["", "a", "b c", " ", "  ", "\t", "<&>", "\"q'", "é", "e\u{301}", "<\u{301}", "日本", "\n", "\r\n", "x\n", "\n  ", "1. ", "- ", "*_`|", "&amp;"]
    static let pragmas = ["{{% CONTENT_TYPE: SOPGEN_HTML}}", "{{%CONTENT_TYPE:TEXT}}", "{{% CONTENT_TYPE: MARKDOWN}}", "{{% CONTENT_TYPE: HTML}}"]

    mutating func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &random)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    /// A template: `partials` are the names it may include; `blocks` gives it block expansions
    /// (`{{$name}}…{{/name}}`) a parent's child can override.
    mutating func template(depth: Int, partials: [String], outside: Bool, blocks: Bool = false) -> String {
        var text = chance(30) ? pick(Self.pragmas) + pick(["\n", "", " \n"]) : ""
        text += content(depth: depth, partials: partials, blocks: blocks)
        if outside {
            text += pick(["{{count(a)}}", "{{#first(a)}}x{{/first(a)}}", "{{>*a}}", "{{<*a}}{{/*a}}"])
            text += content(depth: 1, partials: partials, blocks: false)
        }
        return text
    }

    mutating func content(depth: Int, partials: [String], blocks: Bool) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...6, using: &random) {
            text += piece(depth: depth, partials: partials, blocks: blocks)
        }
        return text
    }

    /// Where a tag goes: mid-line, or on a line of its own with spaces around it.
    mutating func placed(_ tag: String) -> String {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return "\n" + String(repeating: " ", count: Int.random(in: 0...3, using: &random)) + tag + pick(["", " ", "\t"]) + pick(["\n", "\r\n"])
        case 1: return pick(["", " "]) + tag + "\n"
        default: return tag
        }
    }

    mutating func piece(depth: Int, partials: [String], blocks: Bool) -> String {
        let name = pick(Self.names)
        switch Int.random(in: 0..<14, using: &random) {
        case 0, 1: return pick(Self.texts)
        case 2: return placed(pick(["{{\(name)}}", "{{ \(name) }}"]))
        case 3: return placed(pick(["{{{\(name)}}}", "{{&\(name)}}"]))
        case 4, 5, 6:
            guard depth > 0 else { return "{{\(name)}}" }
            let section = pick(["a", "b", "c", "a.b", "x", "."])
            let sigil = pick(["#", "^"])
            return placed("{{\(sigil)\(section)}}") + content(depth: depth - 1, partials: partials, blocks: blocks) + placed("{{/\(section)}}")
        case 7, 8:
            guard let partial = partials.isEmpty ? nil : pick(partials) else { return pick(Self.texts) }
            if chance(30) {
                // A parent with block overrides (which an outer parent's override of the same
                // block beats).
                var text = placed("{{<\(partial)}}")
                for block in ["b1", "b2"] where chance(60) {
                    text += placed("{{$\(block)}}") + content(depth: depth - 1 < 0 ? 0 : depth - 1, partials: [], blocks: false) + placed("{{/\(block)}}")
                }
                return text + placed("{{/\(partial)}}")
            }
            return "\n" + String(repeating: " ", count: Int.random(in: 0...3, using: &random)) + "{{>\(partial)}}" + pick(["\n", " \n", "", "x"])
        case 9: return placed("{{! a comment }}")
        case 10 where blocks:
            let block = pick(["b1", "b2"])
            return placed("{{$\(block)}}") + content(depth: max(depth - 1, 0), partials: [], blocks: false) + placed("{{/\(block)}}")
        case 11: return placed(pick(Self.pragmas))
        case 12 where chance(10):
            // New delimiters: swift-mustache's parse, which the compiled tree is read from.
            return placed("{{=<% %>=}}") + "<%a%><%#b%>[<%.%>]<%/b%>" + placed("<%={{ }}=%>")
        default: return pick(Self.texts) + "\n"
        }
    }

    /// A random context value.
    mutating func value(depth: Int) -> Any {
        switch Int.random(in: 0..<(depth > 0 ? 13 : 8), using: &random) {
        case 0, 1: return TemplateText(pick(Self.texts) + pick(Self.texts))
        case 2: return TemplateHTML(SafeHTML(trusted: pick(Self.texts)))
        case 3: return chance(50)
        case 4: return pick([0, 1, -3, 42])
        case 5: return MarkdownSource(text: pick(Self.texts))
        case 6: return pick(Self.texts)
        case 7: return [String]()
        case 8: return context(depth: depth - 1)
        case 9: return (0..<Int.random(in: 0...3, using: &random)).map { _ in value(depth: depth - 1) } as [Any]
        case 10: return (0..<Int.random(in: 0...3, using: &random)).map { _ in context(depth: depth - 1) }
        case 11: return TemplateObject()
        default: return (0..<Int.random(in: 1...3, using: &random)).map { _ in pick(Self.texts) }
        }
    }

    mutating func context(depth: Int) -> TemplateObject {
        let object = TemplateObject()
        for name in ["a", "b", "c", "html", "text"] where chance(name.count == 1 ? 75 : 20) {
            object[name] = value(depth: depth)
        }
        return object
    }
}
