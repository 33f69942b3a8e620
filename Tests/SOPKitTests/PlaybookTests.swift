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

    func localise(_ text: String, _ item: String, by person: String = "Priya", date: String = "2026-11-23") throws -> PlaybookLocaliser.Outcome {
        try PlaybookLocaliser.resolve(try decode(text), text: text, item: item, by: person, date: date)
    }

    @Test func theImportReviewIsKeptWithThePlaybook() async throws {
        let (playbook, _) = try await imported()
        let stored = try #require(playbook.provenance?.localisation)
        #expect(stored.map(\.topic) == LocalisationItem.Topic.allCases)
        #expect(stored.map(\.status) == [.toSet, .differs, .differs, .matches, .matches, .toSet, .toSet, .toSet])
        #expect(stored.allSatisfy { $0.resolvedBy == nil && $0.resolvedOn == nil })
        #expect(stored[1].detail.contains("not here: Shipping policy"))
        // Every difference is a required local change: check says so, as a warning while read-only.
        let diagnostics = PlaybookChecks.runAndLocalisation(playbook, production: false)
        #expect(diagnostics.map(\.code.rawValue) == ["unlocalised-playbook"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.message.contains("provider-setup (to-set), knowledge-base-sources (differs), roles (differs), coupon-rules (to-set)") == true)
        #expect(PlaybookChecks.runAndLocalisation(playbook, production: true).first?.severity == .error)
    }

    @Test func localisingRecordsWhoAndWhenAndRefusesWhilePlaceholdersRemain() async throws {
        let (_, text) = try await imported()
        do {
            _ = try localise(text, "coupon-rules")
            Issue.record("resolved while its placeholder is in the file")
        } catch {
            #expect("\(error)".contains("'coupon-rules' cannot be resolved while its placeholders are in the file: <<local: coupon rules>> at playbooks/refund-triage.yml:"))
        }
        #expect(throws: PlaybookLocaliser.Failure.self) { _ = try localise(text, "nonsense") }
        let roles = try localise(text, "roles", by: "Priya Raman", date: "2026-11-23")
        let after = try decode(try #require(roles.text))
        let item = try #require(after.provenance?.localisation?.first { $0.topic == .roles })
        #expect(item.resolvedBy == "Priya Raman" && item.resolvedOn == "2026-11-23" && !item.isOpen)
        #expect(roles.message.hasPrefix("refund-triage: resolved roles by Priya Raman, 2026-11-23; still open: provider-setup (to-set)"))
        // Resolving it again changes nothing; a topic that matches needs nothing.
        #expect(try localise(try #require(roles.text), "roles").text == nil)
        #expect(try localise(text, "approval-policy").text == nil)
        // A topic resolves the required local change export made for it, once its placeholder is filled.
        let coupons = try localise(PlaybookFixtureText.filled(text), "coupon-rules")
        let resolved = try decode(try #require(coupons.text))
        #expect(resolved.provenance?.requiredLocalChanges.first { $0.id == "coupon-rules" }.map { ($0.resolved, $0.resolvedBy) } ?? (false, nil) == (true, "Priya"))
        #expect(resolved.provenance?.localisation?.first { $0.topic == .couponRules }?.resolvedBy == "Priya")
        // A review edited by hand to list a topic twice: both entries are resolved.
        let doubled = text.replacingOccurrences(of: "  - topic: roles\n", with: "  - topic: roles\n    status: differs\n    detail: again\n  - topic: roles\n")
        let both = try decode(try #require(try localise(doubled, "roles").text))
        #expect(both.provenance?.localisation?.filter { $0.topic == .roles }.map(\.resolvedBy) == ["Priya", "Priya"])
        // A name YAML would read as something else stays text.
        let odd = try decode(try #require(try localise(text, "roles", by: "null", date: "2026-11-23").text))
        #expect(odd.provenance?.localisation?.first { $0.topic == .roles }?.resolvedBy == "null")
    }

    @Test func productionIsRefusedUntilEveryItemIsLocalised() async throws {
        let (playbook, text) = try await imported()
        let refused = try PlaybookPromotion.promote(playbook, text: text, to: .production, result: .pass, by: "Priya", date: "2026-11-22", notes: nil)
        #expect(refused.text == nil && !refused.promoted)
        #expect(refused.message.hasPrefix("refused: localisation still open: provider-setup (to-set), knowledge-base-sources (differs), roles (differs)"))
        #expect(refused.message.contains("placeholders still in the file: coupon rules"))

        let staged = try PlaybookPromotion.promote(playbook, text: text, to: .staging, result: .pass, by: "Priya", date: "2026-11-22", notes: nil)
        #expect(staged.promoted)
        var current = PlaybookFixtureText.filled(try #require(staged.text))
        let open = try decode(current).provenance?.openLocalisation ?? []
        #expect(open.count == 10)
        for item in ["provider-setup", "knowledge-base-sources", "roles", "coupon-rules", "order-status-conventions"] {
            current = try #require(try localise(current, item).text)
            let stillRefused = try PlaybookPromotion.promote(try decode(current), text: current, to: .production, result: nil, by: "Priya",
                                                             date: "2026-11-23", notes: nil)
            #expect(!stillRefused.promoted)
        }
        for item in ["support-ownership", "site-references"] { current = try #require(try localise(current, item).text) }
        let ready = try decode(current)
        #expect(ready.provenance?.openLocalisation == [])
        let production = try PlaybookPromotion.promote(ready, text: current, to: .production, result: nil, by: "Priya", date: "2026-11-24", notes: nil)
        #expect(production.promoted, "\(production.message)")
        let final = try decode(try #require(production.text))
        #expect(final.mode?.value == .production)
        #expect(final.provenance?.firstRun?.mode == "read-only")
        #expect(final.provenance?.sourceSite == "site-f35bc95a")
        #expect(PlaybookChecks.runAndLocalisation(final, production: true).isEmpty)
    }

    @Test func runsAreAHistoryAndAFailedRunBlocksUntilALaterPass() async throws {
        let (playbook, text) = try await imported()
        let failed = try PlaybookPromotion.promote(playbook, text: text, to: .staging, result: .fail, by: "Priya", date: "2026-11-22",
                                                   notes: "wrong order", reference: "audit 4812")
        #expect(!failed.promoted)
        let afterFailure = try decode(try #require(failed.text))
        #expect(afterFailure.mode?.value == .readOnly)
        #expect(afterFailure.provenance?.firstRun == Playbook.FirstRun(result: .fail, mode: "read-only", by: "Priya", date: "2026-11-22", notes: "wrong order"))
        #expect(afterFailure.provenance?.runs == [PlaybookRun(date: "2026-11-22", environment: .readOnly, result: .fail, by: "Priya",
                                                               reference: "audit 4812", notes: "wrong order")])
        // Promotion without a new run is refused while the last run failed; check reports the review due.
        let blocked = try PlaybookPromotion.promote(afterFailure, text: failed.text!, to: .staging, result: nil, by: "Priya", date: "2026-11-23", notes: nil)
        #expect(!blocked.promoted && blocked.text == nil)
        #expect(blocked.message.hasPrefix("refused: the last run failed (fail in read-only by Priya, 2026-11-22 (audit 4812))"))
        #expect(PlaybookChecks.runAndLocalisation(afterFailure, production: false).map(\.code.rawValue) == ["failed-run", "unlocalised-playbook"])

        let passed = try PlaybookPromotion.recordRun(afterFailure, text: failed.text!, run: PlaybookRun(date: "2026-11-23", environment: .readOnly,
                                                                                                       result: .pass, by: "Tom", reference: "trace 9"))
        let afterPass = try decode(try #require(passed.text))
        #expect(afterPass.provenance?.runs.map(\.result) == [.fail, .pass])
        #expect(afterPass.provenance?.firstRun?.result == .fail, "the first run stays the first run")
        #expect(afterPass.provenance?.blockingFailure == nil)
        let staged = try PlaybookPromotion.promote(afterPass, text: passed.text!, to: .staging, result: nil, by: "Priya", date: "2026-11-24", notes: nil)
        #expect(staged.promoted, "\(staged.message)")
        // A later failure in staging blocks again; nothing earlier is lost.
        let again = try PlaybookPromotion.recordRun(try decode(staged.text!), text: staged.text!,
                                                    run: PlaybookRun(date: "2026-11-25", environment: .staging, result: .fail, by: "Tom"))
        let history = try decode(try #require(again.text)).provenance?.runs ?? []
        #expect(history.map(\.date) == ["2026-11-22", "2026-11-23", "2026-11-25"])
        #expect(try decode(again.text!).provenance?.blockingFailure?.date == "2026-11-25")
    }

    @Test func aCRLFPlaybookIsEditedAndReadsBack() async throws {
        let (_, text) = try await imported()
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        let outcome = try localise(crlf, "roles", by: "Priya Raman", date: "2026-11-23")
        let after = try decode(try #require(outcome.text))
        #expect(after.provenance?.localisation?.first { $0.topic == .roles }?.resolvedBy == "Priya Raman")
        #expect(after.title == "Refund request triage")
        #expect(!outcome.text!.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends in CRLF")
        // A hand-written provenance in flow style is replaced whole, and reads back.
        let flow = try #require(text.components(separatedBy: "provenance:\n").first) + "provenance: {source_site: s, localisation: []}\n"
        let run = try PlaybookPromotion.recordRun(try decode(flow), text: flow, run: PlaybookRun(date: "2026-11-23", environment: .readOnly, result: .pass, by: "Tom"))
        #expect(try decode(try #require(run.text)).provenance?.runs.count == 1)
    }

    @Test func aPlaybookWithOnlyAFirstRunKeepsItAsTheStartOfItsHistory() async throws {
        let path = TestPaths.bundledPack.appendingPathComponent("playbooks/low-stock-watch.yml")
        let text = try String(contentsOf: path, encoding: .utf8)
        let playbook = try #require(PlaybookDecoder.decode(DecodingContext(file: SourceFile(path: "playbooks/low-stock-watch.yml", text: text))))
        let first = try #require(playbook.provenance?.firstRun)
        let outcome = try PlaybookPromotion.recordRun(playbook, text: text, run: PlaybookRun(date: "2026-11-30", environment: .readOnly, result: .fail, by: "Tom"))
        let runs = try #require(PlaybookDecoder.decode(DecodingContext(file: SourceFile(path: "playbooks/low-stock-watch.yml", text: outcome.text!))))
            .provenance?.runs ?? []
        #expect(runs.count == 2)
        #expect(runs.first?.date == first.date && runs.first?.result.rawValue == first.result.rawValue)
        #expect(outcome.text!.contains("# "), "comments are kept")
    }

    @Test func checkReportsPlaybookRules() async {
        let result = await Pipeline(packRoot: TestPaths.fixturePack("mistakes"), today: MistakesPackTests.today).plan()
        let playbook = result.diagnostics.filter { $0.location.path == "playbooks/half-done.yml" }.map(\.code.rawValue)
        #expect(playbook == ["playbook-incomplete", "playbook-incomplete", "production-without-first-run", "unresolved-placeholder",
                             "remote-image", "failed-run", "unlocalised-playbook"])
        // procedures/replies.md misspells the same policy: one error, at the first use, names both.
        #expect(result.diagnostics.contains { $0.code == .unknownPolicy && $0.message.hasSuffix("(1 more use: playbooks/half-done.yml:6:11)") })
    }

    @Test func theRegisterRendersInTheBuild() async throws {
        let result = await Pipeline(packRoot: TestPaths.bundledPack, today: MistakesPackTests.today).plan()
        let plan = try #require(result.plan)
        let register = try #require(plan.text("playbooks/index.html"))
        #expect(register.contains("<a href=\"refund-triage.html\">Refund request triage</a></td><td data-label=\"Source site\">site-f35bc95a</td>"
            + "<td data-label=\"Export date\">2026-11-01</td><td data-label=\"Version\">1.2.0</td><td data-label=\"Owner\">Operations lead</td>"
            + "<td data-label=\"Local changes\">0 open, 6 resolved</td>"))
        #expect(register.contains("<a href=\"low-stock-watch.html\">Low-stock watch</a></td><td data-label=\"Source site\">this pack</td>"))
        #expect(register.contains("pass in read-only by Priya Raman, 2026-11-12"))
        #expect(plan.text("playbooks/refund-triage.html")?.contains("<h2 id=\"runs\">Run history</h2>") == true)
        #expect(plan.text("playbooks/refund-triage.html")?.contains("<td data-label=\"Audit record or trace\">Audit Log, plans 1041–1045</td>") == true)
        // A playbook recorded before run histories shows its first run as its history.
        #expect(plan.text("playbooks/low-stock-watch.html")?.contains("<td data-label=\"Date\">2026-11-10</td><td data-label=\"Environment\">read-only</td>") == true)
        #expect(plan.text("playbooks/refund-triage.html")?.contains("✔ Resolved: coupon rules: replace the placeholder with this site&#39;s: One coupon per order; No coupons on gift cards or sale items (Tom Okafor, 2026-11-04)") == true)
        #expect(plan.text("roles/store-manager/index.html")?.contains("<a href=\"../../playbooks/refund-triage.html\">Refund request triage</a> — you approve its plans (staging)") == true)
        #expect(plan.text("roles/operations-lead/index.html")?.contains("Low-stock watch</a> — you run it") == true)
        #expect(plan.text("index.html")?.contains("href=\"playbooks/index.html\"") == true)
    }
}
