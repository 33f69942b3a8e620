import Foundation
import Testing
@testable import SOPKit

/// The knowledge check's files and the sign-off sheet: GIFT that reads back to the same questions
/// whatever the pack's text holds, pages that escape it, and `--since` files read as untrusted input.
@Suite struct TrainingOutputTests {
    static func plan(_ files: [String: String], since: HandbookVersion? = nil) async throws -> (OutputPlan, ResolvedPack) {
        var pipeline = Pipeline(packRoot: URL(fileURLWithPath: "/in-memory-pack"), today: TestClock.today)
        pipeline.since = since
        let result = await pipeline.plan(InMemoryPack.loaded(files))
        #expect(!result.diagnostics.hasErrors, "\(DiagnosticFormatter(sources: result.sources).format(result.diagnostics))")
        return (try #require(result.plan), try #require(result.resolved))
    }

    static func assertReadsBack(_ gift: String, as check: KnowledgeCheck, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let parsed = try GIFTParser.parse(gift)
        #expect(parsed.count == check.questions.count, sourceLocation: sourceLocation)
        for (read, question) in zip(parsed, check.questions) {
            #expect(read.title == question.id, sourceLocation: sourceLocation)
            #expect(read.format == "html", sourceLocation: sourceLocation)
            #expect(read.text == question.prompt, sourceLocation: sourceLocation)
            #expect(read.options == question.options, sourceLocation: sourceLocation)
            #expect(read.correct == [question.answer], sourceLocation: sourceLocation)
            let more = question.links.map(\.label).joined(separator: "; ")
            #expect(read.generalFeedback == question.explanation + " See: " + more + ".", sourceLocation: sourceLocation)
        }
    }

    @Test func everyBundledRolesGIFTReadsBackToTheSameQuestions() async throws {
        let (plan, resolved) = try await Self.plan(KnowledgeCheckTests.bundled)
        for handbook in resolved.handbooks {
            let gift = try #require(plan.text("roles/\(handbook.role.id)/check.gift"))
            try Self.assertReadsBack(gift, as: handbook.check)
        }
    }

    /// Every character GIFT gives a meaning, HTML, a format marker and a line break in the pack's
    /// own text: the GIFT reads back to it, and the pages show it as text.
    static let hostile = PackFiles.pack([
        "roles.yml": """
            roles:
              - id: admin
                name: "Admin {lead} = ~boss~"
                capabilities: {copilot: execute, approvals: execute}
                refusals:
                  - "[html]<script>alert(1)</script> never"
                  - "Back\\\\slash \\\\n and # hash: 100% {ok}"
              - id: agent
                name: "Agent: <b>bold</b>"
                capabilities: {copilot: draft, approvals: draft}
                escalates_to: admin
                refusals: ["=Equals first", "~Tilde first", "//comment-like", "Line one\\nline two"]
              - id: third
                name: "Third & co"
                capabilities: {copilot: read}
                escalates_to: admin
                refusals: ["[plain] marker", "::title-like::"]

            """,
        "policies.yml": """
            policies:
              - id: refunds
                action: "Refund {order} = x ~ y # z : w \\\\ v <i>"
                surface: approvals
                risk: high
                proposers: [agent]
                approvers: [admin]
                mode: production
                reject_when: ["[html]<img src=x onerror=alert(1)>", "Amount > 100 & < 200"]
                escalate_when: ["A: b = c", "Multi\\nline"]
                stop_when: ["#####", "}{"]
                kill_switch: admin
                rollback: Reverse it.
              - id: other
                action: Other
                surface: copilot
                risk: low
                proposers: [agent]
                approvers: [admin]
                mode: read-only
                reject_when: ["Other reject {1}", "Other reject 2"]
                escalate_when: ["Other escalate ~1", "Other escalate 2"]
                stop_when: ["Other stop =1", "Other stop 2"]

            """,
    ])

    @Test func gIFTsSpecialCharactersHTMLAndMarkersInThePackReadBackAsWritten() async throws {
        let (plan, resolved) = try await Self.plan(Self.hostile)
        for handbook in resolved.handbooks {
            #expect(!handbook.check.questions.isEmpty)
            let gift = try #require(plan.text("roles/\(handbook.role.id)/check.gift"))
            try Self.assertReadsBack(gift, as: handbook.check)
            // No line of a question starts a comment or a new question: texts stay on their line.
            for line in gift.split(separator: "\n") where !line.hasPrefix("//") {
                #expect(line.hasPrefix("::") || line.hasPrefix("\t") || line == "}", "\(line)")
            }
            for page in ["check.html", "check-print.html", "check-key.html", "sign-off.html"] {
                let html = try #require(plan.text("roles/\(handbook.role.id)/\(page)"))
                #expect(!html.contains("<script>alert"), "\(page)")
                #expect(!html.contains("<img src=x"), "\(page)")
                #expect(!html.contains("<b>bold</b>"), "\(page)")
            }
        }
        let agent = try #require(resolved.handbooks.first { $0.role.id == "agent" })
        #expect(agent.check.questions.contains { $0.options.contains("Line one\nline two") })
    }

    @Test func theAnswerKeyHasTheAnswersAndThePrintableSheetDoesNot() async throws {
        let (plan, resolved) = try await Self.plan(KnowledgeCheckTests.bundled)
        let handbook = try #require(resolved.handbooks.first { $0.role.id == "store-manager" })
        let sheet = try #require(plan.text("roles/store-manager/check-print.html"))
        let key = try #require(plan.text("roles/store-manager/check-key.html"))
        for question in handbook.check.questions {
            let explanation = HTMLText.escape(question.explanation)
            #expect(key.contains(explanation))
            #expect(!sheet.contains(explanation))
        }
        #expect(!sheet.contains("data-answer") && !sheet.contains("key-answer"))
        #expect(!sheet.contains("<script") && !key.contains("<script"))
    }

    @Test func aRoleThePackDecidesNothingForGetsAnHonestEmptyCheck() async throws {
        var files = PackFiles.base
        files["roles.yml"] = """
            roles:
              - id: admin
                name: Site administrator
                capabilities: {}

            """
        files = files.merging(PackFiles.sop(audience: "[admin]", body: "Text.\n")) { $1 }
        let (plan, resolved) = try await Self.plan(files)
        #expect(resolved.handbooks.first?.check.questions == [])
        #expect(plan.text("roles/admin/check.html")?.contains("The pack decides no question for this role yet.") == true)
        #expect(plan.text("roles/admin/check.html")?.contains("check.js") == false)
        #expect(try GIFTParser.parse(try #require(plan.text("roles/admin/check.gift"))) == [])
    }

    @Test func everyPersonNamedInPeopleYmlGetsASheetOfTheirOwn() async throws {
        var files = PackFiles.base
        files["people.yml"] = """
            people:
              - login: priya.raman
                name: Priya <b>Raman</b>
                role: admin
              - login: "../../etc"
                name: Dot Dot
                role: agent
              - login: Priya_Raman
                name: Another Priya
                role: admin

            """
        let (plan, _) = try await Self.plan(files)
        let priya = try #require(plan.text("roles/admin/sign-off/priya-raman.html"))
        #expect(priya.contains("<tr><th scope=\"row\">For</th><td>Priya &lt;b&gt;Raman&lt;/b&gt;</td></tr>"))
        #expect(priya.contains("href=\"../../../assets/sopgen.css\"") && priya.contains("<a href=\"../index.html\">Site administrator</a>"))
        #expect(priya.contains("sign-off for Priya \\3C b\\3E Raman"), "the footer names the person, inert in CSS")
        #expect(plan.text("roles/admin/sign-off/priya-raman-2.html")?.contains("Another Priya") == true)
        #expect(plan.text("roles/agent/sign-off/etc.html")?.contains("Dot Dot") == true)
        #expect(!plan.files.contains { $0.path.contains("..") })
        // The role's blank sheet stays, without a name.
        #expect(plan.text("roles/admin/sign-off.html")?.contains("scope=\"row\">For<") == false)
        #expect(TrainingRenderer.fileNames(["...", "con", "a", "a", "person-x"]).allSatisfy { Identifier.isValid($0) })
    }

    /// WordPress allows an email address as a login: a person named by one (or by a phone
    /// number) gets a sheet whose file name and text spell neither, and whose name is the one
    /// written, else the login with the address replaced.
    @Test func aLoginThatIsAnEmailAddressIsNeverSpeltInASignOffSheet() async throws {
        var files = PackFiles.base
        files["people.yml"] = """
            people:
              - login: li.private@mailbox.example
                role: admin
              - login: "+44 20 7946 0958"
                name: Sam Phone
                role: admin
              - login: priya.raman
                role: admin

            """
        let (plan, _) = try await Self.plan(files)
        let sheets = plan.files.filter { $0.path.hasPrefix("roles/admin/sign-off/") }
        #expect(sheets.map(\.path).sorted() == ["roles/admin/sign-off/person-1.html", "roles/admin/sign-off/person-2.html",
                                                "roles/admin/sign-off/priya-raman.html"])
        for file in plan.files {
            let text = plan.text(file.path) ?? ""
            #expect(!file.path.contains("private") && !file.path.contains("7946"), "\(file.path)")
            #expect(!text.contains("li.private") && !text.contains("7946 0958"), "\(file.path)")
        }
        #expect(plan.text("roles/admin/sign-off/person-1.html")?.contains("[removed: email address]") == true)
        #expect(plan.text("roles/admin/sign-off/person-2.html")?.contains("Sam Phone") == true)
        let names = TrainingRenderer.fileNames(["a@b.example", "person-2", "c@d.example", "c@d.example"])
        #expect(Set(names).count == 4 && names.allSatisfy { Identifier.isValid($0) } && names[0] == "person-1")
    }

    // MARK: - Handbook versions and --since

    @Test func theVersionFileNamesEverySOPWithItsHashAndReaders() async throws {
        let (plan, _) = try await Self.plan(PackFiles.base)
        let text = try #require(plan.text(HandbookVersion.fileName))
        let version = try HandbookVersion.decode(Data(text.utf8), shown: "v").get()
        #expect(version.sops.map(\.id) == ["guide"])
        #expect(version.sops[0].roles == ["admin", "agent"])
        #expect(version.date == "2026-11-01")
        #expect(version.inputs?.count == 12)
        let again = try await Self.plan(PackFiles.base).0.text(HandbookVersion.fileName)
        #expect(again == text)
    }

    @Test func theSignOffListsWhatWasAddedChangedAndRemovedSinceAnEarlierVersion() async throws {
        var earlier = PackFiles.base.merging(PackFiles.sop("retired", audience: "[agent]", body: "Old.\n")) { $1 }
        earlier = earlier.merging(PackFiles.sop("steady", audience: "[agent]", body: "Same.\n")) { $1 }
        let (earlierPlan, _) = try await Self.plan(earlier)
        let version = try HandbookVersion.decode(Data(try #require(earlierPlan.text(HandbookVersion.fileName)).utf8), shown: "v").get()

        var now = PackFiles.pack(PackFiles.sop(body: "Changed text.\n"))
        now = now.merging(PackFiles.sop("steady", audience: "[agent]", body: "Same.\n")) { $1 }
        now = now.merging(PackFiles.sop("fresh", audience: "[agent]", body: "New.\n")) { $1 }
        let (plan, _) = try await Self.plan(now, since: version)
        let sheet = try #require(plan.text("roles/agent/sign-off.html"))
        let changes = try #require(sheet.components(separatedBy: "id=\"changes-title\"").dropFirst().first?.components(separatedBy: "</section>").first)
        #expect(changes.contains("<h3>Added</h3><ul><li>Fresh</li></ul>"))
        #expect(changes.contains("<h3>Changed</h3><ul><li>Guide</li></ul>"))
        #expect(changes.contains("<h3>Removed</h3><ul><li>Retired</li></ul>"))
        #expect(!changes.contains("Steady"))
        #expect(sheet.contains("Changed since \(version.inputs!) of 2026-11-01"))
        // The administrator's handbook lost and gained nothing but the changed guide.
        let admin = try #require(plan.text("roles/admin/sign-off.html"))
        #expect(admin.contains("<h3>Changed</h3><ul><li>Guide</li></ul>") && !admin.contains("Retired"))
    }

    @Test func aManifestGivesAddedAndRemovedButSaysChangesAreUnknown() throws {
        let manifest = try OutputManifest.parse("""
            \(OutputManifest.header)
            index.html
            roles/agent/index.html
            roles/agent/print.html
            roles/agent/check.html
            roles/agent/old.html
            roles/agent/kept.html
            roles/admin/kept.html
            sops/old.html
            sops/kept.html

            """).get()
        let version = HandbookVersion.fromManifest(manifest)
        #expect(version.sops.map(\.id) == ["kept", "old"])
        #expect(version.sops.map(\.roles) == [["admin", "agent"], ["agent"]])
        let now = HandbookVersion(inputs: "abc", date: nil, sops: [
            .init(id: "kept", title: "Kept", hash: "1", lastReviewed: nil, roles: ["agent"]),
            .init(id: "new", title: "New", hash: "2", lastReviewed: nil, roles: ["agent"]),
        ])
        let changes = HandbookChanges(role: "agent", from: version, to: now)
        #expect(changes.added.map(\.id) == ["new"])
        #expect(changes.removed.map(\.id) == ["old"])
        #expect(changes.changed.isEmpty && !changes.knowsChanges)
    }

    @Test func sinceFilesAreReadAsUntrustedInput() throws {
        let folder = TemporaryFolder()
        func write(_ name: String, _ text: String) -> URL {
            let url = folder.url.appendingPathComponent(name)
            try! Data(text.utf8).write(to: url)
            return url
        }
        func failure(_ url: URL) -> String? {
            if case .failure(let error) = HandbookVersion.read(from: url) { return error.description }
            return nil
        }
        #expect(failure(folder.url.appendingPathComponent("missing.json"))?.contains("No such file") == true)
        #expect(failure(folder.url)?.contains("not a regular file") == true)
        #expect(failure(write("junk.json", "{nope"))?.contains("not a handbook version file") == true)
        #expect(failure(write("null.json", "null"))?.contains("not a handbook version file") == true)
        #expect(failure(write("other.json", #"{"format":"x","format_version":1,"sops":[]}"#))?.contains("expected 'sopgen-handbook-version'") == true)
        let bad = #"{"format":"sopgen-handbook-version","format_version":1,"sops":[{"id":"../etc","roles":[]}]}"#
        #expect(failure(write("bad-id.json", bad))?.contains("SOP id") == true)
        let twice = #"{"format":"sopgen-handbook-version","format_version":1,"sops":[{"id":"a","roles":[]},{"id":"a","roles":[]}]}"#
        #expect(failure(write("twice.json", twice))?.contains("listed twice") == true)
        let role = #"{"format":"sopgen-handbook-version","format_version":1,"sops":[{"id":"a","roles":["A B"]}]}"#
        #expect(failure(write("role.json", role))?.contains("role id") == true)
        #expect(failure(write("huge.json", String(repeating: " ", count: PackLoader.maximumFileSize + 1)))?.contains("2 MiB") == true)
        #expect(failure(write(".sopgen-manifest", OutputManifest.header + "\n../escape.html\n"))?.contains("manifest") == true)
        let crlf = #"{"format":"sopgen-handbook-version","format_version":1,"sops":[{"id":"a","roles":["agent"]}]}"#
            .replacingOccurrences(of: ",", with: ",\r\n")
        #expect((try? HandbookVersion.read(from: write("crlf.json", crlf)).get())?.sops.map(\.id) == ["a"])
    }

    /// A manifest's version file is read beside it, but never through a symbolic link.
    @Test func theVersionFileBesideAManifestIsNotReadThroughALink() throws {
        let folder = TemporaryFolder()
        let site = folder.url.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        let elsewhere = folder.url.appendingPathComponent("elsewhere.json")
        try Data(#"{"format":"sopgen-handbook-version","format_version":1,"inputs":"feedfacefeed","sops":[]}"#.utf8).write(to: elsewhere)
        let manifest = site.appendingPathComponent(OutputManifest.name)
        try Data((OutputManifest.header + "\nhandbook-version.json\nsops/a.html\nroles/agent/a.html\n").utf8).write(to: manifest)
        try FileManager.default.createSymbolicLink(at: site.appendingPathComponent(HandbookVersion.fileName), withDestinationURL: elsewhere)
        let linked = try HandbookVersion.read(from: manifest).get()
        #expect(linked.inputs == nil && linked.sops.map(\.id) == ["a"])
        try FileManager.default.removeItem(at: site.appendingPathComponent(HandbookVersion.fileName))
        try FileManager.default.copyItem(at: elsewhere, to: site.appendingPathComponent(HandbookVersion.fileName))
        #expect(try HandbookVersion.read(from: manifest).get().inputs == "feedfacefeed")
    }

    @Test func sOPIdsOfTheCheckPagesAreReserved() async {
        var files = PackFiles.base
        for id in ["check", "check-print", "check-key", "sign-off"] {
            files = files.merging(PackFiles.sop(id, body: "x\n")) { $1 }
        }
        let reserved = await InMemoryPack.diagnostics(files).filter { $0.code == .reservedId }
        #expect(reserved.count == 4)
    }
}
