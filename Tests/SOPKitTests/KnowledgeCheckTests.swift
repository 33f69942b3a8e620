import Foundation
import Testing
@testable import SOPKit

/// Knowledge checks are written from the decision guide's own rules: the bundled pack's question
/// set is a golden file, every answer is decided by the pack, and a policy change changes exactly
/// the answers it should.
@Suite struct KnowledgeCheckTests {
    static let bundled = PackLoader().load(from: TestPaths.bundledPack).files.mapValues(\.text)

    static func resolved(_ files: [String: String]) async throws -> ResolvedPack {
        let result = await Pipeline(packRoot: TestPaths.bundledPack, today: TestClock.today).plan(InMemoryPack.loaded(files))
        #expect(!result.diagnostics.hasErrors, "\(DiagnosticFormatter(sources: result.sources).format(result.diagnostics))")
        return try #require(result.resolved)
    }

    /// Every question the pack decides, role by role, before the check picks 20.
    static func candidates(_ resolved: ResolvedPack) -> [String: [String: CheckQuestion]] {
        Dictionary(uniqueKeysWithValues: resolved.handbooks.map { handbook in
            let all = KnowledgeCheckBuilder.candidates(.init(role: handbook.role, guide: handbook.guide, pack: resolved.pack,
                                                             sopIDs: handbook.sopIDs))
            return (handbook.role.id, Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) }))
        })
    }

    static func text(_ question: CheckQuestion) -> String {
        var text = "\(question.id) [\(question.kind.rawValue)]\n  \(question.prompt)\n"
        for (index, option) in question.options.enumerated() {
            text += "  \(index == question.answer ? "*" : "-") \(option)\n"
        }
        text += "  why: \(question.explanation)\n  see: \(question.links.map { "\($0.label) <\($0.href)>" }.joined(separator: "; "))\n"
        return text
    }

    @Test func theBundledPacksQuestionSetMatchesGolden() async throws {
        let resolved = try await Self.resolved(Self.bundled)
        var text = ""
        for handbook in resolved.handbooks {
            text += "# \(handbook.role.name) (\(handbook.check.questions.count) of \(handbook.check.available) questions)\n\n"
            text += handbook.check.questions.map(Self.text).joined(separator: "\n") + "\n"
        }
        Golden.assertText(text, matches: "knowledge-checks.txt")
    }

    @Test func everyBundledRoleGetsTenToTwentyWellFormedQuestionsTheSameEveryTime() async throws {
        let first = try await Self.resolved(Self.bundled)
        let second = try await Self.resolved(Self.bundled)
        for (handbook, again) in zip(first.handbooks, second.handbooks) {
            let questions = handbook.check.questions
            #expect((KnowledgeCheck.minimum...KnowledgeCheck.maximum).contains(questions.count), "\(handbook.role.id)")
            #expect(questions == again.check.questions, "\(handbook.role.id) differs between two builds")
            #expect(Set(questions.map(\.id)).count == questions.count, "\(handbook.role.id) repeats a question")
            for question in questions {
                #expect(Set(question.options).count == question.options.count, "\(question.id) repeats an option")
                #expect(question.options.indices.contains(question.answer))
                #expect(question.options.count >= 3, "\(question.id) has too few options")
                #expect(!question.links.isEmpty)
            }
            // Every kind the pack can decide for this role is in its check.
            let kinds = Set(Self.candidates(first)[handbook.role.id]!.values.map(\.kind))
            #expect(Set(questions.map(\.kind)) == kinds, "\(handbook.role.id)")
        }
    }

    /// The guide and the check are one rule: the routine scenario's answer is Approve exactly
    /// where the guide says the role may approve, and a stop scenario's explanation is the
    /// guide's own stop call.
    @Test func theAnswersSayWhatTheDecisionGuideSays() async throws {
        let resolved = try await Self.resolved(Self.bundled)
        let candidates = Self.candidates(resolved)
        for handbook in resolved.handbooks {
            for entry in handbook.guide {
                let routine = try #require(candidates[handbook.role.id]?["scenario-\(entry.policyID)"])
                #expect((routine.answerText == "Approve") == entry.approve.hasPrefix("You may approve"))
                for text in entry.stop {
                    let stop = try #require(candidates[handbook.role.id]?["scenario-\(entry.policyID)-stop-\(ContentSeed.tag(text))"])
                    #expect(stop.answerText == "Stop")
                    #expect(stop.explanation.hasSuffix(entry.stopCall))
                }
                // Only an approver is asked when to reject.
                let rejects = candidates[handbook.role.id]!.keys.filter { $0.hasPrefix("scenario-\(entry.policyID)-reject-") }
                #expect(rejects.isEmpty == (entry.involvement != .approver || entry.reject.isEmpty))
            }
        }
    }

    /// What a question asks and answers, without its distractors (drawn from other policies).
    static func answers(_ resolved: ResolvedPack) -> [String: String] {
        var answers: [String: String] = [:]
        for (role, questions) in candidates(resolved) {
            for (id, question) in questions {
                answers["\(role)/\(id)"] = question.prompt + " → " + question.answerText + " — " + question.explanation
            }
        }
        return answers
    }

    static func changes(_ before: [String: String], _ after: [String: String]) -> [String] {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.map { key in
            (before[key] == nil ? "+" : after[key] == nil ? "-" : "~") + key
        }.sorted()
    }

    @Test func removingAnApproverChangesExactlyTheAffectedAnswers() async throws {
        var files = Self.bundled
        let policies = try #require(files["policies.yml"])
        let block = try #require(policies.range(of: "  - id: support-replies"))
        let line = try #require(policies.range(of: "    approvers: [store-manager, site-admin]\n", range: block.upperBound..<policies.endIndex))
        files["policies.yml"] = policies.replacingCharacters(in: line, with: "    approvers: [site-admin]\n")
        let before = Self.answers(try await Self.resolved(Self.bundled))
        let after = Self.answers(try await Self.resolved(files))
        #expect(Self.changes(before, after) == [String]([
            // The store manager no longer approves support replies: it asks, and is never asked when to reject.
            "-store-manager/reject-plan-support-replies",
            "-store-manager/scenario-support-replies-reject-" + ContentSeed.tag("The draft cites a Knowledge Base item that is stale or does not match the order."),
            "-store-manager/scenario-support-replies-reject-" + ContentSeed.tag("The draft promises a refund, discount or date that nobody approved."),
            // The support agent now asks the site administrator alone.
            "~site-admin/scenario-support-replies",
            "~store-manager/scenario-support-replies",
            "~support-agent/ask-whom-support-replies",
            "~support-agent/scenario-support-replies",
        ]).sorted())
    }

    @Test func addingAStopConditionChangesExactlyTheAffectedAnswers() async throws {
        var files = Self.bundled
        let policies = try #require(files["policies.yml"])
        let block = try #require(policies.range(of: "  - id: theme-changes"))
        let line = try #require(policies.range(of: "    stop_when:\n", range: block.upperBound..<policies.endIndex))
        files["policies.yml"] = policies.replacingCharacters(
            in: line, with: "    stop_when:\n      - The change loads fonts or scripts from a new third-party host.\n")
        let before = Self.answers(try await Self.resolved(Self.bundled))
        let after = Self.answers(try await Self.resolved(files))
        // Every role the theme-change policy involves (proposer, approver, kill switch or user of
        // the Theme Assistant) gets one new stop scenario, and its "which plans do you stop"
        // question now has two right answers to pick from (it picks the new one); nothing else changes.
        let added = "scenario-theme-changes-stop-" + ContentSeed.tag("The change loads fonts or scripts from a new third-party host.")
        #expect(Self.changes(before, after) == [
            "+designer/\(added)", "+developer/\(added)", "+site-admin/\(added)",
            "~designer/stop-plan-theme-changes", "~developer/stop-plan-theme-changes", "~site-admin/stop-plan-theme-changes",
        ])
        let stopPlan = try #require(Self.candidates(try await Self.resolved(files))["designer"]?["stop-plan-theme-changes"])
        #expect(stopPlan.answerText == "The change loads fonts or scripts from a new third-party host.")
    }

    @Test func aRoleThatNoPolicyInvolvesIsWarnedAbout() async {
        var files = PackFiles.base
        #expect(await InMemoryPack.diagnostics(files).filter { $0.code == .knowledgeCheckGap }.isEmpty,
                "a pack without policies has no decision guide to test")
        files["policies.yml"] = """
            policies:
              - id: keys
                action: Rotate a provider key
                surface: providers
                risk: low
                approvers: [admin]
                mode: read-only

            """
        let gap = await InMemoryPack.diagnostics(files).filter { $0.code == .knowledgeCheckGap }
        // The administrator approves it; the agent has nothing to do with it.
        #expect(gap.map(\.message) == [
            "role 'agent' may use SophMate, but no policy involves it: its knowledge check can ask only about its capabilities, never when to ask, approve, reject, escalate or stop",
        ])
        #expect(gap.map(\.severity) == [.warning])
        #expect(gap.first?.location.line == 5)
    }
}
