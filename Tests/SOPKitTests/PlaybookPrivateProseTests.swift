import Foundation
import Testing
@testable import SOPKit

/// Private policy written in prose, and the source's identity, planted in the agency-source fixture.
@Suite struct PlaybookPrivateProseTests {
    /// The fixture with `steps:` replaced.
    func pack(steps: String, people: String? = nil) async -> (Pack, TemporaryFolder) {
        let folder = TemporaryFolder()
        let root = folder.copyPack(TestPaths.fixturePack("agency-source"))
        if let people { try! Data(people.utf8).write(to: root.appendingPathComponent("people.yml")) }
        let file = root.appendingPathComponent("playbooks/refund-triage.yml")
        let text = try! String(contentsOf: file, encoding: .utf8)
        let start = text.range(of: "steps: |\n")!, end = text.range(of: "provenance:\n")!
        let planted = text[..<start.upperBound] + steps.split(separator: "\n").map { "  \($0)\n" }.joined() + text[end.lowerBound...]
        try! Data(planted.utf8).write(to: file)
        return (await Pipeline(packRoot: root, today: TestClock.today).decode().pack, folder)
    }

    func export(steps: String, keep: [String] = [], people: String? = nil) async throws -> PlaybookExport.Outcome {
        let (pack, folder) = await pack(steps: steps, people: people)
        defer { withExtendedLifetime(folder) {} }
        return try PlaybookExport(pack: pack).export("refund-triage", date: "2026-11-21", sourceLabel: nil, keep: keep)
    }

    static let policySteps = """
        1. Read the ticket and open the order.
        2. Our internal refund limit is 150 GBP; anything above goes to the store manager.
        3. VIP customers get 20 % off their next order.
        4. Refunds over £75 need two approvals. Retry once after five minutes.
        5. Use gpt-4.1-mini, version 1.2.0, daily at 07:00.
        """

    @Test func amountsLimitsAndDiscountRulesBecomePlaceholdersAndAreListed() async throws {
        let outcome = try await export(steps: Self.policySteps)
        let bundle = try #require(outcome.bundle, "\(outcome.leftovers)")
        for leaked in ["150 GBP", "20 %", "£75", "VIP"] { #expect(!bundle.contains(leaked), "the bundle still holds '\(leaked)'") }
        for kept in ["Read the ticket and open the order", "Retry once after five minutes", "gpt-4.1-mini, version 1.2.0, daily at 07:00",
                     "anything above goes to the store manager"] {
            #expect(bundle.contains(kept), "'\(kept)' was taken for private policy")
        }
        #expect(bundle.contains("2. <<local: limit>>; anything above"))
        #expect(bundle.contains("3. <<local: discount rule>>."))
        #expect(bundle.contains("4. <<local: limit>>. Retry once"))
        #expect(outcome.decisions.map(\.description) == [
            "  steps (line 35): 'Our internal refund limit is 150 GBP' — limit: became <<local: limit>>; --keep to export it as written",
            "  steps (line 36): 'VIP customers get 20 % off their next order' — discount rule: became <<local: discount rule>>; --keep to export it as written",
            "  steps (line 37): 'Refunds over £75 need two approvals' — limit: became <<local: limit>>; --keep to export it as written",
        ])
        #expect(outcome.requiredChanges.map(\.id).contains("private-policy"))

        // The receiving site must fill them before it can mark the change resolved.
        let target = await Pipeline(packRoot: TestPaths.fixturePack("client-target"), today: TestClock.today).decode().pack
        let imported = try PlaybookImport(pack: target).importBundle(Data(bundle.utf8), site: "harbour", replace: false) { _ in nil }
        let playbook = try #require(PlaybookDecoder.decode(DecodingContext(file: SourceFile(path: "playbooks/refund-triage.yml", text: imported.text))))
        #expect(throws: PlaybookLocaliser.Failure.self) { () throws in
            _ = try PlaybookLocaliser.resolve(playbook, text: imported.text, item: "private-policy", by: "Priya", date: "2026-11-22")
        }
    }

    @Test func keepExportsAClauseAsWrittenAndSaysSo() async throws {
        let outcome = try await export(steps: Self.policySteps, keep: ["150 gbp", "no such text"])
        let bundle = try #require(outcome.bundle)
        #expect(bundle.contains("Our internal refund limit is 150 GBP"))
        #expect(!bundle.contains("20 %"))
        #expect(outcome.decisions.first?.kept == true)
        #expect(outcome.decisions.first?.description.hasSuffix("limit: kept as written (--keep)") == true)
        #expect(outcome.unusedKeeps == ["no such text"])
        // Keeping everything leaves no placeholder and no required change for it.
        let all = try await export(steps: Self.policySteps, keep: ["150 GBP", "20 %", "£75"])
        #expect(all.decisions.allSatisfy { $0.kept })
        #expect(!all.requiredChanges.map(\.id).contains("private-policy"))
    }

    @Test func clausesAreFoundWithoutFlaggingOrdinaryNumbers() {
        let prose = PrivatePolicyProse(keep: [])
        for innocent in ["Retry once after 5 minutes.", "Run daily at 07:00", "Use gpt-4.1-mini", "Step 2. Open the order",
                         "Check the last 3 tickets", "Version 1.2.0 of the playbook", "Escalate within 2 hours", "",
                         "Daily at 07:00, and when a product's stock drops below its low-stock threshold"] {
            #expect(prose.findings(in: innocent).isEmpty, "\(innocent)")
        }
        for (text, kind) in [("Refunds up to $40 are fine", PrivatePolicyProse.Kind.limit), ("Give 10 percent off to members", .discount),
                             ("Free shipping for VIP customers", .discount), ("The fee is 12 EUR", .amount), ("EUR 12 fee", .amount),
                             ("Never refund more than 3 orders a day", .limit), ("Loyalty members get 15% back", .discount)] {
            #expect(prose.findings(in: text).map(\.kind) == [kind], "\(text)")
        }
        let sample = "1. A b; c.\n2. d? e! 4.1 f"
        #expect(PrivatePolicyProse.clauses(in: sample).map { String(sample[$0]) } == ["A b", "c", "d", "e", "4.1 f"])
    }

    @Test func theSourcesIdentityStopsTheExport() async throws {
        for (steps, expected) in [
            ("Ask Sam about exceptions.", "a person at the source site 'Sam' in playbook.steps"),
            ("Reed approves these.", "a person at the source site 'Reed' in playbook.steps"),
            ("Follow Bluebell's returns desk.", "the source site's name 'Bluebell' in playbook.steps"),
            ("See bluebellcandles.example/returns.", "the source site's domain 'bluebellcandles.example' in playbook.steps"),
            ("Quote the BluebellCandles brand name? No: quote bluebellcandles.", "the source site's domain 'bluebellcandles' in playbook.steps"),
        ] {
            let outcome = try await export(steps: steps)
            #expect(outcome.bundle == nil, "exported with '\(steps)'")
            #expect(outcome.leftovers.contains(expected), "\(outcome.leftovers)")
        }
        // People of people.yml: a whole name is replaced, a first name or a login stops the export.
        let people = "people:\n  - login: jo.marsh\n    name: Jo Marsh\n    role: store-manager\n"
        let replaced = try await export(steps: "Jo Marsh signs off refunds.", people: people)
        #expect(try #require(replaced.bundle, "\(replaced.leftovers)").contains("<<local: person>> signs off refunds."))
        for steps in ["Marsh signs off refunds.", "Ask jo.marsh first."] {
            let refused = try await export(steps: steps, people: people)
            #expect(refused.bundle == nil, "exported with '\(steps)'")
        }
        // Whole names are still replaced; words that only look alike are not the source.
        let innocent = try await export(steps: "Reedsville orders and samples are handled as needed by Bluebell Candles Ltd staff.")
        let bundle = try #require(innocent.bundle, "\(innocent.leftovers)")
        #expect(bundle.contains("Reedsville orders and samples are handled as needed by <<local: site name>> staff."))
    }
}
