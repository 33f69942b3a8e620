import Foundation
import Testing
@testable import SOPKit

@Suite struct PlaybookTests {
    static let source = TestPaths.fixturePack("agency-source")
    static let target = TestPaths.fixturePack("client-target")

    func pack(_ root: URL) async -> Pack { await Pipeline(packRoot: root, today: TestClock.today).decode().pack }

    func export(_ root: URL = source, date: String = "2026-11-21") async throws -> PlaybookExport.Outcome {
        try PlaybookExport(pack: await pack(root)).export("refund-triage", date: date, sourceLabel: nil)
    }

    @Test func roundTripBetweenTwoSites() async throws {
        let outcome = try await export()
        let bundle = try #require(outcome.bundle)
        Golden.assertText(bundle, matches: "playbooks/refund-triage.bundle.json")
        Golden.assertText(outcome.redactions.map(\.description).joined(separator: "\n") + "\n", matches: "playbooks/refund-triage.redactions.txt")

        let importer = PlaybookImport(pack: await pack(Self.target))
        let imported = try importer.importBundle(Data(bundle.utf8), site: "harbour", replace: false) { _ in nil }
        Golden.assertText(imported.review.map(\.description).joined(separator: "\n") + "\n", matches: "playbooks/refund-triage.review.txt")
        Golden.assertText(imported.text, matches: "playbooks/refund-triage.imported.yml")
        let decoded = try #require(PlaybookDecoder.decode(DecodingContext(file: SourceFile(path: "playbooks/refund-triage.yml", text: imported.text))))
        #expect(decoded.mode?.value == .readOnly)
        #expect(decoded.provenance?.firstRun?.result == .pending)
        #expect(decoded.provenance?.exportDate == "2026-11-21")
        #expect(decoded.provenance?.requiredLocalChanges.map(\.id) == ["provider-setup", "coupon-rules", "order-statuses", "site-references"])
        #expect(decoded.provenance?.requiredLocalChanges.allSatisfy { !$0.resolved } == true)
    }

    @Test func theBundleCarriesNothingFromTheSourceClient() async throws {
        let bundle = try #require(try await export().bundle)
        for leaked in ["Bluebell", "bluebellcandles", "Sam Reed", "sk-proj-", "hooks.slack.com", "jane.doe", "+44 20", "07700", "Jane Doe",
                       "10234", "62%", "ck_3b9e", "BLUEBELL10", "wc-refund-requested", "Anthropic fallback"] {
            #expect(!bundle.contains(leaked), "the bundle still holds '\(leaked)'")
        }
        #expect(SensitiveDataScanner().scan(bundle.replacingOccurrences(of: #""checksum" : "[^"]*""#, with: "", options: .regularExpression)).isEmpty)
    }

    @Test func aDateMakesTheSameBytes() async throws {
        let first = try await export(date: "2026-11-21").bundle
        let second = try await export(date: "2026-11-21").bundle
        #expect(first != nil && first == second)
        #expect(try await export(date: "2026-11-22").bundle != first)
    }

    @Test func aTamperedBundleIsRefused() async throws {
        let bundle = try #require(try await export().bundle)
        let tampered = bundle.replacingOccurrences(of: "Retry once after five minutes", with: "Retry forever")
        #expect(tampered != bundle)
        let importer = PlaybookImport(pack: await pack(Self.target))
        do {
            _ = try importer.importBundle(Data(tampered.utf8), site: "harbour", replace: false) { _ in nil }
            Issue.record("a tampered bundle was accepted")
        } catch {
            #expect("\(error)".contains("checksum does not match"))
        }
    }

    @Test func aBundleWithALeftoverSecretIsRefused() async throws {
        let playbook = JSONValue.object(["id": .string("leaky"), "title": .string("Leaky"), "steps": .string("Use sk_live_51H8fakeKEYabcdefghijklmnop to refund.")])
        let data = Data(try BundleFixtures.sealed(playbook).json.pretty.utf8)
        let importer = PlaybookImport(pack: await pack(Self.target))
        do {
            _ = try importer.importBundle(data, site: "harbour", replace: false) { _ in nil }
            Issue.record("a bundle with a secret was accepted")
        } catch {
            #expect("\(error)".contains("playbook.steps (bundle line "), "\(error)")
            #expect("\(error)".contains("sk_live_… — Stripe key"), "\(error)")
        }
    }

    @Test func exportFailsClosedWhenADetectorStillFires() async throws {
        let folder = TemporaryFolder()
        let root = folder.copyPack(Self.source)
        let file = root.appendingPathComponent("playbooks/refund-triage.yml")
        // A key pasted as a mapping key is not a value the field-by-field pass redacts.
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "connection:\n", with: "connection:\n  AKIAIOSFODNN7EXAMPLE: aws\n")
        try Data(text.utf8).write(to: file)
        let outcome = try await export(root)
        #expect(outcome.bundle == nil)
        #expect(outcome.leftovers == ["AWS access key in a key of playbook.connection: AKIAIOSFODNN…"])
    }

    @Test func importNeverOverwritesWithoutReplace() async throws {
        let bundle = Data(try #require(try await export().bundle).utf8)
        let importer = PlaybookImport(pack: await pack(Self.target))
        let earlierImport = PlaybookImport.header + "id: refund-triage\n"
        #expect(throws: PlaybookError.self) { _ = try importer.importBundle(bundle, site: "harbour", replace: false) { _ in earlierImport } }
        #expect(try importer.importBundle(bundle, site: "harbour", replace: true) { _ in earlierImport }.id == "refund-triage")
        // --replace replaces an earlier import, never a playbook written by hand.
        do {
            _ = try importer.importBundle(bundle, site: "harbour", replace: true) { _ in "# Our own refund triage\nid: refund-triage\n" }
            Issue.record("a hand-written playbook was replaced")
        } catch {
            #expect("\(error)".contains("was not written by sopgen playbook import"))
        }
        #expect(throws: PlaybookError.self) { _ = try importer.importBundle(bundle, site: "nowhere", replace: false) { _ in nil } }
    }

    func imported() async throws -> (Playbook, String) {
        let bundle = try #require(try await export().bundle)
        let importer = PlaybookImport(pack: await pack(Self.target))
        let text = try importer.importBundle(Data(bundle.utf8), site: "harbour", replace: false) { _ in nil }.text
        return (try #require(PlaybookDecoder.decode(DecodingContext(file: SourceFile(path: "playbooks/refund-triage.yml", text: text)))), text)
    }

    func decode(_ text: String) throws -> Playbook {
        try #require(PlaybookDecoder.decode(DecodingContext(file: SourceFile(path: "playbooks/refund-triage.yml", text: text))))
    }

    @Test func promotionRules() async throws {
        let (playbook, text) = try await imported()
        let refused = try PlaybookPromotion.promote(playbook, text: text, to: .production, result: .pass, by: "Priya", date: "2026-11-22", notes: nil)
        #expect(refused.text == nil && !refused.promoted)
        #expect(refused.message.hasPrefix("refused: required local changes still open: provider-setup, coupon-rules, order-statuses, site-references"))

        let failed = try PlaybookPromotion.promote(playbook, text: text, to: .staging, result: .fail, by: "Priya", date: "2026-11-22", notes: "wrong order")
        #expect(!failed.promoted)
        let afterFailure = try decode(try #require(failed.text))
        #expect(afterFailure.mode?.value == .readOnly)
        #expect(afterFailure.provenance?.firstRun == Playbook.FirstRun(result: .fail, mode: "read-only", by: "Priya", date: "2026-11-22", notes: "wrong order"))

        let staged = try PlaybookPromotion.promote(playbook, text: text, to: .staging, result: .pass, by: "Priya", date: "2026-11-23", notes: nil)
        #expect(staged.promoted)
        let stagedText = try #require(staged.text)
        #expect(try decode(stagedText).mode?.value == .staging)

        // Localise: fill every placeholder and mark every change resolved.
        var localised = stagedText.replacingOccurrences(of: "resolved: false", with: "resolved: true")
        for (placeholder, value) in [("\"<<local: provider setup>>\"", "OpenAI gpt-4.1-mini"), ("\"<<local: coupon rules>>\"", "One coupon per order"),
                                     ("\"<<local: order status slugs>>\"", "processing"), ("<<local: site URL>>", "https://shop.harbourandvine.example"),
                                     ("<<local: person>>", "Tom Okafor"), ("<<local: site name>>", "our store")] {
            localised = localised.replacingOccurrences(of: placeholder, with: value)
        }
        let ready = try decode(localised)
        #expect(ready.placeholders.isEmpty, "\(ready.placeholders)")
        let production = try PlaybookPromotion.promote(ready, text: localised, to: .production, result: .pass, by: "Priya", date: "2026-11-24", notes: nil)
        #expect(production.promoted, "\(production.message)")
        let final = try decode(try #require(production.text))
        #expect(final.mode?.value == .production)
        #expect(final.provenance?.firstRun?.mode == "staging")
        #expect(final.provenance?.sourceSite == "site-f35bc95a")
    }

    @Test func checkReportsPlaybookRules() async {
        let result = await Pipeline(packRoot: TestPaths.fixturePack("mistakes"), today: MistakesPackTests.today).plan()
        let playbook = result.diagnostics.filter { $0.location.path == "playbooks/half-done.yml" }.map(\.code)
        #expect(playbook == ["playbook-incomplete", "playbook-incomplete", "production-without-first-run", "unresolved-placeholder", "remote-image"])
        // procedures/replies.md misspells the same policy: one error, at the first use, names both.
        #expect(result.diagnostics.contains { $0.code == "unknown-policy" && $0.message.hasSuffix("(1 more use: playbooks/half-done.yml:6:11)") })
    }

    @Test func theRegisterRendersInTheBuild() async throws {
        let result = await Pipeline(packRoot: TestPaths.bundledPack, today: MistakesPackTests.today).plan()
        let plan = try #require(result.plan)
        let register = try #require(plan.text("playbooks/index.html"))
        #expect(register.contains("<a href=\"refund-triage.html\">Refund request triage</a></td><td data-label=\"Source site\">site-f35bc95a</td><td data-label=\"Export date\">2026-11-01</td><td data-label=\"Version\">1.2.0</td><td data-label=\"Owner\">Operations lead</td><td data-label=\"Local changes\">0 open, 4 resolved</td>"))
        #expect(register.contains("<a href=\"low-stock-watch.html\">Low-stock watch</a></td><td data-label=\"Source site\">this pack</td>"))
        #expect(register.contains("pass in read-only by Priya Raman, 2026-11-12"))
        #expect(plan.text("playbooks/refund-triage.html")?.contains("✔ Resolved: Set this site&#39;s coupon rules") == true)
        #expect(plan.text("roles/store-manager/index.html")?.contains("<a href=\"../../playbooks/refund-triage.html\">Refund request triage</a> — you approve its plans (staging)") == true)
        #expect(plan.text("roles/operations-lead/index.html")?.contains("Low-stock watch</a> — you run it") == true)
        #expect(plan.text("index.html")?.contains("href=\"playbooks/index.html\"") == true)
    }
}
