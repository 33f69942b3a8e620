import Foundation
import GFM
import Testing
@testable import SOPKit

/// The search index on values: sections cut from rendered views, shared once between views when
/// every reader sees them alike outside any role block, each role's own text kept to its own index,
/// and the files escaped for any script context.
@Suite struct SearchIndexTests {
    static func rendering(_ html: String, _ headings: [(Int, String, String)]) -> GFMRendering {
        GFMRendering(html: html, headings: headings.map { GFMHeading(level: $0.0, id: $0.1, text: $0.2) })
    }

    @Test func aViewIsCutAtEveryHeadingIntoPlainText() {
        let view = Self.rendering("""
            <p>Before &amp; after <strong>bold</strong>.</p>
            <h2 id="steps">Steps &lt;1&gt;</h2>
            <ol>
            <li>One</li>
            <li>Two</li>
            </ol>
            <h3 id="detail">Detail</h3>
            <p>Deep.</p>
            <h2 id="empty">Empty</h2>

            """, [(2, "steps", "Steps <1>"), (3, "detail", "Detail"), (2, "empty", "Empty")])
        let sections = SectionSplitter.sections(of: view, sopID: "guide")
        #expect(sections.sections == [
            SearchSection(sopID: "guide", anchor: "", heading: "", text: "Before & after bold."),
            SearchSection(sopID: "guide", anchor: "steps", heading: "Steps <1>", text: "One Two"),
            SearchSection(sopID: "guide", anchor: "detail", heading: "Detail", text: "Deep."),
            SearchSection(sopID: "guide", anchor: "empty", heading: "Empty", text: ""),
        ])
        #expect(sections.inRoleBlock.isEmpty)
    }

    @Test func roleBlockLabelsAreLeftOutAndTheirSectionsMarked() {
        let trainer = Self.rendering("""
            <p>Intro.</p>
            <aside class="role-block role-block-for" data-roles="agent">
            <p class="role-block-label">Only for: Agent</p>
            <p>Agent only.</p>
            <h2 id="inside">Inside</h2>
            <p>Still the agent's.</p>
            </aside>
            <h2 id="after">After</h2>
            <p>Everyone.</p>

            """, [(2, "inside", "Inside"), (2, "after", "After")])
        let sections = SectionSplitter.sections(of: trainer, sopID: "guide")
        #expect(sections.sections.map(\.text) == ["Intro. Agent only.", "Still the agent's.", "Everyone."])
        #expect(sections.inRoleBlock == ["", "inside"])
    }

    @Test func sectionsEveryReaderSeesAlikeAreKeptOnceAndTheRestPerView() {
        func section(_ anchor: String, _ text: String) -> SearchSection {
            SearchSection(sopID: "guide", anchor: anchor, heading: anchor.capitalized, text: text)
        }
        let shared = section("steps", "Do this.")
        let trainer = ViewSections(sections: [section("", "Intro. Agent only. Admin only."), shared, section("lonely", "Only one.")],
                                   inRoleBlock: [""])
        var index = SearchIndex()
        index.add(sopID: "guide", title: "Guide", trainer: trainer, readers: [
            ("agent", ViewSections(sections: [section("", "Intro. Agent only."), shared, section("lonely", "Only one.")])),
            ("admin", ViewSections(sections: [section("", "Intro. Admin only."), shared])),
        ])
        #expect(index.common == [shared])
        #expect(index.trainer.common == [0])
        #expect(index.trainer.own == [section("", "Intro. Agent only. Admin only."), section("lonely", "Only one.")])
        #expect(index.view(.role("agent")).own == [section("", "Intro. Agent only."), section("lonely", "Only one.")])
        #expect(index.view(.role("admin")).own == [section("", "Intro. Admin only.")])
        #expect(index.view(.role("admin")).titles == ["guide": "Guide"])
        // No view holds another role's block, shared or its own.
        let adminText = (index.view(.role("admin")).common.map { index.common[$0] } + index.view(.role("admin")).own).map(\.text)
        #expect(!adminText.contains { $0.contains("Agent only") })
        #expect(index.view(.role("nobody")) == SearchIndex.View())
    }

    @Test func appendingKeepsEachViewPointingAtItsOwnSharedSections() {
        func one(_ id: String) -> SearchIndex {
            let section = SearchSection(sopID: id, anchor: "", heading: "", text: "Text of \(id).")
            var index = SearchIndex()
            index.add(sopID: id, title: id, trainer: ViewSections(sections: [section]), readers: [("agent", ViewSections(sections: [section]))])
            return index
        }
        var index = one("a")
        index.append(one("b"))
        #expect(index.common.map(\.sopID) == ["a", "b"])
        #expect(index.view(.role("agent")).common == [0, 1])
        #expect(index.trainer.titles == ["a": "a", "b": "b"])
    }

    @Test func everyStringIsEscapedForAnyScriptContext() {
        let hostile = "</script><!-- \"quote\" \\ back\u{2028}line\u{2029}para\u{7}&amp;"
        let literal = SearchIndexScript.string(hostile)
        #expect(literal == #""\u003c/script\u003e\u003c!-- \"quote\" \\ back\u2028line\u2029para\u0007\u0026amp;""#)
        for forbidden in ["<", ">", "&", "\u{2028}", "\u{2029}", "\u{7}"] { #expect(!literal.contains(forbidden)) }
        // It is JSON too: it reads back as the text it was.
        let decoded = try? JSONDecoder().decode(String.self, from: Data(literal.utf8))
        #expect(decoded == hostile)
    }

    @Test func theFilesAssignDataAndListOneEntryALine() {
        let section = SearchSection(sopID: "guide", anchor: "steps", heading: "Steps", text: "Do </script> this.")
        var index = SearchIndex()
        index.add(sopID: "guide", title: "Guide", trainer: ViewSections(sections: [section]),
                  readers: [("agent", ViewSections(sections: [section]))])
        let common = SearchIndexScript.common(index)
        #expect(common.contains("(window.sopgenSearch = window.sopgenSearch || {}).common = [\n[\"guide\",\"steps\",\"Steps\",\"Do \\u003c/script\\u003e this.\"]\n];\n"))
        let view = SearchIndexScript.view(index, .role("agent"))
        #expect(view.contains("\"folder\": \"roles/agent/\""))
        #expect(view.contains("\"titles\": [\n[\"guide\",\"Guide\"]\n]"))
        #expect(view.contains("\"common\": [0]"))
        #expect(SearchIndexScript.view(index, .trainer).contains("\"folder\": \"sops/\""))
    }

    /// `common.js` as a build appends it, batch by batch, the shared sections handed on and
    /// dropped from the index after each (`takeCommon`): one entry a line, a comma between entries
    /// and none after the last, whatever the batches hold (none, one, a batch without a shared
    /// section first or in the middle); the views' indexes go on counting the sections handed on.
    @Test(arguments: [[Int](), [0], [1], [0, 2, 0, 1], [3, 0, 0, 4]])
    func theSharedSectionsFileAppendedBatchByBatchIsTheWholeFile(_ batches: [Int]) {
        var whole = SearchIndex()
        var appended = SearchIndexScript.commonOpening
        var built = SearchIndex()
        var next = 0
        for count in batches {
            var batch = SearchIndex()
            for _ in 0..<count {
                let section = SearchSection(sopID: "s\(next)", anchor: "", heading: "", text: "T\(next)")
                batch.add(sopID: "s\(next)", title: "S\(next)", trainer: ViewSections(sections: [section]),
                          readers: [("agent", ViewSections(sections: [section]))])
                next += 1
            }
            whole.append(batch)
            built.append(batch)
            let first = built.commonHandedOn == 0
            appended += SearchIndexScript.commonEntries(built.takeCommon()[...], first: first)
        }
        appended += SearchIndexScript.commonClosing
        let entries = (0..<next).map { "[\"s\($0)\",\"\",\"\",\"T\($0)\"]" }.joined(separator: ",\n")
        let expected = "/* sopgen search index: generated, do not edit. */\n(window.sopgenSearch = window.sopgenSearch || {}).common = [\n"
            + entries + "\n];\n"
        #expect(String(decoding: appended, as: UTF8.self) == expected)
        #expect(SearchIndexScript.common(whole) == expected)
        #expect(built.common.isEmpty && built.commonHandedOn == next)
        #expect(SearchIndexScript.view(built, .role("agent")) == SearchIndexScript.view(whole, .role("agent")))
        #expect(built.view(.role("agent")).common == Array(0..<next))
    }

    /// Through the render stage on a pack in memory: a role's index holds its own block and not
    /// the other role's; the trainer view's holds both; the files are where the pages load them.
    @Test func aRolesIndexHoldsItsBlocksAndNeverAnotherRoles() async throws {
        let files = PackFiles.pack(PackFiles.sop(body: """
            Shared words for everyone.

            ::: for admin
            Purple admin secret handshake.
            :::

            ::: for agent
            Orange agent escalation phrase.
            :::

            ## Steps

            Common steps.
            """))
        let (pack, decoded) = await PackDecoder().decode(InMemoryPack.loaded(files))
        #expect(!decoded.hasErrors, "\(decoded)")
        let (plan, _) = await SiteRenderer().render(PackResolver().resolve(pack))
        let agent = try #require(plan.text("search/roles/agent.js"))
        let admin = try #require(plan.text("search/roles/admin.js"))
        let trainer = try #require(plan.text("search/trainer.js"))
        let common = try #require(plan.text("search/common.js"))
        #expect(agent.contains("Orange agent") && !agent.contains("Purple admin"))
        #expect(admin.contains("Purple admin") && !admin.contains("Orange agent"))
        #expect(trainer.contains("Purple admin") && trainer.contains("Orange agent"))
        #expect(!common.contains("Purple admin") && !common.contains("Orange agent"))
        #expect(common.contains("Common steps."))
        let page = try #require(plan.text("roles/agent/guide.html"))
        #expect(page.contains("data-index=\"../../search/common.js ../../search/roles/agent.js\""))
        #expect(page.contains("<script src=\"../../assets/search.js\" defer></script>"))
        #expect(plan.text("sops/guide.html")?.contains("data-index=\"../search/common.js ../search/trainer.js\"") == true)
        #expect(plan.text("roles/agent/print.html")?.contains("site-search") == false)
    }

    /// A hostile title and body reach the index as data: each file is JSON after its assignment,
    /// reads back to the text as written, and holds no `<` that could end a script.
    @Test func hostileTextStaysDataInEveryIndexFile() async throws {
        var files = PackFiles.pack(PackFiles.sop(body: "Line\u{2028}break `</script><!--` & \"quotes\" \\ end.\n"))
        let sop = try #require(files["procedures/guide.md"])
        files["procedures/guide.md"] = sop.replacingOccurrences(of: "title: Guide", with: "title: \"Guide </script><!-- \\u2029\"")
        let (pack, decoded) = await PackDecoder().decode(InMemoryPack.loaded(files))
        #expect(!decoded.hasErrors, "\(decoded)")
        let (plan, _) = await SiteRenderer().render(PackResolver().resolve(pack))
        for path in ["search/common.js", "search/trainer.js", "search/roles/agent.js", "search/roles/admin.js"] {
            let text = try #require(plan.text(path))
            #expect(!text.contains("<") && !text.contains("\u{2028}") && !text.contains("\u{2029}"), "\(path)")
            let json = try #require(text.firstMatch(of: #/\)\.(?:common|view) = /#).map { text[$0.range.upperBound...] })
            let value = try JSONSerialization.jsonObject(with: Data(json.dropLast(2).utf8))
            let flat = "\(value)"
            #expect(path == "search/common.js" || flat.contains("Guide </script><!--"), "\(path): \(flat)")
        }
        let common = try #require(plan.text("search/common.js"))
        // U+2028 is white space between words, as a line break is.
        #expect(common.contains(#"["guide","","","Line break \u003c/script\u003e\u003c!-- \u0026 \"quotes\" \\ end."]"#))
    }
}
