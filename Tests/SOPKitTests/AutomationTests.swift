import Foundation
import Testing
@testable import SOPKit

@Suite struct AutomationTests {
    static let automation = """
        title: Order sync
        kind: workflow
        trigger: Every hour
        owner: {role: admin, person: Ada Lovelace}
        input: [orders]
        output: Updated order notes
        approval: notes
        retry: Once, then notify
        failure_notification: {to: [admin], how: Email with the run id}
        kill_switch: admin
        access: read-only

        """
    static let policies = """
        policies:
          - id: notes
            action: Add an order note
            surface: copilot
            risk: low
            approvers: [admin]
            mode: production

        """

    func check(_ automation: String, roles: String? = nil, site: String? = nil) async -> [Diagnostic] {
        var files = PackFiles.pack(["automations/sync.yml": automation, "policies.yml": Self.policies])
        if let roles { files["roles.yml"] = roles }
        if let site { files["sites/shop.yml"] = site }
        let (result, folder) = await Build.plan(files: files)
        defer { withExtendedLifetime(folder) {} }
        return result.diagnostics.filter { $0.location.path == "automations/sync.yml" }
    }

    @Test func aCompleteAutomationIsClean() async {
        #expect(await check(Self.automation).isEmpty)
    }

    @Test func eachRuleFiresAlone() async {
        func codes(_ from: String, _ to: String) async -> [String] {
            await check(Self.automation.replacingOccurrences(of: from, with: to)).map(\.code.rawValue)
        }
        #expect(await codes("owner: {role: admin, person: Ada Lovelace}", "owner: {role: admin}") == ["automation-incomplete"])
        #expect(await codes("kill_switch: admin\n", "") == ["no-kill-switch", "owner-cannot-pause"])
        #expect(await codes("{to: [admin], how: Email with the run id}", "{to: [], how: Email}") == ["notification-to-nobody"])
        #expect(await codes("{to: [admin], how: Email with the run id}", "{to: [admn]}") == ["notification-to-nobody"])
        #expect(await codes("{to: [admin], how: Email with the run id}", "{to: [admin, admn]}") == ["unknown-role"])
        #expect(await codes("failure_notification: {to: [admin], how: Email with the run id}\n", "") == ["automation-incomplete"])
        // The base pack's site documents a rollback path: without it, write needs one of its own or its policy's.
        let noRollback = PackFiles.base["sites/shop.yml"]!.replacingOccurrences(of: "rollback_path: Restore from the nightly backup.\n", with: "")
        let write = Self.automation.replacingOccurrences(of: "access: read-only", with: "access: write")
        #expect(await check(write, site: noRollback).map(\.code.rawValue) == ["no-rollback"])
        #expect(await check(write + "rollback: Undo the notes from the audit log.\n", site: noRollback).isEmpty)
        #expect(await check(write).isEmpty)
        // An owner who is not the kill switch must have execute on the automation's surface.
        let agentOwns = Self.automation.replacingOccurrences(of: "role: admin, person", with: "role: agent, person")
        #expect(await check(agentOwns).map(\.code.rawValue) == ["owner-cannot-pause"])
        #expect(await check(agentOwns.replacingOccurrences(of: "kill_switch: admin", with: "kill_switch: agent")).isEmpty)
        #expect(await codes("kind: workflow", "kind: playbook") == ["automation-incomplete"])
        #expect(await codes("kind: workflow", "kind: playbook\nplaybook: nothing") == ["unknown-playbook"])
    }

    @Test func theOwnerIsSomeonePeopleYmlNamesWhenThePackHasIt() async {
        let people = "people:\n  - login: ada\n    name: Ada Lovelace\n    role: admin\n"
        func codes(_ person: String) async -> [String] {
            let (result, folder) = await Build.plan(files: PackFiles.pack([
                "automations/sync.yml": Self.automation.replacingOccurrences(of: "Ada Lovelace", with: person),
                "policies.yml": Self.policies, "people.yml": people]))
            defer { withExtendedLifetime(folder) {} }
            return result.diagnostics.filter { $0.location.path == "automations/sync.yml" }.map(\.code.rawValue)
        }
        #expect(await codes("Ada Lovelace").isEmpty)
        #expect(await codes("ada").isEmpty, "a login names the person too")
        #expect(await codes("Ada Lovelance") == ["unknown-person"])
        // Without people.yml the name is taken as written.
        #expect(await check(Self.automation.replacingOccurrences(of: "Ada Lovelace", with: "Somebody Else")).isEmpty)
    }

    @Test func theFileNameIsTheIdAndMustBeOne() async {
        let (result, folder) = await Build.plan(files: PackFiles.pack(["automations/Bad Name.yml": Self.automation, "policies.yml": Self.policies]))
        defer { withExtendedLifetime(folder) {} }
        #expect(result.diagnostics.contains { $0.code == .invalidId && $0.location.path == "automations/Bad Name.yml" })
        let (mismatch, other) = await Build.plan(files: PackFiles.pack(["automations/sync.yml": "id: other\n" + Self.automation, "policies.yml": Self.policies]))
        defer { withExtendedLifetime(other) {} }
        #expect(mismatch.diagnostics.map(\.code.rawValue).contains("invalid-id"))
    }

    @Test func theRegisterListsEveryAutomationAndHandbooksLinkToIt() async throws {
        let result = await Pipeline(packRoot: TestPaths.bundledPack, today: TestClock.today).plan()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let plan = try #require(result.plan)
        let register = try #require(plan.text("automations/index.html"))
        #expect(register.components(separatedBy: "<tr id=").count == 4)
        #expect(register.contains("<tr id=\"support-draft-agent\" class=\"access-read-only\"><td data-label=\"Automation\">Support draft agent</td>"
            + "<td data-label=\"Kind\">agent</td><td data-label=\"Owner\">Tom Okafor (Store manager)</td>"))
        #expect(register.contains("<td data-label=\"Last run\" class=\"result-pass\">pass by Priya Raman, 2026-11-20 (Audit Log run 2291)</td>"))
        let manager = try #require(plan.text("roles/store-manager/index.html"))
        #expect(manager.contains("<a href=\"../../automations/index.html#support-draft-agent\">Support draft agent</a> — you own it (read-only)"))
        #expect(manager.contains("<a href=\"../../automations/index.html#refund-triage\">Refund triage on new tickets</a> — you approve its actions (write)"))
        #expect(plan.text("roles/operations-lead/index.html")?.contains("Low-stock watch (daily)</a> — you own it (read-only)") == true)
        #expect(plan.text("roles/support-agent/index.html")?.contains("automation-list") == true)
        #expect(plan.text("index.html")?.contains("href=\"automations/index.html\"") == true)
    }

    @Test func valuesAreEscapedOnTheRegister() async throws {
        let hostile = Self.automation.replacingOccurrences(of: "Ada Lovelace", with: "\"<script>alert(1)</script>\"")
            .replacingOccurrences(of: "title: Order sync", with: "title: \"<img src=x onerror=alert(2)>\"")
        let (result, folder) = await Build.plan(files: PackFiles.pack(["automations/sync.yml": hostile, "policies.yml": Self.policies]))
        defer { withExtendedLifetime(folder) {} }
        let register = try #require(result.plan?.text("automations/index.html"), "\(result.diagnostics)")
        #expect(!register.contains("<script>alert") && register.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!register.contains("<img src=x"))
    }

    @Test func packsWithoutAutomationsGainNoPage() async throws {
        let (result, folder) = await Build.plan(files: PackFiles.base)
        defer { withExtendedLifetime(folder) {} }
        let plan = try #require(result.plan)
        #expect(plan.text("automations/index.html") == nil)
        #expect(plan.text("roles/admin/index.html")?.contains("automation-list") == false)
    }
}
