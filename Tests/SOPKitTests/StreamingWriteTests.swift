import Foundation
import Testing
@testable import SOPKit

/// The build renders straight into the staging folder, batch by batch: every path is known before
/// the first page renders, every batch size gives the same files, and a render error found late
/// still leaves the previous output as it was.
@Suite struct StreamingWriteTests {
    static func resolved(_ pack: URL) async -> ResolvedPack {
        let (decoded, _) = await PackDecoder().decode(PackLoader().load(from: pack))
        return PackResolver().resolve(decoded)
    }

    static func files(_ batches: SiteBatches) -> (files: [OutputPlan.File], batchSizes: [Int], diagnostics: [Diagnostic]) {
        var files: [OutputPlan.File] = []
        var sizes: [Int] = []
        let diagnostics = batches.render { (batch: [OutputPlan.File]) in
            files += batch
            sizes.append(batch.count)
        }
        return (files, sizes, diagnostics)
    }

    /// A temporary folder whose output `site` holds one page an earlier build wrote, and that
    /// output's snapshot, to compare with after a write that must leave it as it was.
    static func previousOutput() throws -> (folder: TemporaryFolder, output: URL, before: [String: Data]) {
        let folder = TemporaryFolder()
        let output = folder.url.appendingPathComponent("site")
        var plan = OutputPlan()
        plan.add("old.html", "old")
        try SiteWriter().write(plan, to: output)
        return (folder, output, folder.snapshot(output))
    }

    @Test(arguments: ["bundled", "harbour-mini", "mistakes"])
    func thePathsKnownBeforeRenderingAreTheFilesRendered(_ name: String) async {
        let pack = name == "bundled" ? TestPaths.bundledPack : TestPaths.fixturePack(name)
        let resolved = await Self.resolved(pack)
        let batches = SiteBatches(resolved)
        let (files, _, _) = Self.files(batches)
        #expect(files.map(\.path).sorted() == batches.paths.sorted())
        // The mistakes pack has two SOPs with one id: the writer refuses that, after validation has.
        if name != "mistakes" { #expect(Set(files.map(\.path)).count == files.count) }
    }

    @Test func everyBatchSizeGivesTheSameSiteAndDiagnostics() async {
        let resolved = await Self.resolved(TestPaths.bundledPack)
        let whole = Self.files(SiteBatches(resolved, batchSize: 10_000))
        let single = Self.files(SiteBatches(resolved, batchSize: 1))
        #expect(single.files.sorted { $0.path < $1.path } == whole.files.sorted { $0.path < $1.path })
        #expect(single.diagnostics == whole.diagnostics)
        // One batch per SOP, then the other pages: no batch holds the whole site.
        #expect(single.batchSizes.count > resolved.sops.count)
        #expect(single.batchSizes.max()! < whole.files.count / 2)
    }

    /// A build stops rendering at the first error, and still reports everything a full render does.
    @Test func aBuildStopsWritingAtTheFirstErrorAndReportsEverything() async {
        let resolved = await Self.resolved(TestPaths.fixturePack("mistakes"))
        let full = Self.files(SiteBatches(resolved, batchSize: 1))
        var written = 0
        let stopped = SiteBatches(resolved, batchSize: 1).render(stopsAtError: true) { (batch: [OutputPlan.File]) in written += batch.count }
        #expect(stopped == full.diagnostics)
        #expect(written < full.files.count)
    }

    @Test(arguments: ["bundled", "harbour-mini", "mistakes"])
    func checkReportsWhatPlanReportsWithoutRenderingPages(_ name: String) async {
        let pack = name == "bundled" ? TestPaths.bundledPack : TestPaths.fixturePack(name)
        let pipeline = Pipeline(packRoot: pack, today: TestClock.today)
        let checked = await pipeline.check()
        let planned = await pipeline.plan()
        #expect(checked.plan == nil)
        #expect(checked.diagnostics == planned.diagnostics)
        #expect(checked.diagnostics.hasErrors == (name == "mistakes"))
    }

    /// Decode and validation pass; only rendering finds the broken anchor, after the staging
    /// folder has files in it. The previous output stays, and no staging folder is left.
    @Test func aRenderErrorFoundWhileWritingLeavesThePreviousOutput() async throws {
        let folder = TemporaryFolder()
        folder.write(PackFiles.base)
        let output = folder.url.appendingPathComponent("out").appendingPathComponent("site")
        let pipeline = Pipeline(packRoot: folder.url, today: TestClock.today)
        #expect(try await pipeline.build(into: output).succeeded)
        let before = folder.snapshot(output)
        #expect(before["roles/agent/guide.html"] != nil)

        folder.write(PackFiles.sop("other", body: "See [the guide](guide.md#nowhere).\n"))
        let failed = try await pipeline.build(into: output)
        #expect(!failed.succeeded)
        #expect(failed.pageCount == nil)
        #expect(failed.diagnostics.map(\.code.rawValue).contains("broken-anchor"))
        #expect(folder.snapshot(output) == before)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
        #expect(siblings == ["site"])
    }

    /// The same on a first build: the staging folder goes, and no output folder is made.
    @Test func aRenderErrorOnAFirstBuildLeavesNoOutput() async throws {
        let folder = TemporaryFolder()
        folder.write(PackFiles.pack(PackFiles.sop("other", body: "See [the guide](guide.md#nowhere).\n")))
        let parent = folder.url.appendingPathComponent("out")
        let result = try await Pipeline(packRoot: folder.url, today: TestClock.today).build(into: parent.appendingPathComponent("site"))
        #expect(!result.succeeded)
        #expect(result.diagnostics.map(\.code.rawValue) == ["broken-anchor"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == [])
    }

    /// A source that writes a file it did not declare, or leaves out one it did, is refused
    /// before the swap: the manifest lists exactly what was written.
    /// Then: a streamed file the source did not declare, and a file written twice, once whole and
    /// once streamed; the same two appended.
    @Test(arguments: [["a.html", "stray.html"], ["a.html"], ["a.html", "b.html", "stream:stray.html"],
                      ["a.html", "b.html", "stream:b.html"], ["a.html", "b.html", "append:stray.html"],
                      ["a.html", "b.html", "append:b.html"]])
    func aSourceThatBreaksItsListingIsRefused(_ produced: [String]) throws {
        struct Source: OutputSource {
            var paths: [String]
            var produced: [String]
            func produce(_ write: ([OutputPlan.File]) throws(FileCreation.Failure) -> Void,
                         stream: ([StreamedFile]) throws(FileCreation.Failure) -> Void,
                         append: OutputAppend) throws(FileCreation.Failure) -> Bool {
                try write(produced.filter { !$0.hasPrefix("stream:") }.map { OutputPlan.File(path: $0, contents: Data("x".utf8)) })
                try stream(produced.filter { $0.hasPrefix("stream:") }.map {
                    StreamedFile(path: String($0.dropFirst("stream:".count)), count: 2) { _ in Data("y".utf8) }
                })
                for path in produced where path.hasPrefix("append:") { try append(String(path.dropFirst("append:".count)), Data("z".utf8), false) }
                return true
            }
        }
        let (folder, output, before) = try Self.previousOutput()
        let location = try OutputLocation.resolve(output)
        #expect(throws: SiteWriterError.self) {
            try SiteWriter().write(source: Source(paths: ["a.html", "b.html"], produced: produced), to: location)
        }
        #expect(folder.snapshot(output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["site"])
    }

    /// A file appended to between batches (the search index's shared sections) is created by its
    /// first piece and published whole, its pieces in order; one the source opened but then gave
    /// up on leaves nothing behind; a piece after the one marked last is refused (the file would
    /// be created twice) and nothing is published.
    enum AppendingSource: CaseIterable { case completes, givesUp, appendsAfterTheLast }

    @Test(arguments: AppendingSource.allCases)
    func aFileAppendedToBetweenBatchesIsPublishedWhole(_ kind: AppendingSource) throws {
        struct Source: OutputSource {
            var kind: AppendingSource
            var paths: [String] { ["a.html", "b.html", "search/common.js"] }
            func produce(_ write: ([OutputPlan.File]) throws(FileCreation.Failure) -> Void,
                         stream: ([StreamedFile]) throws(FileCreation.Failure) -> Void,
                         append: OutputAppend) throws(FileCreation.Failure) -> Bool {
                try append("search/common.js", Data("[".utf8), false)
                try write([OutputPlan.File(path: "a.html", contents: Data("a".utf8))])
                try append("search/common.js", Data("1,".utf8), false)
                guard kind != .givesUp else { return false }
                try append("search/common.js", Data("2]".utf8), true)
                try write([OutputPlan.File(path: "b.html", contents: Data("b".utf8))])
                if kind == .appendsAfterTheLast { try append("search/common.js", Data("3".utf8), true) }
                return true
            }
        }
        let (folder, output, before) = try Self.previousOutput()
        let location = try OutputLocation.resolve(output)
        switch kind {
        case .completes:
            #expect(try SiteWriter().write(source: Source(kind: kind), to: location).published)
            #expect(try String(contentsOf: output.appendingPathComponent("search/common.js"), encoding: .utf8) == "[1,2]")
            #expect(try String(contentsOf: output.appendingPathComponent("b.html"), encoding: .utf8) == "b")
        case .givesUp:
            #expect(try !SiteWriter().write(source: Source(kind: kind), to: location).published)
            #expect(folder.snapshot(output) == before)
        case .appendsAfterTheLast:
            // The error names the file by its path in the output, not its name alone (helper 48).
            let error = #expect(throws: SiteWriterError.self) { try SiteWriter().write(source: Source(kind: kind), to: location) }
            #expect(error == .cannotWrite(output.path, "search/common.js: \(String(cString: strerror(EEXIST)))"))
            #expect(folder.snapshot(output) == before)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["site"])
    }

    /// The last piece closes its file at once: a build holds the search index's shared file open
    /// only while the SOPs render, not while every role's print page is open too (helper 41: one
    /// descriptor more than before failed a build under a low `ulimit -n`).
    @Test func theLastPieceClosesItsFile() throws {
        let folder = TemporaryFolder()
        let directory = try Directory.open(folder.url.path)
        var growing = GrowingFiles()
        try growing.append(Data("[".utf8), to: "common.js", last: false) { () throws(FileCreation.Failure) -> Int32 in
            try directory.openNewFile("common.js")
        }
        #expect(growing.openCount == 1)
        try growing.append(Data("]".utf8), to: "common.js", last: true) { () throws(FileCreation.Failure) -> Int32 in
            Issue.record("opened twice")
            return -1
        }
        #expect(growing.openCount == 0)
        #expect(growing.closeAll() == 1)
        #expect(growing.closeAll() == 0)
        #expect(try String(contentsOf: folder.url.appendingPathComponent("common.js"), encoding: .utf8) == "[]")
    }

    /// Each batch is written while the next is made (`WriteLane`): a file that fails in the last
    /// batch (here written a second time) still fails the write, and a source that gives up right
    /// after a large batch leaves no staging folder behind, the batch in flight finished before the
    /// folder is discarded.
    @Test(arguments: [[["a.html", "b.html"], ["a.html"]], [["a.html"], ["a.html"], ["b.html"]]])
    func aFailureInTheBatchStillBeingWrittenFailsTheWrite(_ batches: [[String]]) throws {
        struct Source: OutputSource {
            var batches: [[String]]
            var paths: [String] { ["a.html", "b.html"] }
            func produce(_ write: ([OutputPlan.File]) throws(FileCreation.Failure) -> Void,
                         stream: ([StreamedFile]) throws(FileCreation.Failure) -> Void,
                         append: OutputAppend) throws(FileCreation.Failure) -> Bool {
                for batch in batches { try write(batch.map { OutputPlan.File(path: $0, contents: Data("x".utf8)) }) }
                return true
            }
        }
        let folder = TemporaryFolder()
        let output = folder.url.appendingPathComponent("site")
        let location = try OutputLocation.resolve(output)
        #expect(throws: SiteWriterError.self) {
            try SiteWriter().write(source: Source(batches: batches), to: location)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == [])
    }

    /// More writes at once than cores, each from a task of Swift's cooperative pool and each
    /// waiting for its batch in flight: with the batches queued on the shared pool, every thread
    /// waited and none wrote. The year-ahead pass (under faketime, where the shared pool did not
    /// grow) hung on this suite; this test hangs there with that lane. No time limit: in the
    /// whole suite its tasks wait minutes for a thread behind other tests (182 s in one run).
    @Test func writesAtOnceFromEveryCoreNeverWaitForEachOther() async throws {
        struct Source: OutputSource {
            var paths: [String] { (0..<40).map { "f\($0 % 4)/\($0).html" } }
            func produce(_ write: ([OutputPlan.File]) throws(FileCreation.Failure) -> Void,
                         stream: ([StreamedFile]) throws(FileCreation.Failure) -> Void,
                         append: OutputAppend) throws(FileCreation.Failure) -> Bool {
                for batch in stride(from: 0, to: 40, by: 10) {
                    try write(paths[batch..<batch + 10].map { OutputPlan.File(path: $0, contents: Data("x".utf8)) })
                }
                return true
            }
        }
        let folder = TemporaryFolder()
        let count = 4 * ProcessInfo.processInfo.activeProcessorCount
        let written = try await withThrowingTaskGroup(of: Bool.self) { group in
            for number in 0..<count {
                // Each output in a folder of its own: outputs side by side take turns (`OutputLock`).
                let location = try OutputLocation.resolve(folder.url.appendingPathComponent("\(number)/site"))
                group.addTask { try SiteWriter().write(source: Source(), to: location).published }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(written == count)
    }

    @Test func aSourceGivingUpRightAfterALargeBatchLeavesNoStagingFolder() throws {
        struct Source: OutputSource {
            var paths: [String] { (0..<3_000).map { "f\($0 % 10)/\($0).html" } }
            func produce(_ write: ([OutputPlan.File]) throws(FileCreation.Failure) -> Void,
                         stream: ([StreamedFile]) throws(FileCreation.Failure) -> Void,
                         append: OutputAppend) throws(FileCreation.Failure) -> Bool {
                try write(paths.map { OutputPlan.File(path: $0, contents: Data("x".utf8)) })
                return false
            }
        }
        let (folder, output, before) = try Self.previousOutput()
        let report = try SiteWriter().write(source: Source(), to: try OutputLocation.resolve(output))
        #expect(!report.published)
        #expect(folder.snapshot(output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["site"])
    }

    /// With `append` and a stream (a build), the search index's shared file and each role's print
    /// page grow a batch of SOPs at a time (batches of one SOP here, so that each has several
    /// pieces), each SOP's print views rendered with its pages; nothing is left to stream. Joined,
    /// the pieces are the bytes of the files made whole.
    @Test(arguments: ["bundled", "harbour-mini"])
    func printPagesGrowWithTheSOPsAndAreTheWholePages(_ name: String) async {
        let pack = name == "bundled" ? TestPaths.bundledPack : TestPaths.fixturePack(name)
        let resolved = await Self.resolved(pack)
        let whole = Self.files(SiteBatches(resolved))
        let grown = Self.grown(SiteBatches(resolved, batchSize: 1))
        let prints = Set(resolved.handbooks.map { "roles/\($0.role.id)/print.html" })
        #expect(grown.diagnostics == whole.diagnostics)
        #expect(grown.streamed.isEmpty)
        #expect(Set(grown.appended.keys) == prints.union([SearchIndex.commonPath]))
        #expect(grown.closed == Set(grown.appended.keys))
        #expect(grown.pieces > 3 * prints.count)
        let joined = grown.files + grown.appended.map { OutputPlan.File(path: $0.key, contents: $0.value) }
        #expect(joined.sorted { $0.path < $1.path } == whole.files.sorted { $0.path < $1.path })
    }

    /// Streamed, the pages other than the SOPs' (home, indexes, training, checklists, the handbook
    /// version) need nothing the SOPs' pages make: each batch of SOPs brings a share of them, so
    /// they have no phase of their own; a pack without SOPs gets them after. Every file comes once.
    @Test(arguments: [1, 2, 1_000])
    func theOtherPagesComeWithTheBatchesOfSOPs(_ batchSize: Int) async {
        let resolved = await Self.resolved(TestPaths.bundledPack)
        var batches: [[String]] = []
        let grown = SiteBatches(resolved, batchSize: batchSize).render({ (batch: [OutputPlan.File]) in batches.append(batch.map(\.path)) },
                                                                       stream: { (_: [StreamedFile]) in }, append: { (_: String, _: Data, _: Bool) in })
        #expect(!grown.hasErrors)
        let isSOPPage = { (path: String) in resolved.sops.contains { path.hasSuffix("/\($0.sop.id).html") } }
        let withSOPs = batches.filter { $0.contains(where: isSOPPage) }
        #expect(withSOPs.count == (resolved.sops.count + batchSize - 1) / batchSize)
        for page in ["index.html", "sops/index.html", HandbookVersion.fileName] + resolved.handbooks.map({ "roles/\($0.role.id)/index.html" }) {
            #expect(withSOPs.contains { $0.contains(page) }, "\(page)")
        }
        let written = batches.flatMap { $0 }
        #expect(written.count == Set(written).count)

        var files = PackFiles.base
        files["procedures/guide.md"] = nil
        let (pack, _) = await PackDecoder().decode(InMemoryPack.loaded(files))
        let empty = PackResolver().resolve(pack)
        var written2: [String] = []
        _ = SiteBatches(empty, batchSize: batchSize).render({ (batch: [OutputPlan.File]) in written2 += batch.map(\.path) },
                                                           stream: { (_: [StreamedFile]) in }, append: { (_: String, _: Data, _: Bool) in })
        #expect(empty.sops.isEmpty)
        #expect(written2.contains("index.html"))
        #expect(written2.contains("roles/admin/index.html"))
    }

    /// What `render` hands a writer that takes batches, streams and appends.
    /// `mostOpen`: the most files appended to at once (opened by a first piece, not yet closed by a last).
    static func grown(_ batches: SiteBatches) -> (files: [OutputPlan.File], streamed: [StreamedFile], appended: [String: Data],
                                                 closed: Set<String>, pieces: Int, mostOpen: Int, diagnostics: [Diagnostic]) {
        var files: [OutputPlan.File] = []
        var streamed: [StreamedFile] = []
        var appended: [String: Data] = [:]
        var closed: Set<String> = []
        var pieces = 0
        var mostOpen = 0
        let diagnostics = batches.render({ (batch: [OutputPlan.File]) in files += batch },
                                         stream: { (batch: [StreamedFile]) in streamed += batch },
                                         append: { (path: String, piece: Data, last: Bool) in
            #expect(!closed.contains(path), "a piece after the last")
            appended[path, default: Data()] += piece
            pieces += 1
            if last { closed.insert(path) }
            mostOpen = max(mostOpen, appended.count - closed.count + (last ? 1 : 0))
        })
        return (files, streamed, appended, closed, pieces, mostOpen, diagnostics)
    }

    /// Only so many print pages grow with the SOPs (each is an open file until the SOPs are done):
    /// with more roles, the first `printPagesGrowing` pages grow and the rest are streamed after
    /// the other pages. A page whose SOPs are not in pack order (two SOPs with one id), or whose
    /// theme keeps the headers in the text around the SOPs, is streamed; a role reading no SOP
    /// grows from nothing to its page. Every page is the page made whole.
    @Test(arguments: [("roles", SiteBatches.printPagesTogether + 3), ("duplicate", 2), ("headers kept", 2), ("no SOPs", 2)])
    func printPagesThatCannotGrowAreStreamedAndEveryPageIsWhole(_ name: String, _ roles: Int) async throws {
        var files = PackFiles.base
        files["procedures/guide.md"] = nil
        let ids = (0..<roles).map { "r\($0)" }
        files["roles.yml"] = "roles:\n  - id: admin\n    name: Site administrator\n    capabilities: {copilot: execute}\n"
            + ids.map { "  - id: \($0)\n    name: Role \($0)\n    capabilities: {copilot: read}\n    escalates_to: admin\n" }.joined()
        let audience = name == "no SOPs" ? "[\(ids[0])]" : "[\(ids.joined(separator: ", "))]"
        for sop in ["one", "two", "three"] {
            for (_, text) in PackFiles.sop(sop, audience: audience, body: "About \(sop).\n") { files["procedures/\(sop).md"] = text }
        }
        if name == "duplicate" {
            for (_, text) in PackFiles.sop("two", audience: "[\(ids[1])]", body: "Again.\n") { files["procedures/again/two.md"] = text }
        }
        if name == "headers kept" {
            files["templates/print.mustache"] = "{{<layout}}{{$content}}{{#sops}}<{{id}}>{{{bodyHTML}}}</{{id}}>{{/sops}}{{/content}}{{/layout}}"
        }
        let (pack, decoded) = await PackDecoder().decode(InMemoryPack.loaded(files))
        #expect(!decoded.hasErrors, "\(decoded)")
        let resolved = PackResolver().resolve(pack)
        let whole = Self.files(SiteBatches(resolved)).files
        let grown = Self.grown(SiteBatches(resolved, batchSize: 2))
        let every = resolved.handbooks.map { "roles/\($0.role.id)/print.html" }
        let streamedPrints = grown.streamed.map(\.path).filter { $0.hasSuffix("/print.html") }
        let grownPrints = grown.appended.keys.filter { $0.hasSuffix("/print.html") }
        let expectedStreamed: Set<String> = switch name {
        case "roles": Set(every.dropFirst(SiteBatches.printPagesGrowing))
        case "duplicate": ["roles/\(ids[1])/print.html"]
        // The administrator reads none of the SOPs: a page without SOPs has no headers to keep.
        case "headers kept": Set(ids.map { "roles/\($0)/print.html" })
        default: []
        }
        #expect(every.count == roles + 1)
        // Beside the writer's two files, no more open at once than the print pages streamed side by side.
        #expect(grown.mostOpen + 2 <= SiteBatches.printPagesTogether)
        #expect(Set(streamedPrints) == expectedStreamed)
        #expect(Set(grownPrints) == Set(every).subtracting(expectedStreamed))
        #expect(grown.closed == Set(grown.appended.keys))
        let joined = grown.files + grown.streamed.map(\.whole) + grown.appended.map { OutputPlan.File(path: $0.key, contents: $0.value) }
        #expect(joined.sorted { $0.path < $1.path } == whole.sorted { $0.path < $1.path })
        if name == "no SOPs" {
            let empty = try #require(grown.appended["roles/\(ids[1])/print.html"])
            #expect(empty == whole.first { $0.path == "roles/\(ids[1])/print.html" }?.contents)
        }
    }

    /// A theme whose print page writes an SOP's body escaped, twice, or not at all cannot be put
    /// together from pieces: the page is rendered whole, one piece, the same bytes as without a stream.
    @Test(arguments: ["{{bodyHTML}}", "{{{bodyHTML}}}{{{bodyHTML}}}", ""])
    func aPrintTemplateThatDoesNotWriteEachBodyOnceIsRenderedWhole(_ body: String) async throws {
        var files = PackFiles.base
        files["templates/print.mustache"] = "{{<layout}}{{$content}}[{{#sops}}<{{id}}>\(body)</{{id}}>{{/sops}}]{{/content}}{{/layout}}"
        let (pack, _) = await PackDecoder().decode(InMemoryPack.loaded(files))
        let resolved = PackResolver().resolve(pack)
        let whole = Self.files(SiteBatches(resolved)).files
        var streamed: [StreamedFile] = []
        _ = SiteBatches(resolved).render({ (_: [OutputPlan.File]) in }, stream: { (batch: [StreamedFile]) in streamed += batch })
        let agent = try #require(streamed.first { $0.path == "roles/agent/print.html" })
        #expect(agent.count == 1)
        #expect(agent.whole == whole.first { $0.path == "roles/agent/print.html" })
        #expect(String(decoding: agent.whole.contents, as: UTF8.self).contains("[<guide>"))
    }

    /// A streamed print page holds only the text between its SOPs: each SOP's header is left out
    /// with its print view (headers are held once for every page, not once per page), and put
    /// back by the writer; joined, the pieces are the whole page.
    @Test func aStreamedPrintPageHoldsNoSOPHeader() async throws {
        let resolved = await Self.resolved(TestPaths.bundledPack)
        let batches = SiteBatches(resolved)
        let headers = Dictionary(resolved.sops.map { ($0.sop.id, batches.theme.fragment(batches.models.sopHeader($0))) }) { first, _ in first }
        let handbook = try #require(resolved.handbooks.max { batches.printSections($0, headers: headers).count < batches.printSections($1, headers: headers).count })
        let sections = batches.printSections(handbook, headers: headers)
        #expect(sections.count > 2)
        let cut = try #require(batches.printCut(handbook, sections: sections))
        #expect(cut.leavesOutHeaders)
        #expect(cut.segments.count == 2 * sections.count + 1)
        for (_, header) in sections {
            #expect(!header.isEmpty)
            #expect(!cut.segments.contains { $0.range(of: Data(header.html.utf8)) != nil })
        }
        let path = "roles/\(handbook.role.id)/print.html"
        let streamed = batches.printFile(handbook, path: path, headers: headers)
        #expect(streamed.count == PrintPageCut.piecesPerSOP * sections.count + 1)
        let whole = Self.files(batches).files.first { $0.path == path }
        #expect(streamed.whole == whole)
    }

    /// A print template that writes an SOP's header twice, escaped, after its body or not at all
    /// keeps the headers in the text around the SOPs, and the page is still streamed SOP by SOP,
    /// the same bytes as whole; one that writes each header once, unescaped, before its body has
    /// them left out.
    @Test(arguments: [("{{{headerHTML}}}{{{headerHTML}}}{{{bodyHTML}}}", false), ("{{{bodyHTML}}}{{{headerHTML}}}", false),
                      ("{{headerHTML}}{{{bodyHTML}}}", false), ("{{{bodyHTML}}}", false), ("({{{headerHTML}}})({{{bodyHTML}}})", true)])
    func aPrintTemplateKeepsTheHeadersInItsSegmentsUnlessItWritesEachOnceBeforeItsBody(_ body: String, _ leavesOut: Bool) async throws {
        var files = PackFiles.base
        files["templates/print.mustache"] = "{{<layout}}{{$content}}[{{#sops}}<{{id}}>\(body)</{{id}}>{{/sops}}]{{/content}}{{/layout}}"
        let (pack, _) = await PackDecoder().decode(InMemoryPack.loaded(files))
        let resolved = PackResolver().resolve(pack)
        let batches = SiteBatches(resolved)
        let whole = Self.files(batches).files
        var streamed: [StreamedFile] = []
        _ = batches.render({ (_: [OutputPlan.File]) in }, stream: { (batch: [StreamedFile]) in streamed += batch })
        let agent = try #require(streamed.first { $0.path == "roles/agent/print.html" })
        #expect(agent.count > 1)
        #expect(agent.whole == whole.first { $0.path == "roles/agent/print.html" })
        let handbook = try #require(resolved.handbooks.first { $0.role.id == "agent" })
        let headers = Dictionary(resolved.sops.map { ($0.sop.id, batches.theme.fragment(batches.models.sopHeader($0))) }) { first, _ in first }
        let cut = try #require(batches.printCut(handbook, sections: batches.printSections(handbook, headers: headers)))
        #expect(cut.leavesOutHeaders == leavesOut)
    }

    /// The text around a fragment must not depend on it (helper 43): an indented layout or
    /// partial indents the line after a header or body that ends with a line break, and a
    /// transform of the value writes something else for a placeholder. Such a theme's print page
    /// is rendered whole, or cut around the bodies only, and its bytes are the whole page's.
    @Test(arguments: [
        ["templates/layout.mustache": "<main>\n  {{$content}}{{/content}}\n</main>\n"],
        ["templates/print.mustache": "{{<layout}}{{$content}}{{#sops}}\n  {{>section}}\n{{/sops}}{{/content}}{{/layout}}",
         "templates/section.mustache": "{{{headerHTML}}}\n<hr>\n{{{bodyHTML}}}\n"],
        ["templates/print.mustache": "{{<layout}}{{$content}}{{#sops}}<a>{{{lowercased(headerHTML.html)}}}</a><b>{{{bodyHTML}}}</b>{{/sops}}{{/content}}{{/layout}}"],
        ["templates/print.mustache": "{{<layout}}{{$content}}{{#sops}}<a>{{{uppercased(headerHTML.html)}}}</a><b>{{{bodyHTML}}}</b>{{/sops}}{{/content}}{{/layout}}"],
    ])
    func aThemeWhoseTextAroundAFragmentDependsOnItGetsThePageWhole(_ templates: [String: String]) async throws {
        var files = PackFiles.base
        files.merge(templates) { $1 }
        let (pack, decoded) = await PackDecoder().decode(InMemoryPack.loaded(files))
        #expect(!decoded.hasErrors, "\(decoded)")
        let resolved = PackResolver().resolve(pack)
        let batches = SiteBatches(resolved)
        let whole = Self.files(batches).files
        var streamed: [StreamedFile] = []
        _ = batches.render({ (_: [OutputPlan.File]) in }, stream: { (batch: [StreamedFile]) in streamed += batch })
        #expect(!streamed.isEmpty)
        for file in streamed {
            let page = try #require(whole.first { $0.path == file.path })
            #expect(file.whole == page, "\(file.path)")
        }
    }

    /// Streamed files are written side by side, piece 0 of each, then piece 1 of each (a file with
    /// fewer pieces is done sooner), so pieces made together are asked for together; a file in the
    /// way (a link, a file) fails the call.
    @Test func streamedFilesAreWrittenSideBySide() throws {
        final class Log: @unchecked Sendable {
            private let lock = NSLock()
            private var entries: [String] = []
            func add(_ entry: String) { lock.withLock { entries.append(entry) } }
            var all: [String] { lock.withLock { entries } }
        }
        let folder = TemporaryFolder()
        let root = try Directory.open(folder.url.path)
        let log = Log()
        func file(_ name: String, _ count: Int) -> StreamedFile {
            StreamedFile(path: name, count: count) { piece in
                log.add("\(name)\(piece)")
                return Data("\(name)\(piece);".utf8)
            }
        }
        try Directory.writeNewFiles([file("a", 3), file("b", 1), file("c", 2), file("d", 0)].map { (root, $0.path, $0) })
        #expect(log.all == ["a0", "b0", "c0", "a1", "c1", "a2"])
        #expect(folder.snapshot(folder.url) == ["a": Data("a0;a1;a2;".utf8), "b": Data("b0;".utf8), "c": Data("c0;c1;".utf8), "d": Data()])

        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("link").path, withDestinationPath: "elsewhere")
        for taken in ["a", "link"] {
            #expect(throws: FileCreation.Failure.self) { try Directory.writeNewFiles([file("e", 1), file(taken, 1)].map { (root, $0.path, $0) }) }
        }
        #expect(!FileManager.default.fileExists(atPath: folder.url.deletingLastPathComponent().appendingPathComponent("elsewhere").path))
        // A failure names the file by its path in the output (`StreamedFile.path`), not its name alone.
        let sub = try root.makeFolder("roles")
        try sub.writeNewFile("print.html", Data())
        let failure = #expect(throws: FileCreation.Failure.self) {
            try Directory.writeNewFiles([(sub, "print.html", StreamedFile(path: "roles/print.html", count: 1) { _ in Data() })])
        }
        #expect(failure?.path == "roles/print.html")
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("a")) == Data("a0;a1;a2;".utf8))
    }

    /// The print pages come to the writer together, each SOP's print views made once for all of
    /// them; asked for as the writer asks (side by side), their pieces are the whole pages, in
    /// batches of any size. In the mistakes pack an SOP's page has the path of a role's print page
    /// (validation refuses it); with two SOPs with one id in a handbook, that role's page is
    /// streamed alone and the others together.
    @Test(arguments: [("bundled", 1), ("bundled", 3), ("bundled", 256), ("mistakes", 2), ("duplicate", 1)])
    func printPagesWrittenSideBySideAreTheWholePages(_ name: String, _ batchSize: Int) async {
        let resolved: ResolvedPack
        if name == "duplicate" {
            var files = PackFiles.base
            for folder in ["a", "b"] {
                for (_, text) in PackFiles.sop("twice", audience: "[admin]", body: "In \(folder).\n") { files["procedures/\(folder)/twice.md"] = text }
            }
            let (pack, _) = await PackDecoder().decode(InMemoryPack.loaded(files))
            resolved = PackResolver().resolve(pack)
        } else {
            resolved = await Self.resolved(name == "bundled" ? TestPaths.bundledPack : TestPaths.fixturePack(name))
        }
        var calls: [[StreamedFile]] = []
        _ = SiteBatches(resolved, batchSize: batchSize).render({ (_: [OutputPlan.File]) in },
                                                               stream: { (batch: [StreamedFile]) in calls.append(batch) })
        let prints = calls.first { $0.contains { $0.path.hasSuffix("/print.html") } } ?? []
        #expect(prints.map(\.path).sorted() == resolved.handbooks.map { "roles/\($0.role.id)/print.html" }.sorted())
        // Side by side, every page has as many pieces; a page streamed alone has its own count.
        let counts = Set(prints.map(\.count))
        #expect(counts.count == (name == "duplicate" ? 2 : 1))
        var whole: [String: [Data]] = [:]
        for file in Self.files(SiteBatches(resolved)).files { whole[file.path, default: []].append(file.contents) }
        for call in calls {
            var contents = Array(repeating: Data(), count: call.count)
            for piece in 0..<(call.map(\.count).max() ?? 0) {
                for (number, file) in call.enumerated() where piece < file.count { contents[number] += file.piece(piece) }
            }
            for (file, data) in zip(call, contents) { #expect(whole[file.path]?.contains(data) == true, "\(file.path)") }
        }
    }
}
