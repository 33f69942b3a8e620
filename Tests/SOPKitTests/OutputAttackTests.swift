import Foundation
import Testing
@testable import SOPKit

/// Issue 8, items 1–6: the output folder under attack. Each test fails on the writer before it
/// (two renames, a trusted manifest, PID-named staging, no lock, no reserved ids).
@Suite(.serialized) struct OutputAttackTests {
    let mini = TestPaths.fixturePack("harbour-mini")

    func sopgen(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> ProcessRun {
        try ProcessRun.run(TestPaths.sopgenBinary.path, arguments, in: directory, environment: environment)
    }

    /// Entries beside the output that a build leaves (staging, retired folders, lock files).
    func leftovers(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.contains("sopgen") }.sorted()
    }

    // MARK: 1. A symbolic link as the output

    @Test func aSymlinkedOutputIsWrittenThroughAndItsTargetIsNeverEmptied() throws {
        let folder = TemporaryFolder()
        let www = folder.url.appendingPathComponent("www"), site = folder.url.appendingPathComponent("site")
        #expect(try sopgen(["build", mini.path, "--output", www.path]).status == 0)
        let before = folder.snapshot(www)
        try FileManager.default.createSymbolicLink(atPath: site.path, withDestinationPath: "www")

        let run = try sopgen(["build", mini.path, "--output", site.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: site.path) == "www")
        #expect(folder.snapshot(www) == before)
        #expect(before.count > 10)
        #expect(leftovers(in: folder.url).isEmpty)
    }

    /// `cd site && sopgen build .. --output .` swaps the shell's folder away; run again from there,
    /// a relative path was read from `/` (helper 37: `--output site2` wrote `/site2`). Refused.
    @Test func aRelativePathFromAFolderThatNoLongerExistsIsRefused() throws {
        let folder = TemporaryFolder()
        let name = "sopgen-gone-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: "/" + name) }
        let run = try ProcessRun.run("sh", ["-c", "mkdir gone && cd gone && rmdir ../gone && exec \"$0\" build \"$1\" --output \"$2\"",
                                            TestPaths.sopgenBinary.path, mini.path, name], in: folder.url)
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("sopgen: error: the current folder no longer exists"), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: "/" + name))
        #expect(leftovers(in: URL(fileURLWithPath: "/")).isEmpty)
    }

    @Test func aSymlinkToALinkToAFolderElsewhereIsFollowedToTheEnd() throws {
        let folder = TemporaryFolder()
        let real = folder.url.appendingPathComponent("deploy/current")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("hop").path, withDestinationPath: "deploy/current")
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("site").path, withDestinationPath: "hop")
        for _ in 0..<2 {
            let run = try sopgen(["build", mini.path, "--output", folder.url.appendingPathComponent("site").path])
            #expect(run.status == 0, "\(run.standardError)")
        }
        #expect(folder.snapshot(real)["index.html"] != nil)
        #expect(FileKind.of(folder.url.appendingPathComponent("site").path) == .link)
        #expect(leftovers(in: folder.url.appendingPathComponent("deploy")).isEmpty)
    }

    @Test func aSymlinkLoopAsTheOutputIsRefused() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("a").path, withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("b").path, withDestinationPath: "a")
        let run = try sopgen(["build", mini.path, "--output", folder.url.appendingPathComponent("a").path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("too many symbolic links"))
    }

    // MARK: 2. The manifest is input, not truth

    @Test(arguments: ["../victim.txt", "../victims", "/tmp/../etc/passwd", "./index.html", "a//b", "index.html\nindex.html",
                      // A `/` and a combining mark are one `Character`: split by Characters, this had no
                      // `..`, and the build deleted the file `\u{301}victim.txt` beside the output.
                      "../\u{301}victim.txt"])
    func aManifestEntryOutsideTheOutputIsRefusedNamingItsLine(entry: String) throws {
        let folder = TemporaryFolder()
        let site = folder.url.appendingPathComponent("site")
        folder.write(["victim.txt": "precious", "victims/one.txt": "precious too", "\u{301}victim.txt": "precious as well"])
        #expect(try sopgen(["build", mini.path, "--output", site.path]).status == 0)
        let manifest = site.appendingPathComponent(SiteWriter.manifestName)
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try Data((text + entry + "\n").utf8).write(to: manifest)
        let before = folder.snapshot(folder.url)

        let run = try sopgen(["build", mini.path, "--output", site.path])
        #expect(run.status == 1)
        let line = text.split(separator: "\n").count + 1
        #expect(run.standardError.contains(".sopgen-manifest:\(line): bad manifest entry: "), "\(run.standardError)")
        #expect(folder.snapshot(folder.url) == before)
    }

    @Test func aLinkedFolderInsideTheOutputIsNeverReachedThrough() throws {
        let folder = TemporaryFolder()
        let site = folder.url.appendingPathComponent("site"), elsewhere = folder.url.appendingPathComponent("elsewhere")
        #expect(try sopgen(["build", mini.path, "--output", site.path]).status == 0)
        // Someone replaces assets/ with a link to a folder holding a file of the same name.
        let assets = site.appendingPathComponent("assets")
        let names = try FileManager.default.contentsOfDirectory(atPath: assets.path)
        try FileManager.default.moveItem(at: assets, to: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: assets.path, withDestinationPath: elsewhere.path)

        let run = try sopgen(["build", mini.path, "--output", site.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("holds files that sopgen did not write"))
        #expect(run.standardError.contains("  assets\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).sorted() == names.sorted())
    }

    @Test func discardRemovesOnlyListedRegularFiles() throws {
        let folder = TemporaryFolder()
        folder.write(["root/a.html": "mine", "root/keep.txt": "yours", "outside/b.html": "outside"])
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("root/link").path,
                                                   withDestinationPath: folder.url.appendingPathComponent("outside").path)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("root/c.html").path,
                                                   withDestinationPath: folder.url.appendingPathComponent("outside/b.html").path)
        SiteWriter().discard(folder.url.appendingPathComponent("root").path, listing: ["a.html", "link/b.html", "c.html", "keep.txt/x"])
        let left = folder.snapshot(folder.url)
        #expect(left["root/a.html"] == nil)
        #expect(left["root/keep.txt"] == Data("yours".utf8))
        #expect(left["outside/b.html"] == Data("outside".utf8))
        #expect(FileKind.of(folder.url.appendingPathComponent("root/c.html").path) == .link)
    }

    @Test func manifestParsingAcceptsCRLFAndRejectsEveryUnsafeEntry() throws {
        let header = OutputManifest.header
        #expect(try OutputManifest.parse("\(header)\r\nindex.html\r\nroles/a/index.html\r\n").get().files == ["index.html", "roles/a/index.html"])
        for entry in ["..", "../x", "a/../../x", "/abs", "", "a/./b", "a/", "x\u{1B}[2J", OutputManifest.name,
                      "../\u{301}x", "a/\u{301}/../../x", "/\u{301}abs"] {
            guard case .failure(.badEntry(line: 2, _, _)) = OutputManifest.parse("\(header)\n\(entry)\nlast\n") else {
                Issue.record("accepted \(entry.debugDescription)")
                continue
            }
        }
        #expect(OutputManifest.parse("not a manifest\nindex.html\n") == .failure(.notAManifest))
    }

    // MARK: 3. Crash safety, locking, leftovers

    /// The mini pack built into `site` (`old`: its snapshot), then its title edited: `new` is the
    /// snapshot of a fresh build of the edited pack, what the next build of `site` must publish.
    func builtThenEdited() throws -> (folder: TemporaryFolder, pack: URL, site: URL, old: [String: Data], new: [String: Data]) {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(mini)
        let site = folder.url.appendingPathComponent("site")
        #expect(try sopgen(["build", pack.path, "--output", site.path]).status == 0)
        let old = folder.snapshot(site)
        let sopgenYML = pack.appendingPathComponent("sopgen.yml")
        try Data((try String(contentsOf: sopgenYML, encoding: .utf8)).replacingOccurrences(of: "title: ", with: "title: New ").utf8).write(to: sopgenYML)
        let reference = folder.url.appendingPathComponent("reference")
        #expect(try sopgen(["build", pack.path, "--output", reference.path]).status == 0)
        return (folder, pack, site, old, folder.snapshot(reference))
    }

    /// Kills the build at every checkpoint of both swaps; the output is always one whole site
    /// (the old or the new one, byte for byte), and the next build finishes the job and cleans up.
    @Test(arguments: [("locked", "exchange"), ("half-written", "exchange"), ("staged", "exchange"), ("rechecked", "exchange"),
                      ("swapped", "exchange"), ("half-written", "two-renames"), ("rechecked", "two-renames"),
                      ("retired", "two-renames"), ("swapped", "two-renames")])
    func aBuildKilledAtAnyPointLeavesACompleteSite(point: String, swap: String) throws {
        let (folder, pack, site, old, new) = try builtThenEdited()
        #expect(new != old)

        let killed = try sopgen(["build", pack.path, "--output", site.path],
                                environment: ["SOPGEN_TEST_KILL_AT": point, "SOPGEN_TEST_SWAP": swap])
        #expect(killed.signalled && killed.status == SIGKILL, "the hook did not fire at \(point)")
        let afterKill = folder.snapshot(site)
        if point == "retired" {
            // The one moment of the fallback without an output: the retired folder holds it whole.
            #expect(FileKind.of(site.path) == .missing)
        } else {
            #expect(afterKill == old || afterKill == new, "an incomplete site after a kill at \(point)")
        }

        let next = try sopgen(["build", pack.path, "--output", site.path])
        #expect(next.status == 0, "\(next.standardError)")
        #expect(folder.snapshot(site) == new)
        #expect(leftovers(in: folder.url).isEmpty, "left \(leftovers(in: folder.url))")
    }

    /// Ctrl-C during a build left its staging folder (`.site.sopgen-new-…`, a partial site) beside
    /// the output until the next build (red team). Stopped by SIGINT, SIGTERM or SIGHUP while it
    /// stages, a build removes what it wrote there and ends by the signal, the old output whole; once
    /// it is publishing (the last look at the output, the swap), the stop waits for that to end: the
    /// new site is in place, and the build ends by the signal or, finishing first, normally.
    @Test(arguments: [("half-written", "INT", "exchange"), ("staged", "TERM", "exchange"), ("half-written", "HUP", "two-renames"),
                      ("rechecked", "INT", "two-renames"), ("retired", "INT", "two-renames"), ("swapped", "INT", "exchange")])
    func aStoppedBuildLeavesItsOutputAndNoStagingFolder(point: String, signal: String, swap: String) throws {
        let (folder, pack, site, old, new) = try builtThenEdited()

        let stopped = try sopgen(["build", pack.path, "--output", site.path],
                                 environment: ["SOPGEN_TEST_KILL_AT": point, "SOPGEN_TEST_KILL_SIGNAL": signal, "SOPGEN_TEST_SWAP": swap])
        let number = ["INT": SIGINT, "TERM": SIGTERM, "HUP": SIGHUP][signal]!
        let swapping = ["rechecked", "retired", "swapped"].contains(point)
        #expect((stopped.signalled && stopped.status == number) || (swapping && stopped.status == 0), "\(stopped.standardError)")
        #expect(folder.snapshot(site) == (swapping ? new : old), "the output after a stop at \(point)")
        if !swapping {
            #expect(leftovers(in: folder.url).isEmpty, "left \(leftovers(in: folder.url))")
        }
        let next = try sopgen(["build", pack.path, "--output", site.path])
        #expect(next.status == 0, "\(next.standardError)")
        #expect(folder.snapshot(site) == new)
        #expect(leftovers(in: folder.url).isEmpty, "left \(leftovers(in: folder.url))")
    }

    /// Ctrl-C while pages were still being made left a staging folder no later build removed: the
    /// stop emptied it and removed its manifest while the writers went on creating pages, which
    /// then stood there with nothing saying sopgen wrote them (red team: 14 stops of 14 on the
    /// 5,000-SOP pack). A stop now refuses every file and folder created after it begins. Here the
    /// build goes on writing after it sends itself the signal, with hundreds of pages to go.
    @Test(arguments: ["INT", "TERM"])
    func aStopWhilePagesAreStillBeingWrittenLeavesNothingBehind(signal: String) throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(mini)
        let replies = try String(contentsOf: pack.appendingPathComponent("procedures/support/replies.md"), encoding: .utf8)
        for number in 1...150 {
            let text = replies.replacingOccurrences(of: "title: Support replies", with: "title: Support replies \(number)")
            try Data(text.utf8).write(to: pack.appendingPathComponent("procedures/support/replies-\(number).md"))
        }
        let site = folder.url.appendingPathComponent("site")
        #expect(try sopgen(["build", pack.path, "--output", site.path]).status == 0)
        let old = folder.snapshot(site)

        let stopped = try sopgen(["build", pack.path, "--output", site.path],
                                 environment: ["SOPGEN_TEST_KILL_AT": "half-written", "SOPGEN_TEST_KILL_SIGNAL": signal,
                                               "SOPGEN_TEST_KILL_NO_WAIT": "1"])
        #expect(stopped.signalled && stopped.status == ["INT": SIGINT, "TERM": SIGTERM][signal]!, "\(stopped.standardError)")
        #expect(folder.snapshot(site) == old)
        #expect(leftovers(in: folder.url).isEmpty, "left \(leftovers(in: folder.url))")
        let next = try sopgen(["build", pack.path, "--output", site.path])
        #expect(next.status == 0 && !next.standardError.contains("left '"), "\(next.standardError)")
        #expect(leftovers(in: folder.url).isEmpty, "left \(leftovers(in: folder.url))")
    }

    @Test func leftoversOfDeadBuildsAreCleanedButNeverAFileSopgenDidNotWrite() throws {
        let folder = TemporaryFolder()
        let site = folder.url.appendingPathComponent("site")
        #expect(try sopgen(["build", mini.path, "--output", site.path]).status == 0)
        // A dead build's staging folder (PID 1 in a container, every time), and a retired folder
        // into which someone had dropped a file.
        folder.write([".site.sopgen-new-1/\(SiteWriter.manifestName)": OutputManifest(files: ["index.html", "roles/a.html"]).text,
                      ".site.sopgen-new-1/index.html": "half", ".site.sopgen-new-1/roles/a.html": "half",
                      ".site.sopgen-old-1/\(SiteWriter.manifestName)": OutputManifest(files: ["index.html"]).text,
                      ".site.sopgen-old-1/index.html": "old", ".site.sopgen-old-1/notes.txt": "mine"])
        let run = try sopgen(["build", mini.path, "--output", site.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("removed '.site.sopgen-new-1', left by a build that was stopped"))
        #expect(run.standardError.contains("sopgen-old-1' in place: it holds files sopgen did not write"))
        #expect(leftovers(in: folder.url) == [".site.sopgen-old-1"])
        #expect(folder.snapshot(folder.url.appendingPathComponent(".site.sopgen-old-1")) == ["notes.txt": Data("mine".utf8)])
        #expect(try sopgen(["build", mini.path, "--output", site.path]).status == 0)
    }

    @Test func concurrentBuildsOfTwoPacksIntoOneOutputTakeTurns() throws {
        let folder = TemporaryFolder()
        let site = folder.url.appendingPathComponent("site")
        let packs = [TestPaths.bundledPack, mini]
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 6) { index in
            let run = try? sopgen(["build", packs[index % 2].path, "--output", site.path])
            results.append(run)
        }
        for run in results.all {
            #expect(run?.status == 0, "\(run?.standardError ?? "did not run")")
        }
        #expect(leftovers(in: folder.url).isEmpty, "left \(leftovers(in: folder.url))")
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        let manifest = try String(contentsOf: site.appendingPathComponent(SiteWriter.manifestName), encoding: .utf8)
        #expect(Set(manifest.split(separator: "\n").dropFirst().map(String.init)) == Set(folder.snapshot(site).keys).subtracting([SiteWriter.manifestName]))
        #expect(index.contains("<html"))
    }

    @Test func aFileDroppedIntoTheOutputDuringABuildIsRefusedOrKeptNeverHidden() async throws {
        let folder = TemporaryFolder()
        let site = folder.url.appendingPathComponent("site")
        let pipeline = Pipeline(packRoot: mini, today: TestClock.today)
        #expect(try await pipeline.build(into: site).succeeded)
        // Dropped while the new site is staged: the check just before the swap refuses it.
        let early = SiteWriter { point in
            if point == .staged { try? Data("notes".utf8).write(to: site.appendingPathComponent("early.txt")) }
        }
        await #expect(throws: SiteWriterError.self) { try await pipeline.build(into: site, writer: early) }
        #expect(folder.snapshot(site)["early.txt"] == Data("notes".utf8))
        try FileManager.default.removeItem(at: site.appendingPathComponent("early.txt"))
        #expect(leftovers(in: folder.url).isEmpty)

        // Dropped after that check, a moment before the swap: moved back into the new output and reported.
        for swap in [SiteWriter.Swap.exchange, .twoRenames] {
            let late = SiteWriter(swap: swap) { point in
                if point == .rechecked { try? Data("late".utf8).write(to: site.appendingPathComponent("roles/late.txt")) }
            }
            let result = try await pipeline.build(into: site, writer: late)
            #expect(result.writeNotes.count == 1)
            #expect(result.writeNotes.first?.contains("kept 1 file that appeared") == true)
            #expect(folder.snapshot(site)["roles/late.txt"] == Data("late".utf8))
            #expect(leftovers(in: folder.url).isEmpty)
            try FileManager.default.removeItem(at: site.appendingPathComponent("roles/late.txt"))
        }
    }

    // MARK: 4. Two pages at one path

    @Test func reservedSOPAndPlaybookIdsAreLocatedErrors() throws {
        let folder = TemporaryFolder()
        folder.write(PackFiles.pack(PackFiles.sop("index", body: "x\n").merging(PackFiles.sop("print", body: "y\n")) { $1 }))
        let run = try sopgen(["build", folder.url.path, "--output", folder.url.appendingPathComponent("site").path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("procedures/index.md:1:1: error: SOP id 'index' is reserved for a handbook page"))
        #expect(run.standardError.contains("procedures/print.md:1:1: error: SOP id 'print' is reserved"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("site").path))
    }

    /// An SOP whose id is an id the theme's print page writes (`content` from the layout,
    /// `decision-guide-title` from a partial of the print page) gave that page two elements with
    /// one id, and the print contents' link to the SOP landed on the theme's (attack5). Located
    /// errors now. (A heading cannot collide there: print views prefix heading ids with the SOP id.)
    @Test(arguments: ["content", "contents-title", "decision-guide-title", "escalation-title", "site-record-title"])
    func anSOPIdThePrintPageAlreadyHasIsALocatedError(id: String) throws {
        let folder = TemporaryFolder()
        folder.write(PackFiles.pack(PackFiles.sop(id, body: "x\n")))
        let run = try sopgen(["check", folder.url.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("procedures/\(id).md:1:1: error: SOP id '\(id)' is an id the theme's print handbook page already has"),
                "\(run.standardError)")
        #expect(run.standardError.contains("[reserved-id]"))
    }

    /// The print page's decision cards are `id="policy-<policy id>"`: an SOP named so gave the page
    /// two elements with one id, its contents link landing on the card (attack6). An SOP id that
    /// only starts with `policy-` is fine.
    @Test func anSOPIdThePrintPageMakesFromAPolicyIsALocatedError() throws {
        let folder = TemporaryFolder()
        var files = PackFiles.pack(PackFiles.sop("policy-refunds", body: "x\n"))
        files.merge(PackFiles.sop("policy-review", body: "x\n")) { $1 }
        files["policies.yml"] = "policies: [{id: refunds, action: Issue a refund, surface: copilot, risk: low, proposers: [agent], approvers: [admin], mode: production, rollback: Reverse it.}]\n"
        folder.write(files)
        let run = try sopgen(["check", folder.url.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("procedures/policy-refunds.md:1:1: error: SOP id 'policy-refunds' is an id the theme's print handbook page makes (id=\"policy-…\" for 'refunds')"),
                "\(run.standardError)")
        #expect(!run.standardError.contains("'policy-review'"), "\(run.standardError)")
    }

    @Test func theWriterRefusesAPlanWithTwoFilesAtOnePath() throws {
        let folder = TemporaryFolder()
        var twice = OutputPlan()
        twice.add("roles/a/index.html", "one")
        twice.add("roles/a/index.html", "two")
        #expect(throws: SiteWriterError.duplicatePath("roles/a/index.html")) { try SiteWriter().write(twice, to: folder.url.appendingPathComponent("a")) }
        var fileAndFolder = OutputPlan()
        fileAndFolder.add("roles/a", "one")
        fileAndFolder.add("roles/a/index.html", "two")
        #expect(throws: SiteWriterError.duplicatePath("roles/a")) { try SiteWriter().write(fileAndFolder, to: folder.url.appendingPathComponent("b")) }
        var escaping = OutputPlan()
        escaping.add("../x.html", "x")
        #expect(throws: SiteWriterError.self) { try SiteWriter().write(escaping, to: folder.url.appendingPathComponent("c")) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    // MARK: 5. An output inside the pack

    @Test(arguments: ["procedures/site", "sites", "templates/out", ".",
                      // A folder not there yet whose name starts with a combining mark: by
                      // `Character`, `procedures/\u{301}x` was not inside `procedures` (helper 45).
                      "procedures/\u{301}x/out"])
    func anOutputInsideThePackSourcesIsRefused(inside: String) throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(mini)
        let before = folder.snapshot(pack)
        let run = try sopgen(["build", pack.path, "--output", pack.appendingPathComponent(inside).path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("choose an output outside the pack's sources"), "\(run.standardError)")
        #expect(folder.snapshot(pack) == before)
        #expect(try sopgen(["check", pack.path]).status == 0)
    }

    // MARK: 6. checklist --output

    @Test func checklistOutputNeverOverwritesPackSourcesOrForeignFiles() throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        let roles = try Data(contentsOf: pack.appendingPathComponent("roles.yml"))
        let arguments = ["checklist", pack.path, "--site", "harbour-store", "--kind", "rollout", "--output"]
        for target in ["roles.yml", "procedures/new.html", "sites/harbour-store.yml"] {
            for force in [[], ["--force"]] {
                let run = try sopgen(arguments + [pack.appendingPathComponent(target).path] + force)
                #expect(run.status == 1)
                #expect(run.standardError.contains("sopgen never writes pack sources, not even with --force"), "\(run.standardError)")
            }
        }
        #expect(try Data(contentsOf: pack.appendingPathComponent("roles.yml")) == roles)
        #expect(!FileManager.default.fileExists(atPath: pack.appendingPathComponent("procedures/new.html").path))

        let notes = folder.url.appendingPathComponent("notes.html")
        folder.write(["notes.html": "my notes"])
        let refused = try sopgen(arguments + [notes.path])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("exists and sopgen did not write it"))
        #expect(try String(contentsOf: notes, encoding: .utf8) == "my notes")

        let link = folder.url.appendingPathComponent("link.html")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: notes.path)
        #expect(try sopgen(arguments + [link.path, "--force"]).status == 1)
        #expect(try String(contentsOf: notes, encoding: .utf8) == "my notes")

        for format in ["html", "md", "json"] {
            let mine = folder.url.appendingPathComponent("rollout.\(format)")
            #expect(try sopgen(arguments + [mine.path, "--format", format]).status == 0)
            #expect(try sopgen(arguments + [mine.path, "--format", format]).status == 0, "a file sopgen wrote is replaced without --force")
        }
        #expect(try sopgen(arguments + [notes.path, "--force"]).status == 0)
        #expect(try String(contentsOf: notes, encoding: .utf8).contains("<meta name=\"generator\" content=\"sopgen\">"))
        #expect(leftovers(in: folder.url).isEmpty)
    }
}

private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [ProcessRun?] = []
    func append(_ run: ProcessRun?) { lock.withLock { runs.append(run) } }
    var all: [ProcessRun?] { lock.withLock { runs } }
}
