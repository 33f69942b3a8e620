import Foundation
import Testing
@testable import SOPKit

/// Bad inputs, each with the exact report a user sees. Issue-3 rules extend this catalogue.
@Suite struct DiagnosticCatalogueTests {
    func report(_ overrides: [String: String]) async -> String {
        let (result, _) = await Build.plan(files: PackFiles.pack(overrides))
        #expect(result.plan == nil || !result.diagnostics.isEmpty)
        return Build.diagnosticsText(result)
    }

    @Test func unknownRoleSuggestsTheNearest() async {
        let text = await report(PackFiles.sop(audience: "[admin, agnet]", body: "Hi\n"))
        #expect(text == """
            roles.yml:7:20: warning: role 'agent' may read on copilot, but no SOP for this role covers that surface [training-gap]
                    capabilities: {copilot: read}
                                   ^
            procedures/guide.md:4:19: error: unknown role 'agnet' in audience; did you mean 'agent'? [unknown-role]
                audience: [admin, agnet]
                                  ^
            1 error, 1 warning

            """)
    }

    @Test func unknownKeySuggestsTheNearest() async {
        let text = await report(["policies.yml": """
            policies:
              - id: p
                action: Do a thing
                surface: copilot
                risk: low
                aprovers: [admin]
                approvers: [admin]
                mode: production

            """])
        #expect(text == """
            policies.yml:6:5: error: unknown key 'aprovers' in a policy; did you mean 'approvers'? [unknown-key]
                    aprovers: [admin]
                    ^
            1 error, 0 warnings

            """)
    }

    @Test func aSiteValueTheRecordLacksIsAWarningAtItsUse() async {
        let text = await report(PackFiles.sop(body: "Ask {{site.support_owner}} first.\n"))
        #expect(text == """
            procedures/guide.md:9:5: warning: '{{site.support_owner}}' renders as "(not recorded)": no support_owner in sites/shop.yml [missing-site-value]
                Ask {{site.support_owner}} first.
                    ^
            0 errors, 1 warning

            """)
    }

    @Test func yamlSyntaxErrorPointsAtTheProblem() async {
        let text = await report(["roles.yml": "roles:\n  - id: admin\n    name: [unclosed\n"])
        #expect(text.hasPrefix("""
            roles.yml:3:11: error: invalid YAML: the flow sequence '[' opened at 3:11 is not closed \
            (did not find expected ',' or ']' at 4:1) [yaml-syntax]
                    name: [unclosed
                          ^
            """))
    }

    @Test func unclosedBracketInPoliciesIsOneErrorAtTheBracket() async {
        let policies = """
            policies:
              - id: refunds
                action: Issue refunds
                surface: copilot
                risk: low
                mode: production
                approvers: [admin]
                proposers: [agent, admin
                reject_when: [Over 100 EUR]

            """
        let sop = PackFiles.sop(body: "Refunds.\n")["procedures/guide.md"]!
            .replacingOccurrences(of: "owner: admin\n", with: "owner: admin\npolicies: [refunds]\n")
        let text = await report(["policies.yml": policies, "procedures/guide.md": sop])
        #expect(text.hasPrefix("""
            policies.yml:8:16: error: invalid YAML: the flow sequence '[' opened at 8:16 is not closed \
            (did not find expected ',' or ']' at 9:16) [yaml-syntax]
            """), "\(text)")
        #expect(!text.contains("unknown-policy"), "\(text)")
        #expect(text.hasSuffix("1 error, 0 warnings\n"), "\(text)")
    }

    @Test func unclosedQuoteIsLocatedAtTheQuote() async {
        let text = await report(["sopgen.yml": "title: 'Test pack\norganisation: Test Co\ndefault_site: shop\n"])
        #expect(text.hasPrefix("sopgen.yml:1:8: error: invalid YAML: the quoted text opened at 1:8 is not closed"), "\(text)")
    }

    @Test func duplicateKeyPointsAtTheSecondOne() async {
        let text = await report(["sopgen.yml": "title: A\ndefault_site: shop\ntitle: B\n"])
        #expect(text == """
            sopgen.yml:3:1: error: duplicate key 'title'; each key may appear once in a mapping [duplicate-key]
                title: B
                ^
            1 error, 0 warnings

            """)
    }

    @Test func unclosedBlockAndUnknownValueAndSnippet() async {
        let text = await report(PackFiles.sop(body: "::: for admin\n{{site.prodution_url}}\n{{> nowhere}}\n"))
        #expect(text == """
            procedures/guide.md:9:1: error: role block '::: for …' is never closed with ':::' [unclosed-block]
                ::: for admin
                ^
            procedures/guide.md:10:1: error: '{{site.prodution_url}}' names no value; did you mean 'site.production_url'? [unknown-value]
                {{site.prodution_url}}
                ^
            procedures/guide.md:11:1: error: no snippet 'nowhere' in snippets/ [unknown-snippet]
                {{> nowhere}}
                ^
            3 errors, 0 warnings

            """)
    }

    @Test func roleInBlockHeaderIsPointedAt() async {
        let text = await report(PackFiles.sop(body: "::: for admin agant\nx\n:::\n"))
        #expect(text.hasPrefix("""
            procedures/guide.md:9:15: error: unknown role 'agant' in '::: for'; did you mean 'agent'? [unknown-role]
                ::: for admin agant
                              ^
            """))
    }

    @Test func escalationLoopAndWrongType() async {
        let text = await report(["roles.yml": """
            roles:
              - id: admin
                name: Admin
                escalates_to: agent
                refusals: {not: a list}
              - id: agent
                name: Agent
                escalates_to: admin

            """])
        #expect(text.contains("roles.yml:4:19: error: escalation loops: admin → agent → admin [escalation-loop]"))
        #expect(text.contains("roles.yml:5:15: error: 'refusals' must be a list of texts [wrong-type]"))
    }

    @Test func columnsCountUnicodeScalars() async {
        let text = await report(PackFiles.sop(audience: "[admin]", body: "Café — ünïcode {{sité}}\n"))
        #expect(text.contains("procedures/guide.md:9:16: error: '{{sité}}' names no value"))
    }

    @Test func unsafeIDIsRefused() async {
        let text = await report(PackFiles.sop(body: "x\n").mapValues { $0.replacingOccurrences(of: "title: Guide", with: "id: ../../etc\ntitle: Guide") })
        #expect(text.contains("error: SOP id '../../etc' is not a usable id: '.' is not allowed; an id is \(Identifier.rule) [invalid-id]"))
    }

    @Test func missingPackFilesAreReported() async {
        let folder = TemporaryFolder()
        folder.write(["sopgen.yml": "title: Empty\n"])
        let result = await Build.plan(folder.url)
        #expect(result.diagnostics.map(\.code.rawValue) == ["missing-file", "missing-file"])
    }

    @Test func invalidUTF8IsReportedWhereItStarts() async throws {
        let folder = TemporaryFolder()
        folder.write(PackFiles.pack([:]))
        var bytes = Array("roles:\n  - id: ad".utf8)
        bytes += [0xFF, 0xFE]
        try Data(bytes).write(to: folder.url.appendingPathComponent("roles.yml"))
        let result = await Build.plan(folder.url)
        #expect(result.diagnostics.first { $0.code == .invalidUtf8 }?.location == SourceLocation(path: "roles.yml", line: 2, column: 11))
    }

    @Test func crlfAndByteOrderMarkAreAccepted() async throws {
        var files = PackFiles.pack(PackFiles.sop(body: "Line\r\n\r\n## Heading\r\n"))
        files["roles.yml"] = "\u{FEFF}" + files["roles.yml"]!.replacingOccurrences(of: "\n", with: "\r\n")
        let (result, _) = await Build.plan(files: files)
        #expect(result.diagnostics.isEmpty, "\(Build.diagnosticsText(result))")
        #expect(result.plan?.text("sops/guide.html")?.contains("<h2 id=\"heading\">Heading</h2>") == true)
    }

    @Test func brokenRolesFileDoesNotCascadeIntoUnknownRoles() async {
        let text = await report(PackFiles.sop(audience: "[admin, agent]", body: "::: for agent\nx\n:::\n").merging(["roles.yml": "roles: [\n"]) { $1 })
        #expect(text.hasPrefix("roles.yml:2:1: error: invalid YAML:"))
        #expect(!text.contains("unknown-role"))
        #expect(text.hasSuffix("1 error, 0 warnings\n"))
    }

    @Test func deeplyNestedMarkdownIsRefusedBeforeRendering() async {
        let text = await report(PackFiles.sop(body: String(repeating: "> ", count: 5_000) + "x\n" + String(repeating: "- ", count: 5_000) + "y\n"))
        #expect(text == """
            procedures/guide.md:9:1: error: Markdown nested more than 32 levels deep (quotes and lists); flatten it [nesting-too-deep]
                \(String(repeating: "> ", count: 80))…
                ^
            1 error, 0 warnings

            """)
    }

    @Test func hugeFileIsNotRead() async throws {
        let folder = TemporaryFolder()
        folder.write(PackFiles.pack(PackFiles.sop("huge", body: String(repeating: "Lorem ipsum dolor sit amet.\n", count: 100_000))))
        let result = await Build.plan(folder.url)
        #expect(Build.diagnosticsText(result) == """
            procedures/huge.md:1:1: error: procedures/huge.md is 2.7 MiB; sopgen reads files of up to 2 MiB (an SOP is a few KB) [file-too-large]
            1 error, 0 warnings

            """)
    }

    @Test func yamlAliasBombIsBounded() async {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<10 {
            let name = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(level)))
            let previous = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(level - 1)))
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        let text = await report(["roles.yml": bomb + "roles: *j\n"])
        #expect(text.contains("roles.yml:1:1: error: unknown key 'a' in roles.yml [unknown-key]"))
        #expect(!text.contains("unknown-role"))
    }

    /// libyaml puts an error at the end of a file without a final newline on a line that does not exist.
    @Test func yamlErrorAtTheEndOfAFilePointsAtItsLastLine() async {
        let text = await report(["roles.yml": "roles:\n  - id: admin\n  name"])
        #expect(text.hasPrefix("roles.yml:3:"), "\(text)")
        #expect(text.contains("[yaml-syntax]\n      name\n"), "\(text)")
    }
}

