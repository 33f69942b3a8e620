import Foundation
import Testing
@testable import SOPKit

/// What a red-team pass over this session's main found, each kept fixed: a crash reading a large
/// output folder, credentials in a site record's values, a review cadence that could never fall due,
/// an inactive SophMate not marked in the site record.
@Suite struct RedTeamFindingsTests {
    /// `readdir` entries are only as long as their name: copying a whole `dirent` read past the last
    /// one and crashed (SIGSEGV) on folders of a few thousand long names.
    @Test func aLargeFolderOfLongNamesIsListedWhole() throws {
        let folder = TemporaryFolder()
        let names = (0..<4000).map { String(format: "sop-%05d-", $0) + String(repeating: "rotate-customer-notices-", count: 9) }
        for name in names { _ = FileManager.default.createFile(atPath: folder.url.appendingPathComponent(name).path, contents: nil) }
        let directory = try Directory.open(folder.url.path)
        let listed = try #require(directory.entries())
        #expect(Set(listed) == Set(names))
    }

    @Test(arguments: [
        ("production_url: https://admin:hunter2@shop.example\n", "credentials in a URL"),
        ("rollback_path: Restore with the key sk-proj-Q9vX2mT7rL4kP8wZ3nB6yH1cF5dJ0sA2eR7tU\n", "OpenAI API key"),
        ("providers:\n  - name: OpenAI\n    model: sk-proj-Q9vX2mT7rL4kP8wZ3nB6yH1cF5dJ0sA2eR7tU\n", "OpenAI API key"),
    ])
    func aCredentialInAnySiteRecordValueIsAnError(line: String, kind: String) async throws {
        var site = PackFiles.base["sites/shop.yml"]!
        let key = String(line.prefix { $0 != ":" })
        site = site.split(separator: "\n").filter { !$0.hasPrefix(key + ":") }.joined(separator: "\n") + "\n" + line
        let (result, _) = await Build.plan(files: PackFiles.pack(["sites/shop.yml": site]))
        let text = Build.diagnosticsText(result)
        #expect(result.plan == nil)
        #expect(text.contains("error: a site record is printed on every page, and this value holds a secret (\(kind));"), "\(text)")
        #expect(text.components(separatedBy: "[secret-in-site]").count == 2, "\(text)")
    }

    @Test func aCredentialUnderACredentialKeyIsReportedOnce() async throws {
        let site = PackFiles.base["sites/shop.yml"]! + "providers:\n  - name: OpenAI\n    api_key: sk-proj-Q9vX2mT7rL4kP8wZ3nB6yH1cF5dJ0sA2eR7tU\n"
        let (result, _) = await Build.plan(files: PackFiles.pack(["sites/shop.yml": site]))
        let text = Build.diagnosticsText(result)
        #expect(text.components(separatedBy: "[secret-in-site]").count == 2, "\(text)")
    }

    @Test func siteHealthDropsTheUserAndPasswordOfItsAddresses() {
        #expect(SiteHealthFacts.withoutCredentials("https://user:pw@x.example/shop?a=b@c") == "https://x.example/shop?a=b@c")
        #expect(SiteHealthFacts.withoutCredentials("https://x.example/a@b") == "https://x.example/a@b")
        #expect(SiteHealthFacts.withoutCredentials("https://u@x.example") == "https://x.example")
        #expect(SiteHealthFacts.withoutCredentials("x.example") == "x.example")
    }

    @Test(arguments: ["daily", "every 0 weeks", "never", "hourly", "\"1 week\"", "123", "true"])
    func aCadenceThatNamesNoPeriodAndNoEventIsAnError(cadence: String) async throws {
        var files = PackFiles.pack([:])
        files["procedures/guide.md"] = files["procedures/guide.md"]!.replacingOccurrences(of: "review_cadence: monthly", with: "review_cadence: \(cadence)")
        let (result, _) = await Build.plan(files: files)
        let invalid = result.diagnostics.contains { $0.code == .invalidValue && $0.message.contains("names no period") }
        // "daily" is a period (one day): reviewed 2026-11-01, it is overdue on the pinned day instead.
        if cadence == "daily" {
            #expect(!invalid)
            #expect(result.diagnostics.contains { $0.code == .reviewOverdue })
        } else {
            #expect(invalid, "\(Build.diagnosticsText(result))")
        }
    }

    @Test func aCadenceOfEventsAloneIsKept() async throws {
        var files = PackFiles.pack([:])
        files["procedures/guide.md"] = files["procedures/guide.md"]!.replacingOccurrences(
            of: "review_cadence: monthly", with: "review_cadence: at initial setup, after hosting changes")
        let (result, _) = await Build.plan(files: files)
        #expect(!result.diagnostics.contains { $0.code == .invalidValue }, "\(Build.diagnosticsText(result))")
    }

    @Test func anInactiveSophMateIsMarkedWhereTheRecordShowsItsVersion() async throws {
        let site = PackFiles.base["sites/shop.yml"]! + "sophmate_active: false\n"
        let (result, _) = await Build.plan(files: PackFiles.pack(["sites/shop.yml": site, "sopgen.yml": "title: T\ndefault_site: shop\n"]))
        let plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        let home = try #require(plan.text("index.html"))
        #expect(home.contains("<dt>SophMate version</dt>\n<dd><strong>2.4.1</strong> <span class=\"fact-problem\">(installed but not active)</span>"), "\(home)")
    }

    /// A checklist item's continuation lines are lines of their own: a diagnostic on one points at
    /// its line and column, not past the end of the item's first line.
    @Test func aProblemOnAChecklistItemsContinuationLineIsLocatedThere() async throws {
        let checklist = "---\ntitle: X\n---\n## S\n\n- [ ] first line\n  second {{site.nope}} line\n\n   ![x](https://evil.example/x.png) third\n"
        let (result, _) = await Build.plan(files: PackFiles.pack(["checklists/x.md": checklist]))
        let text = Build.diagnosticsText(result)
        #expect(text.contains("checklists/x.md:7:10: error: '{{site.nope}}' names no value"), "\(text)")
        #expect(text.contains("checklists/x.md:9:4: error: image 'https://evil.example/x.png' would be loaded"), "\(text)")
    }

    /// GFM task lists written any way GitHub accepts are items, not silently section prose.
    @Test(arguments: ["+ [ ] Ring the owner", "1. [ ] Ring the owner", "1) [ ] Ring the owner", "12.  [x] Ring the owner",
                      "  - [ ] Ring the owner", "\t* [X] Ring the owner"])
    func everyGFMTaskMarkerIsAnItem(line: String) async throws {
        let checklist = "---\ntitle: X\n---\n## S\n\n- Before anything:\n\(line)\n"
        let (result, _) = await Build.plan(files: PackFiles.pack(["checklists/x.md": checklist]))
        let plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        let json = try #require(plan.text("checklists/shop/x.json"))
        let document = try JSONDecoder().decode(ChecklistDocument.self, from: Data(json.utf8))
        #expect(document.sections.flatMap(\.items).map(\.text) == ["Ring the owner"], "\(json)")
        #expect(document.sections.first?.intro == "- Before anything:")
    }

    /// A task nested under an item is an item of its own, not part of the text of the one above.
    @Test func aNestedTaskIsAnItemOfItsOwn() async throws {
        let checklist = "## S\n\n1. [ ] Back up\n   - [ ] the database\n   and the uploads\n"
        let (result, _) = await Build.plan(files: PackFiles.pack(["checklists/x.md": checklist]))
        let plan = try #require(result.plan, "\(Build.diagnosticsText(result))")
        let json = try #require(plan.text("checklists/shop/x.json"))
        let document = try JSONDecoder().decode(ChecklistDocument.self, from: Data(json.utf8))
        #expect(document.sections.flatMap(\.items).map(\.text) == ["Back up", "the database\nand the uploads"], "\(json)")
    }

    @Test(arguments: ["-[ ] x", "- [] x", "- [ ]x", "1234567890. [ ] x", "-- [ ] x", "a. [ ] x"])
    func lookalikesStayProse(line: String) {
        #expect(ChecklistDecoder.taskText(Substring(line)) == nil)
    }

    @Test func aValueInASectionIntroductionAndAnEmptyBoxAreReported() async throws {
        let checklist = "## S\n\nCall é {{site.support_owner}} first.\n\n- [ ] Ring\n- [ ]\n"
        let (result, _) = await Build.plan(files: PackFiles.pack(["checklists/x.md": checklist]))
        let text = Build.diagnosticsText(result)
        #expect(result.plan == nil)
        #expect(text.contains("checklists/x.md:3:8: error: a section's introduction is printed as typed"), "\(text)")
        #expect(text.contains("[value-outside-item]"), "\(text)")
        #expect(text.contains("checklists/x.md:6:6: error: this checklist item has no text"), "\(text)")
    }

    @Test func aValueInATitleHeadingOrSignOffLineIsReported() async throws {
        let checklist = "---\ntitle: For {{site.name}}\nsign_off: [Owner, '{{site.setup_owner}}']\n---\n## Hand over {{site.name}}\n\n- [ ] Ring\n"
        let (result, _) = await Build.plan(files: PackFiles.pack(["checklists/x.md": checklist]))
        let text = Build.diagnosticsText(result)
        #expect(text.contains("checklists/x.md:5:14: error: a heading is printed as typed"), "\(text)")
        #expect(text.contains("error: the title is printed as typed"), "\(text)")
        #expect(text.contains("error: a sign-off line is printed as typed"), "\(text)")
        #expect(text.components(separatedBy: "[value-outside-item]").count == 4, "\(text)")
    }

    /// Control and bidi characters written as YAML escapes are errors at the value that holds
    /// them, in every YAML file (site records, front matter, settings): none reaches a page.
    @Test(arguments: [("sites/shop.yml", "name: Shop", "name: \"Sh\\u202Eop\"", "U+202E", 1),
                      ("sites/shop.yml", "active_theme: Storefront", "active_theme: \"Store\\x07front\"", "U+0007", 8),
                      ("sites/shop.yml", "setup_owner: Ada", "setup_owner: [\"A\\u0085da\"]", "U+0085", 2),
                      ("sopgen.yml", "title: Test pack", "title: \"Test\\u2066 pack\"", "U+2066", 1),
                      ("procedures/guide.md", "title: Guide", "title: \"Gu\\u200Fide\\r\"", "U+200F", 2)])
    func aControlCharacterInAPackValueIsLocatedThere(file: String, line: String, hostile: String, name: String, lineNumber: Int) async throws {
        var files = PackFiles.pack([:])
        let original = try #require(files[file])
        files[file] = original.replacingOccurrences(of: line, with: hostile)
        #expect(files[file] != original)
        let (result, _) = await Build.plan(files: files)
        let text = Build.diagnosticsText(result)
        #expect(result.plan == nil)
        #expect(text.contains("\(file):\(lineNumber):"), "\(text)")
        #expect(text.contains("this value holds the control character \(name), which would reach pages"), "\(text)")
        #expect(text.components(separatedBy: "[control-character]").count == 2, "\(text)")
    }

    /// An alias bomb is walked at the size of its text (each anchored list once), and a control
    /// character after it is still found.
    @Test func anAliasBombIsCheckedOnceAndWhatFollowsItStillIs() async throws {
        var yaml = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        let names = "abcdefghijkl".map(String.init)
        for index in 1..<names.count {
            yaml += "\(names[index]): &\(names[index]) [" + Array(repeating: "*\(names[index - 1])", count: 9).joined(separator: ", ") + "]\n"
        }
        yaml += "z: \"\\u202E\"\n"
        let context = DecodingContext(file: SourceFile(path: "roles.yml", text: yaml))
        _ = context.compose()
        #expect(context.diagnostics.map(\.code) == [.controlCharacter])
        #expect(context.diagnostics.first?.location == SourceLocation(path: "roles.yml", line: 13, column: 4))
    }

    /// Tabs, line breaks (a CRLF file too) and right-to-left text itself are kept.
    @Test func tabsLineBreaksAndRightToLeftTextAreNotControlCharacters() async throws {
        var site = PackFiles.base["sites/shop.yml"]!.replacingOccurrences(of: "name: Shop", with: "name: \"Sh\\top \u{05E9}\u{05DC}\u{05D5}\u{05DD}\"")
        site = site.replacingOccurrences(of: "rollback_path: Restore from the nightly backup.", with: "rollback_path: |\n  Restore\n  from the backup.")
        let (result, _) = await Build.plan(files: PackFiles.pack(["sites/shop.yml": site.replacingOccurrences(of: "\n", with: "\r\n")]))
        #expect(result.plan != nil, "\(Build.diagnosticsText(result))")
        #expect(!result.diagnostics.contains { $0.code == .controlCharacter })
        #expect(ControlCharacters.firstHostile(in: "a\tb\nc \u{05E9}") == nil)
        #expect([0x00, 0x0D, 0x1F, 0x7F, 0x9F, 0x200E, 0x202A, 0x2069].allSatisfy { ControlCharacters.isHostile(Unicode.Scalar($0)!) })
        #expect(![0x20, 0xA0, 0x200D, 0x2029, 0x206A].contains { ControlCharacters.isHostile(Unicode.Scalar($0)!) })
    }

    /// `--to` before the export's first day was a window ending before it began, reviewed with
    /// exit 0: refused with the two days named. `--to` on a later day still reviews.
    @Test func aReviewWindowEndingBeforeTheExportsFirstDayIsRefused() throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        let export = pack.appendingPathComponent("examples/first-week.csv").path
        let db = folder.url.appendingPathComponent("store.sqlite").path
        let early = try ProcessRun.run(TestPaths.sopgenBinary.path, ["review", export, pack.path, "--db", db, "--to", "2026-10-01", "--format", "md"])
        #expect(early.status == 1, "\(early.standardError)")
        #expect(early.standardOutput.isEmpty)
        #expect(early.standardError.contains("sopgen: error: --to 2026-10-01 is before 2026-11-02, the first day of the export's events"), "\(early.standardError)")
        let later = try ProcessRun.run(TestPaths.sopgenBinary.path, ["review", export, pack.path, "--db", db, "--to", "2026-11-03", "--format", "md"])
        #expect(later.status == 0, "\(later.standardError)")
        #expect(later.standardOutput.hasPrefix("# Review of 2026-11-02 to 2026-11-03"))
        #expect(later.standardError.contains("sopgen: review 2026-11-02 to 2026-11-03: "))
        #expect(!later.standardError.contains(" 1 errors") && !later.standardError.contains(" 1 warnings") && !later.standardError.contains(" 1 notes"))
    }

    @Test func countsAreSingularForOne() {
        #expect(Counted.text(0, "error") == "0 errors")
        #expect(Counted.text(1, "warning") == "1 warning")
        #expect(Counted.text(2, "warning") == "2 warnings")
        #expect(Counted.text(1, "person", plural: "people") == "1 person")
        #expect(DiagnosticFormatter(sources: [:]).summary([.error(.unknownRole, "x", at: SourceLocation(path: "a"))]) == "1 error, 0 warnings")
    }

    /// A Markdown review whose summary has one error is still recognised as sopgen's own.
    @Test(arguments: ["1 error, 1 warning, 1 note", "2 errors, 0 warnings, 3 notes"])
    func aMarkdownReviewWithOneErrorIsOurs(summary: String) {
        let text = "# Review of 2026-11-02 to 2026-11-08\n\nPack · reviewed 2026-11-21 · window 2026-11-02 to 2026-11-08 · export x.csv\n\n**\(summary).**\n"
        #expect(Pipeline.isReview(Data(text.utf8)))
        #expect(!Pipeline.isReview(Data(text.replacingOccurrences(of: summary, with: "notes").utf8)))
    }

    /// `init` stopped once its pack is staged beside the folder (the test hook sends the signal):
    /// the staging folder is removed and the process still ends by that signal.
    @Test(arguments: ["TERM", "INT", "HUP"])
    func aStoppedInitLeavesNoStagingFolder(signal: String) throws {
        let folder = TemporaryFolder()
        let run = try ProcessRun.run(TestPaths.sopgenBinary.path, ["init", "sops"], in: folder.url, environment: ["SOPGEN_TEST_INIT_SIGNAL": signal])
        let numbers = ["TERM": SIGTERM, "INT": SIGINT, "HUP": SIGHUP]
        #expect(run.signalled && run.status == numbers[signal], "\(run.status) \(run.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == [], "no staging folder, no half pack")
    }

    /// `pdf` stopped while Chromium prints (a stand-in that signals sopgen, then sleeps): its
    /// temporary folder is removed, the stand-in is killed, and nothing else in TMPDIR is touched.
    @Test(arguments: ["TERM", "INT"])
    func aStoppedPDFPrintLeavesNoTemporaryFolderOrChromium(signal: String) throws {
        let folder = TemporaryFolder()
        let bin = folder.url.appendingPathComponent("bin"), temporary = folder.url.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: temporary.appendingPathComponent("sopgen-pdf-not-ours"), withIntermediateDirectories: true)
        let pidFile = folder.url.appendingPathComponent("chromium.pid").path
        let script = bin.appendingPathComponent("chromium")
        try Data("#!/bin/sh\necho $$ > '\(pidFile)'\nkill -\(signal) $PPID\nexec sleep 20\n".utf8).write(to: script)
        chmod(script.path, 0o755)
        let pack = folder.copyPack(TestPaths.fixturePack("harbour-mini"))
        let run = try ProcessRun.run(TestPaths.sopgenBinary.path, ["pdf", pack.path, "--output", "pdf", "--today", "2026-11-21"], in: folder.url,
                                     environment: ["PATH": bin.path + ":/usr/bin:/bin", "TMPDIR": temporary.path])
        #expect(run.signalled, "\(run.status) \(run.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path) == ["sopgen-pdf-not-ours"])
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("pdf").path))
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var alive = true
        for _ in 0..<100 where alive {
            // Gone, or a zombie waiting for its new parent to reap it.
            let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: " ").dropFirst(2).first
            alive = state != nil && state != "Z"
            if alive { usleep(20_000) }
        }
        #expect(!alive, "the stand-in Chromium is still running")
    }

    /// One mistake, one diagnostic: a version that starts with a number but is none is
    /// `invalid-version`, not also below the pack's minimum.
    @Test func aVersionThatIsNoVersionIsOneDiagnostic() async throws {
        let site = PackFiles.base["sites/shop.yml"]!.replacingOccurrences(of: "php_version: 8.2.28", with: "php_version: \"7 beta\"")
        let (result, _) = await Build.plan(files: PackFiles.pack(["sites/shop.yml": site, "sopgen.yml": "title: T\ndefault_site: shop\nrequirements:\n  php: \"8.3\"\n"]))
        let text = Build.diagnosticsText(result)
        #expect(result.diagnostics.map(\.code) == [.invalidVersion], "\(text)")
        #expect(VersionOrder.compare("7 beta", "8.3") == nil)
        #expect(VersionOrder.compare("7.4", "8.3") == .orderedAscending)
    }

    /// A fact written but null is reported at its key, not at the top of the file.
    @Test(arguments: ["setup_owner: ~", "setup_owner:", "setup_owner: null"])
    func aNullFactIsLocatedAtItsKey(line: String) async throws {
        let site = PackFiles.base["sites/shop.yml"]!.replacingOccurrences(of: "setup_owner: Ada", with: line)
        let (result, _) = await Build.plan(files: PackFiles.pack(["sites/shop.yml": site]))
        let missing = result.diagnostics.filter { $0.code == .missingRolloutFact }
        #expect(missing.map(\.location) == [SourceLocation(path: "sites/shop.yml", line: 2, column: 1)], "\(Build.diagnosticsText(result))")
    }

    @Test func aNullItemOfAListSaysItIsEmpty() async throws {
        let checklist = "---\ntitle: X\nsign_off: [Owner, null]\n---\n- [ ] Ring\n"
        let (result, _) = await Build.plan(files: PackFiles.pack(["checklists/x.md": checklist]))
        let text = Build.diagnosticsText(result)
        #expect(text.contains("checklists/x.md:3:19: error: each item of 'sign_off' must be text, this one is empty (null); write its text or remove it [wrong-type]"), "\(text)")
        #expect(!text.contains("not a text"))
    }

    /// `owner: ~` in an SOP was reported as missing at line 1 (this pass): a key written with a
    /// null or empty value is where the diagnostic points, as a site record's facts are.
    @Test(arguments: [("audience: [admin, agent]", "audience: ~", 4, DiagnosticCode.noAudience),
                      ("audience: [admin, agent]", "audience: []", 4, .noAudience),
                      ("owner: admin", "owner: ~", 5, .missingOwner),
                      ("review_cadence: monthly", "review_cadence:", 6, .missingReviewCadence),
                      ("last_reviewed: 2026-11-01", "last_reviewed: null", 7, .missingLastReviewed)])
    func aNullSOPFieldIsLocatedAtItsKey(field: String, null: String, line: Int, code: DiagnosticCode) async throws {
        var files = PackFiles.pack([:])
        files["procedures/guide.md"] = files["procedures/guide.md"]!.replacingOccurrences(of: field, with: null)
        let (result, _) = await Build.plan(files: files)
        let found = result.diagnostics.filter { $0.code == code }
        #expect(found.map(\.location) == [SourceLocation(path: "procedures/guide.md", line: line, column: 1)], "\(Build.diagnosticsText(result))")
    }

    @Test func aMissingSOPFieldIsStillReportedAtTheFrontMatter() async throws {
        var files = PackFiles.pack([:])
        files["procedures/guide.md"] = files["procedures/guide.md"]!.replacingOccurrences(of: "owner: admin\n", with: "")
        let (result, _) = await Build.plan(files: files)
        let found = result.diagnostics.filter { $0.code == .missingOwner }
        #expect(found.map(\.location) == [SourceLocation(path: "procedures/guide.md", line: 1, column: 1)], "\(Build.diagnosticsText(result))")
    }
}
