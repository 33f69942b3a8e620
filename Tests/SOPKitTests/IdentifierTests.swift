import Foundation
import GFM
import Testing
@testable import SOPKit

/// One id rule, applied to ids from YAML, file names, the command line and bundles.
@Suite struct IdentifierTests {
    static let valid = ["a", "shop", "harbour-store", "site-2", "2026-rollout", "a-b-c", String(repeating: "a", count: 64)]
    static let invalid: [(String, Identifier.Problem)] = [
        ("", .empty), (".", .character(".")), ("..", .character(".")), ("../sopgen", .character(".")),
        ("../../x", .character(".")), ("/abs", .character("/")), ("a/b", .character("/")), ("x#y", .character("#")),
        ("a?b", .character("?")), ("Shop", .character("S")), ("a_b", .character("_")), ("a b", .character(" ")),
        ("café", .character("é")), ("ѕhop", .character("ѕ")), ("a\u{202E}b", .character("\u{202E}")), ("a\nb", .character("\n")),
        ("-a", .edgeHyphen), ("a-", .edgeHyphen), ("-", .edgeHyphen), ("a--b", .doubleHyphen), ("refunds---steps", .doubleHyphen), (String(repeating: "a", count: 65), .tooLong(65)),
        (String(repeating: "x", count: 300), .tooLong(300)), ("con", .reservedName), ("nul", .reservedName), ("com1", .reservedName),
    ]

    @Test(arguments: valid)
    func theseAreIds(text: String) throws {
        #expect(try Identifier(text).value == text)
        #expect(Identifier.problem(with: text) == nil)
    }

    @Test(arguments: invalid)
    func theseAreNot(text: String, problem: Identifier.Problem) {
        #expect(Identifier.problem(with: text) == problem)
        #expect(throws: problem) { try Identifier(text) }
    }

    @Test func messagesShowHostileIdsHarmlessly() {
        let message = Identifier.message(kind: "site", "\u{1B}[2J" + String(repeating: "a", count: 100), .character("\u{1B}"))
        #expect(!message.contains("\u{1B}"))
        #expect(message.hasPrefix("site id '\\u{1B}[2Jaaaa"))
        #expect(message.contains("…'"))
        #expect(message.hasSuffix("'\\u{1B}' is not allowed; an id is 1 to 64 lower-case letters a-z, digits and '-', not starting or ending with '-' nor with two '-' in a row"))
    }

    @Test func idsFromFileNamesAreCheckedWhereTheFileIs() async {
        let checklist = "- [ ] Do it\n"
        let (result, _) = await Build.plan(files: PackFiles.pack([
            "sites/x#y.yml": "name: X\n", "checklists/First Run.md": checklist, "snippets/-part.md": "Text\n",
            "playbooks/refund_triage.yml": "title: Refunds\n", "checklists/ok.md": checklist,
            // A `/` with a combining mark after it is one `Character`: read by `Character`, these
            // were in no folder, and nothing was said about them (helper 45).
            "sites/\u{301}evil.yml": "name: X\n", "procedures/\u{301}x/Bad Name.md": "no front matter\n",
        ]))
        let invalid = result.diagnostics.filter { $0.code == .invalidId }
        #expect(invalid.map(\.location).sorted { $0.path < $1.path } == [
            SourceLocation(path: "checklists/First Run.md"), SourceLocation(path: "playbooks/refund_triage.yml"),
            SourceLocation(path: "sites/x#y.yml"), SourceLocation(path: "sites/\u{301}evil.yml"), SourceLocation(path: "snippets/-part.md"),
        ])
        #expect(result.diagnostics.contains { $0.code == .missingFrontMatter && $0.location.path == "procedures/\u{301}x/Bad Name.md" })
        #expect(invalid.map(\.message).contains(
            "site id 'x#y' is not a usable id: '#' is not allowed; an id is \(Identifier.rule); rename the file"))
        #expect(result.plan == nil)
    }

    @Test func idsWrittenInYAMLAreCheckedForEveryKind() async {
        let (result, _) = await Build.plan(files: PackFiles.pack([
            "policies.yml": "policies:\n  - id: Refunds\n    action: Refund\n    surface: copilot\n    risk: low\n    approvers: [admin]\n    mode: read-only\n",
            "roles.yml": PackFiles.base["roles.yml"]!.replacingOccurrences(of: "id: agent", with: "id: -agent"),
        ]))
        let messages = result.diagnostics.filter { $0.code == .invalidId }.map(\.message)
        #expect(messages.contains { $0.hasPrefix("policy id 'Refunds' is not a usable id: upper case ('R') is not allowed") })
        #expect(messages.contains { $0.hasPrefix("role id '-agent' is not a usable id: it starts or ends with '-'") })
    }

    /// The validator refuses a leading '-'; playbook import used a copy of the rule that did not.
    @Test func playbookImportUsesTheSameRule() async throws {
        let target = await Pipeline(packRoot: TestPaths.fixturePack("client-target"), today: TestClock.today).decode().pack
        func importing(_ playbook: JSONValue) throws -> String {
            let data = Data(try BundleFixtures.sealed(playbook).json.pretty.utf8)
            return try PlaybookImport(pack: target).importBundle(data, site: "harbour", replace: false) { _ in nil }.id
        }
        for id in ["-x", "x-", "a_b", String(repeating: "a", count: 65), "con"] {
            #expect(throws: PlaybookError.self) { _ = try importing(BundleFixtures.playbook(["id": .string(id)])) }
        }
        // An id made from the title is the heading slug, the same one the handbook's anchors use.
        let title = "Refund triage: step 2"
        let untitled = BundleFixtures.playbook(["title": .string(title)]).removing(["id"])
        #expect(try importing(untitled) == HeadingAnchors.slugify(title))
        #expect(try importing(untitled) == "refund-triage-step-2")
    }
}
