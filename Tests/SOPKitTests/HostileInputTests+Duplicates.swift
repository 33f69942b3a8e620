import Foundation
import Testing

/// Two things with one id: each is reported with both places, by every command that reads the pack.
extension HostileInputTests {
    static let secondAgent = "  - id: agent\n    name: Another agent\n    capabilities: {copilot: read}\n    escalates_to: admin\n"

    @Test func twoRolesWithOneIDAreReportedByEveryCommand() throws {
        let prepare: (URL) throws -> Void = { root in
            try write(Array((PackFiles.base["roles.yml"]! + Self.secondAgent).utf8), to: "roles.yml", in: root)
            try FileManager.default.createDirectory(at: root.appendingPathComponent("checklists"), withIntermediateDirectories: true)
            try write(Array("# Rollout\n\n- [ ] Record the staging URL\n".utf8), to: "checklists/rollout.md", in: root)
        }
        let line = "roles.yml:9:9: error: role id 'agent' is already used at roles.yml:5:9 [duplicate-id]"
        expectRefused(try build(prepare), line)
        for arguments in [["check"], ["checklist", "--site", "shop", "--kind", "rollout"]] {
            let outcome = try run({ [arguments[0], $0.path] + arguments.dropFirst() }, prepare)
            #expect(outcome.status == 1, "\(arguments[0]): \(outcome.report)")
            #expect(outcome.report.contains(line), "\(arguments[0]): \(outcome.report)")
            #expect(!outcome.report.contains("Fatal error"), "\(arguments[0])")
        }
    }
}

extension HostileInputTests {
    @Test func everyKindOfIDIsCheckedForDuplicates() throws {
        let policy = "  - id: p\n    action: A\n    surface: copilot\n    risk: low\n    approvers: [admin]\n    mode: production\n    rollback: r\n"
        let files = [
            "policies.yml": "policies:\n" + policy + policy,
            "sites/old/shop.yml": PackFiles.base["sites/shop.yml"]!,
            "snippets/a/x.md": "one\n", "snippets/x.md": "two\n",
            "checklists/a/rollout.md": "- [ ] a\n", "checklists/rollout.md": "- [ ] b\n",
            "playbooks/a/p.yml": "title: P\nmode: draft\n", "playbooks/p.yml": "title: P\nmode: draft\n",
            "procedures/b/guide.md": PackFiles.sop(body: "{{> x}}\n")["procedures/guide.md"]!,
        ]
        let outcome = try run({ ["check", $0.path] }) { root in
            for (path, text) in files {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
                try write(Array(text.utf8), to: path, in: root)
            }
        }
        #expect(outcome.status == 1)
        for line in [
            "checklists/rollout.md:1:1: error: checklist id 'rollout' is already used at checklists/a/rollout.md:1:1 [duplicate-id]",
            "playbooks/p.yml:1:1: error: playbook id 'p' is already used at playbooks/a/p.yml:1:1 [duplicate-id]",
            "policies.yml:9:9: error: policy id 'p' is already used at policies.yml:2:9 [duplicate-id]",
            "procedures/guide.md:1:1: error: SOP id 'guide' is already used at procedures/b/guide.md:1:1 [duplicate-id]",
            "sites/shop.yml:1:1: error: site id 'shop' is already used at sites/old/shop.yml:1:1 [duplicate-id]",
            "snippets/x.md:1:1: error: snippet name 'x' is already used by snippets/a/x.md; '{{> x}}' could mean either [duplicate-id]",
        ] {
            #expect(outcome.report.contains(line), "\(outcome.report)")
        }
    }
}

extension HostileInputTests {
    /// A role listed twice in an SOP's audience reads it once, but would be named twice on its
    /// page: a warning at the second, naming the first.
    @Test func aRoleListedTwiceInAnAudienceIsAWarning() async throws {
        let files = PackFiles.pack(PackFiles.sop(audience: "[admin, agent, admin]", body: "Text.\n"))
        let (built, checked) = await Build.planAndCheck(files: files)
        let expected = """
            procedures/guide.md:4:26: warning: role 'admin' is already in this SOP's audience (at procedures/guide.md:4:12); list each role once [duplicate-id]
                audience: [admin, agent, admin]
                                         ^
            0 errors, 1 warning

            """
        #expect(Build.diagnosticsText(built) == expected)
        #expect(Build.diagnosticsText(checked) == expected)
        #expect(built.plan != nil)
    }
}
