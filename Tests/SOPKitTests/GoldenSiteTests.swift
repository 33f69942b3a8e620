import Foundation
import Testing
@testable import SOPKit

/// Whole-site goldens: every page of a fixture pack, byte for byte. Theme assets are left out so a
/// CSS tweak does not churn every golden; `AssetTests` covers them.
@Suite struct GoldenSiteTests {
    @Test(arguments: ["harbour-mini", "agency-overrides"])
    func wholeSiteMatchesGolden(pack: String) async throws {
        let result = await Build.plan(TestPaths.fixturePack(pack))
        #expect(!result.diagnostics.hasErrors, "\(Build.diagnosticsText(result))")
        let plan = try #require(result.plan)
        var files: [String: Data] = [:]
        for file in plan.files where !file.path.hasPrefix("assets/") {
            files[file.path] = file.contents
        }
        Golden.assertTree(files, matches: "sites/\(pack)")
        Golden.assertText(Build.diagnosticsText(result), matches: "sites/\(pack).diagnostics.txt")
    }
}

@Suite struct DecisionGuideTests {
    @Test func decisionGuideOfFixturePackMatchesGolden() async throws {
        let result = await Build.plan(TestPaths.fixturePack("harbour-mini"))
        let resolved = try #require(result.resolved)
        var text = ""
        for handbook in resolved.handbooks {
            text += "# \(handbook.role.name)\n"
            text += "escalation: \(handbook.escalationPath.map(\.name).joined(separator: " → "))\n"
            for entry in handbook.guide {
                text += """
                    ## \(entry.action) [\(entry.policyID), \(entry.risk.rawValue) risk, \(entry.mode.rawValue), \(entry.involvement.rawValue)]
                    ask: \(entry.ask)
                    approve: \(entry.approve)
                    reject: \(entry.reject.joined(separator: " | "))
                    escalate to \(entry.escalateTo): \(entry.escalate.joined(separator: " | "))
                    stop: \(entry.stop.joined(separator: " | ")) — \(entry.stopCall)

                    """
            }
            text += "\n"
        }
        Golden.assertText(text, matches: "decision-guide.txt")
    }

    @Test func roleWithNoPolicyAndNoCapabilityGetsNoEntries() async throws {
        let (result, _) = await Build.plan(files: PackFiles.pack([
            "roles.yml": """
                roles:
                  - id: admin
                    name: Site administrator
                    capabilities: {copilot: execute, providers: execute}
                  - id: agent
                    name: Support agent
                    capabilities: {copilot: read}
                    escalates_to: admin

                """,
            "policies.yml": """
                policies:
                  - id: keys
                    action: Rotate a provider key
                    surface: providers
                    risk: high
                    approvers: [admin]
                    mode: production
                    kill_switch: admin

                """,
        ]))
        let resolved = try #require(result.resolved)
        #expect(resolved.handbooks.first { $0.role.id == "agent" }?.guide.isEmpty == true)
        let admin = try #require(resolved.handbooks.first { $0.role.id == "admin" }?.guide.first)
        #expect(admin.involvement == .approver)
        #expect(admin.stopCall == "You hold the kill switch: pause it yourself, then record why.")
    }
}

@Suite struct AssetTests {
    @Test func everyPageLoadsOnlyLocalFiles() async throws {
        let result = await Build.plan(TestPaths.bundledPack)
        let plan = try #require(result.plan)
        #expect(plan.file("assets/sopgen.css") != nil)
        #expect(plan.file("assets/print.css") != nil)
        for file in plan.files {
            let text = String(decoding: file.contents, as: UTF8.self)
            for pattern in ["src=\"http", "href=\"//", "@import", "url(http", "rel=\"stylesheet\" href=\"http"] {
                #expect(!text.contains(pattern), "\(file.path) loads something from the network: \(pattern)")
            }
        }
    }
}
