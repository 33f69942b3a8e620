import Foundation
import Testing

/// Runs the built `sopgen` binary as a user would.
@Suite(.serialized) struct EndToEndTests {
    func sopgen(_ arguments: [String], input: String? = nil, in directory: URL? = nil) throws -> ProcessRun {
        try ProcessRun.run(TestPaths.sopgenBinary.path, arguments, input: input, in: directory)
    }

    @Test func buildsTheBundledPackFromAnotherDirectory() throws {
        let folder = TemporaryFolder()
        let run = try sopgen(["build", TestPaths.bundledPack.path, "--output", "out"], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasPrefix("Built "))
        #expect(run.standardOutput.contains(" pages for 9 roles into out/ in "))
        let files = folder.snapshot(folder.url.appendingPathComponent("out"))
        for path in ["index.html", "roles/support-agent/index.html", "roles/support-agent/print.html",
                     "roles/support-agent/support-drafts.html", "sops/incident-escalation.html", "assets/sopgen.css"] {
            #expect(files[path] != nil, "missing \(path)")
        }
    }

    @Test func checkReportsDiagnosticsAndFails() throws {
        let folder = TemporaryFolder()
        folder.write(PackFiles.pack(PackFiles.sop(audience: "[admn]", body: "x\n")))
        let run = try sopgen(["check", folder.url.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("procedures/guide.md:4:12: error: unknown role 'admn' in audience; did you mean 'admin'? [unknown-role]"))
        #expect(run.standardError.hasSuffix("1 error, 2 warnings\n"))
    }

    @Test func failedBuildSaysTheOutputWasNotChanged() throws {
        let folder = TemporaryFolder()
        folder.write(PackFiles.pack(["roles.yml": "roles: [\n"]))
        let run = try sopgen(["build", folder.url.path, "--output", folder.url.appendingPathComponent("site").path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("[yaml-syntax]"))
        #expect(run.standardError.contains("build failed;"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("site").path))
    }

    @Test func renderReadsStandardInput() throws {
        let run = try sopgen(["render"], input: "# Title\n\n- [ ] task\n\n<div>x</div>\n")
        #expect(run.status == 0)
        #expect(run.standardOutput == """
            <h1 id="title">Title</h1>
            <ul>
            <li><input type="checkbox" disabled="" /> task</li>
            </ul>
            <!-- raw HTML omitted -->

            """)
    }

    @Test func everyCommandExplainsItselfWithAnExample() throws {
        let commands = [[], ["build"], ["check"], ["checklist"], ["site"], ["site", "import"], ["playbook"],
                        ["playbook", "export"], ["playbook", "import"], ["playbook", "promote"], ["playbook", "localise"],
                        ["playbook", "run"], ["render"]]
        for command in commands {
            let run = try sopgen(command + ["--help"])
            #expect(run.status == 0)
            #expect(run.standardOutput.contains("Example:"), "sopgen \(command.joined(separator: " ")) --help has no example")
        }
    }

    @Test func badUsageExitsWith64() throws {
        let run = try sopgen(["build", "--no-such-option"])
        #expect(run.status == 64)
    }

    @Test func strictTurnsWarningsIntoFailure() throws {
        let pack = TestPaths.fixturePack("harbour-mini").path
        #expect(try sopgen(["check", pack]).status == 0)
        let strict = try sopgen(["check", pack, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.standardError.hasSuffix("0 errors, 3 warnings\n"))
    }

    @Test func todayDecidesWhatIsOverdue() throws {
        let pack = TestPaths.bundledPack.path
        #expect(try sopgen(["check", pack, "--today", "2026-11-21"]).standardOutput == "\(pack): no problems found\n")
        let late = try sopgen(["check", pack, "--today", "2027-06-01", "--strict"])
        #expect(late.status == 1)
        #expect(late.standardError.contains("[review-overdue]"))
        let bad = try sopgen(["check", pack, "--today", "2026-13-01"])
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("--today '2026-13-01' is not a date; write YYYY-MM-DD"))
    }

    @Test func machineFormatsGoToStandardOutput() throws {
        let pack = TestPaths.fixturePack("mistakes").path
        let json = try sopgen(["check", pack, "--today", "2026-11-21", "--format", "json"])
        #expect(json.status == 1)
        #expect(json.standardError.isEmpty)
        let document = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        #expect((document?["summary"] as? [String: Int])?["warnings"] == 24)
        let sarif = try sopgen(["check", pack, "--today", "2026-11-21", "--format", "sarif"])
        #expect(sarif.standardOutput.contains("\"version\" : \"2.1.0\""))
        // The checkout is a git work tree: uris start at its root, wherever sopgen runs from.
        #expect(sarif.standardOutput.contains("\"uri\" : \"Tests/SOPKitTests/Fixtures/packs/mistakes/roles.yml\""))
        #expect(!sarif.standardOutput.contains(TestPaths.packageRoot.path))
        let github = try sopgen(["check", pack, "--today", "2026-11-21", "--format", "github"])
        #expect(github.standardOutput.split(separator: "\n").allSatisfy { $0.hasPrefix("::error file=") || $0.hasPrefix("::warning file=") })
        #expect(try sopgen(["check", pack, "--format", "xml"]).status == 64)
    }

    @Test func checklistCommandWritesAStandalonePage() throws {
        let folder = TemporaryFolder()
        let output = folder.url.appendingPathComponent("first-run.html")
        let run = try sopgen(["checklist", TestPaths.bundledPack.path, "--site", "harbour-store", "--kind", "first-run", "--output", output.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.isEmpty, "\(run.standardError)")
        let html = try String(contentsOf: output, encoding: .utf8)
        #expect(html.contains("<style>") && !html.contains("assets/sopgen.css"))
        #expect(html.contains("First-run checklist"))
        let json = try sopgen(["checklist", TestPaths.bundledPack.path, "--site", "harbour-store", "--kind", "rollout", "--format", "json"])
        #expect(json.standardOutput.contains("\"checklist\" : \"rollout\""))
        let markdown = try sopgen(["checklist", TestPaths.bundledPack.path, "--site", "harbour-store", "--kind", "rollout", "--format", "md"])
        #expect(markdown.standardOutput.hasPrefix("# SophMate rollout checklist — Harbour \\& Vine online store\n"))
        let unknown = try sopgen(["checklist", TestPaths.bundledPack.path, "--site", "harbour-stor", "--kind", "rollout"])
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("no site 'harbour-stor' in sites/; did you mean 'harbour-store'?"))
    }

    /// A checklist written from a pack with warnings prints them, as `build` does (helper 39: a
    /// link the checklist empties was reported by `check` only).
    @Test func checklistCommandPrintsThePacksWarnings() throws {
        let folder = TemporaryFolder()
        let root = folder.copyPack(TestPaths.bundledPack)
        try Data("## Do\n\n- [ ] Open <file:///srv/backups>\n".utf8).write(to: root.appendingPathComponent("checklists/undo.md"))
        let run = try sopgen(["checklist", root.path, "--site", "harbour-store", "--kind", "undo", "--today", "2026-11-21"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("<a href=\"\">file:///srv/backups</a>"))
        #expect(run.standardError == """
            checklists/undo.md:3:12: warning: link to 'file:///srv/backups' leads nowhere: the handbook empties file: addresses, \
            which can run code or open files in the reader's browser; link to a web page or an SOP, or set options.unsafe_html: true \
            in sopgen.yml to keep it [unsafe-link]
                - [ ] Open <file:///srv/backups>
                           ^
            0 errors, 1 warning

            """, "\(run.standardError)")
    }

    @Test func siteImportFillsARecordAndIsIdempotent() throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        let fixture = TestPaths.fixtures.appendingPathComponent("site-health/full-debug.txt").path
        let first = try sopgen(["site", "import", fixture, pack.path, "--site", "second-store"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError == "")
        #expect(first.standardOutput.contains("  + production_url: https://shop.harbourandvine.example"))
        #expect(first.standardOutput.contains("Still missing for rollout: setup_owner, staging_url"))
        let record = try Data(contentsOf: pack.appendingPathComponent("sites/second-store.yml"))
        let again = try sopgen(["site", "import", fixture, pack.path, "--site", "second-store"])
        #expect(again.standardOutput == "sites/second-store.yml: no changes\nStill missing for rollout: setup_owner, staging_url\n")
        #expect(try Data(contentsOf: pack.appendingPathComponent("sites/second-store.yml")) == record)
        let check = try sopgen(["check", pack.path, "--today", "2026-11-21"])
        #expect(check.status == 0)
        #expect(!check.standardError.split(separator: "\n").contains { $0.hasPrefix("sites/second-store.yml") && $0.contains(": error:") })

        // A staging report fills the staging address only; SophMate's state there is not production's.
        let staging = TestPaths.fixtures.appendingPathComponent("site-health/sophmate-missing.txt").path
        let stagingRun = try sopgen(["site", "import", staging, pack.path, "--site", "second-store"])
        #expect(stagingRun.status == 0, "\(stagingRun.standardError)")
        #expect(stagingRun.standardOutput.contains("  + staging_url: https://staging.example-store.test"))
        #expect(!stagingRun.standardOutput.contains("sophmate_active"))
    }

    @Test func siteImportRefusesTextWithoutSiteHealth() throws {
        let folder = TemporaryFolder()
        folder.write(["notes.txt": "just some notes\n"])
        let run = try sopgen(["site", "import", folder.url.appendingPathComponent("notes.txt").path, TestPaths.bundledPack.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("holds no Site Health sections"))
    }

    @Test func playbookExportImportPromote() throws {
        let folder = TemporaryFolder()
        let source = folder.copyPack(TestPaths.fixturePack("agency-source"), as: "source")
        let target = folder.copyPack(TestPaths.fixturePack("client-target"), as: "target")
        let bundle = folder.url.appendingPathComponent("refund-triage.bundle.json")
        let export = try sopgen(["playbook", "export", "refund-triage", source.path, "--date", "2026-11-21", "--output", bundle.path])
        #expect(export.status == 0, "\(export.standardError)")
        #expect(export.standardError.contains("  connection.api_key (line 24): the value — a secret under 'api_key'"))
        #expect(export.standardError.contains("Required local changes:\n  provider-setup: Choose this site's AI provider and model"))

        let imported = try sopgen(["playbook", "import", bundle.path, "--site", "harbour", target.path])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.hasPrefix("Imported playbooks/refund-triage.yml (read-only, first run pending).\nImport review for harbour:\n"))
        #expect(imported.standardOutput.contains("  approval policy: matches — refunds-and-coupons"))
        let again = try sopgen(["playbook", "import", bundle.path, "--site", "harbour", target.path])
        #expect(again.status == 1)
        #expect(again.standardError.contains("playbooks/refund-triage.yml exists; pass --replace to overwrite it"))

        let production = try sopgen(["playbook", "promote", "refund-triage", target.path, "--to", "production", "--first-run", "pass", "--by", "Priya"])
        #expect(production.status == 1)
        #expect(production.standardError.contains("refused: localisation still open: provider-setup (to-set), knowledge-base-sources (differs)"))
        let staging = try sopgen(["playbook", "promote", "refund-triage", target.path, "--to", "staging", "--result", "pass", "--by", "Priya",
                                  "--date", "2026-11-22", "--reference", "audit 100"])
        #expect(staging.standardOutput == "refund-triage: now in staging (last run: pass in read-only by Priya, 2026-11-22 (audit 100))\n")
        let check = try sopgen(["check", target.path, "--today", "2026-11-22"])
        #expect(check.status == 0)
        #expect(check.standardError.contains("[unresolved-placeholder]"))
        #expect(check.standardError.contains("warning: imported playbook 'refund-triage' is not localised for this site: provider-setup (to-set)"))

        // Localise: fill the placeholders by hand, then resolve each point of the stored review.
        let file = target.appendingPathComponent("playbooks/refund-triage.yml")
        try Data(PlaybookFixtureText.filled(try String(contentsOf: file, encoding: .utf8)).utf8).write(to: file)
        for by in ["", "  ", "Priya\nRaman", "Priya\u{1B}[2J"] {
            let bad = try sopgen(["playbook", "localise", "refund-triage", "roles", target.path, "--by", by])
            #expect(bad.status == 64, "--by \(by.debugDescription): \(bad.standardError)")
        }
        let early = try sopgen(["playbook", "localise", "refund-triage", "nonsense", target.path, "--by", "Priya"])
        #expect(early.status == 1)
        #expect(early.standardError.contains("no localisation item 'nonsense'; open: provider-setup, knowledge-base-sources, roles"))
        for item in ["provider-setup", "knowledge-base-sources", "roles", "coupon-rules", "order-status-conventions", "support-ownership"] {
            let run = try sopgen(["playbook", "localise", "refund-triage", item, target.path, "--by", "Priya Raman", "--date", "2026-11-23"])
            #expect(run.status == 0, "\(run.standardError)")
            let refused = try sopgen(["playbook", "promote", "refund-triage", target.path, "--to", "production", "--by", "Priya"])
            #expect(refused.status == 1, "promoted with \(item) the last one resolved")
        }
        let last = try sopgen(["playbook", "localise", "refund-triage", "site-references", target.path, "--by", "Priya Raman", "--date", "2026-11-23"])
        #expect(last.standardOutput == "refund-triage: resolved site-references by Priya Raman, 2026-11-23; nothing left to localise\n")
        let accepted = try sopgen(["playbook", "promote", "refund-triage", target.path, "--to", "production", "--by", "Priya", "--date", "2026-11-24"])
        #expect(accepted.status == 0, "\(accepted.standardError)")
        #expect(try sopgen(["check", target.path, "--today", "2026-11-24"]).status == 0)

        // A failed run in production: recorded, check fails, promotion is blocked until a later pass.
        let failed = try sopgen(["playbook", "run", "refund-triage", target.path, "--result", "fail", "--by", "Tom", "--date", "2026-11-25",
                                 "--reference", "trace 4812"])
        #expect(failed.status == 1)
        #expect(failed.standardError.contains("run recorded as failed; refund-triage stays in production, promotion is blocked"))
        let broken = try sopgen(["check", target.path, "--today", "2026-11-25"])
        #expect(broken.status == 1)
        #expect(broken.standardError.contains("error: playbook 'refund-triage': its last run failed (fail in production by Tom, 2026-11-25 (trace 4812)); its review is due"))
        let blocked = try sopgen(["playbook", "promote", "refund-triage", target.path, "--to", "production", "--by", "Priya"])
        #expect(blocked.status == 1)
        #expect(blocked.standardError.contains("refused: the last run failed"))
        let fixed = try sopgen(["playbook", "run", "refund-triage", target.path, "--result", "pass", "--by", "Tom", "--date", "2026-11-26",
                                "--environment", "staging"])
        #expect(fixed.status == 0, "\(fixed.standardError)")
        #expect(try sopgen(["check", target.path, "--today", "2026-11-26"]).status == 0)
        let history = try String(contentsOf: file, encoding: .utf8)
        #expect(history.contains("  runs:\n  - date: \"2026-11-22\"\n    environment: read-only\n    result: pass\n    by: Priya\n    reference: audit 100\n"))
        #expect(history.components(separatedBy: "  - date: ").count == 4, "three runs kept")
    }

    @Test func playbookExportFailsClosedAndWritesNothing() throws {
        let folder = TemporaryFolder()
        let source = folder.copyPack(TestPaths.fixturePack("agency-source"), as: "source")
        let file = source.appendingPathComponent("playbooks/refund-triage.yml")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "connection:\n", with: "connection:\n  ghp_1234567890abcdefghijklmnopqrstuvwxYZ: token\n")
        try Data(text.utf8).write(to: file)
        let bundle = folder.url.appendingPathComponent("out.json")
        let run = try sopgen(["playbook", "export", "refund-triage", source.path, "--output", bundle.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("export refused, nothing written: the bundle would still carry GitHub token"))
        #expect(!FileManager.default.fileExists(atPath: bundle.path))
    }

    @Test func playbookExportDecidesOnPrivatePolicyAndRefusesTheSourcesIdentity() throws {
        let folder = TemporaryFolder()
        let source = folder.copyPack(TestPaths.fixturePack("agency-source"), as: "source")
        let file = source.appendingPathComponent("playbooks/refund-triage.yml")
        let original = try String(contentsOf: file, encoding: .utf8)
        let planted = original.replacingOccurrences(of: "  3. Draft the reply", with: "  3. The internal refund limit is 150 GBP. VIP customers get 20 % off.\n  4. Draft the reply")
        try Data(planted.utf8).write(to: file)
        let bundle = folder.url.appendingPathComponent("out.json")
        let run = try sopgen(["playbook", "export", "refund-triage", source.path, "--date", "2026-11-21", "--output", bundle.path, "--keep", "20 %"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("""
            Private policy in prose (amounts, limits, discount rules):
              steps (line 36): 'The internal refund limit is 150 GBP' — limit: became <<local: limit>>; --keep to export it as written
              steps (line 36): 'VIP customers get 20 % off' — discount rule: kept as written (--keep)
            """))
        #expect(run.standardError.contains("  private-policy: Set this site's amounts, limits and discount rules"))
        let written = try String(contentsOf: bundle, encoding: .utf8)
        #expect(!written.contains("150 GBP") && written.contains("VIP customers get 20 % off"))

        // The client's name in prose where it cannot be replaced whole: nothing is written.
        try Data(original.replacingOccurrences(of: "  3. Draft the reply", with: "  3. Ask Sam, as Bluebell always does.\n  4. Draft the reply").utf8).write(to: file)
        let refused = folder.url.appendingPathComponent("refused.json")
        let identity = try sopgen(["playbook", "export", "refund-triage", source.path, "--output", refused.path])
        #expect(identity.status == 1)
        #expect(identity.standardError.contains("export refused, nothing written: the bundle would still carry the source site's name 'Bluebell' in playbook.steps; a person at the source site 'Sam' in playbook.steps"))
        #expect(identity.standardError.contains("'Bluebell' in playbook.steps"))
        #expect(!FileManager.default.fileExists(atPath: refused.path))
    }
}
