import Foundation
import Testing
@testable import SOPKit

/// What an attack on the first version of the hardened writer found, each now a test: sources
/// reached through links, look-alike checklists, unreadable or swapped outputs, modes, non-ASCII
/// manifest entries, leftovers of a clean-up cut short, folders created before a refusal.
@Suite(.serialized) struct OutputRedTeamTests {
    let mini = TestPaths.fixturePack("harbour-mini")

    func sopgen(_ arguments: [String], in directory: URL? = nil) throws -> ProcessRun {
        try ProcessRun.run(TestPaths.sopgenBinary.path, arguments, in: directory)
    }

    func mode(_ path: String) -> mode_t {
        var status = stat()
        lstat(path, &status)
        return status.st_mode & 0o7777
    }

    @Test func packSourcesReachedThroughALinkedFolderAreStillPackSources() throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        let shared = folder.url.appendingPathComponent("shared")
        try FileManager.default.moveItem(at: pack.appendingPathComponent("procedures/admin"), to: shared)
        try FileManager.default.createSymbolicLink(atPath: pack.appendingPathComponent("procedures/admin").path, withDestinationPath: "../../shared")
        #expect(try sopgen(["check", pack.path]).status == 0)
        let sop = shared.appendingPathComponent("providers-and-budgets.md")
        let before = try Data(contentsOf: sop)
        let arguments = ["checklist", pack.path, "--site", "harbour-store", "--kind", "rollout", "--format", "md", "--force", "--output"]
        for target in [sop.path, pack.appendingPathComponent("procedures/admin/new.md").path, shared.appendingPathComponent("new.md").path] {
            let run = try sopgen(arguments + [target])
            #expect(run.status == 1, "wrote \(target)")
            #expect(run.standardError.contains("sopgen never writes pack sources"), "\(run.standardError)")
        }
        #expect(try Data(contentsOf: sop) == before)

        let build = try sopgen(["build", pack.path, "--output", shared.appendingPathComponent("site").path])
        #expect(build.status == 1)
        #expect(build.standardError.contains("inside the pack's source folders"), "\(build.standardError)")
        #expect(!FileManager.default.fileExists(atPath: shared.appendingPathComponent("site").path))
    }

    @Test func onlyARealChecklistCountsAsWrittenBySopgen() throws {
        let folder = TemporaryFolder()
        folder.write(["notes.md": "# My notes\n\nsee <meta name=\"generator\" content=\"sopgen\"> here\n",
                      "list.md": "# Shopping\n\nmilk · pack inputs are in the van\nmore\n\n## Also\n",
                      "data.json": "{\"mine\":1,\"checklist\" : \"x\",\"inputHash\" : \"y\"}\n"])
        #expect(try sopgen(["build", mini.path, "--output", folder.url.appendingPathComponent("site").path]).status == 0)
        for name in ["notes.md", "list.md", "data.json", "site/index.html"] {
            let file = folder.url.appendingPathComponent(name)
            let before = try Data(contentsOf: file)
            let run = try sopgen(["checklist", TestPaths.bundledPack.path, "--site", "harbour-store", "--kind", "rollout", "--output", file.path])
            #expect(run.status == 1, "replaced \(name)")
            #expect(try Data(contentsOf: file) == before)
        }
        let kept = folder.url.appendingPathComponent("private.md")
        for format in ["md", "html", "json"] {
            #expect(try sopgen(["checklist", TestPaths.bundledPack.path, "--site", "harbour-store", "--kind", "rollout", "--format", format, "--output", kept.path, "--force"]).status == 0)
            chmod(kept.path, 0o600)
            #expect(try sopgen(["checklist", TestPaths.bundledPack.path, "--site", "harbour-store", "--kind", "rollout", "--format", format, "--output", kept.path]).status == 0)
            #expect(mode(kept.path) == 0o600, "a private checklist became readable by others")
        }
    }

    @Test func anUnreadableOutputFolderIsRefusedNotSwappedAway() throws {
        let folder = TemporaryFolder()
        let output = folder.url.appendingPathComponent("out")
        folder.write(["out/precious.txt": "precious"])
        var prefix: [String] = []
        if getuid() == 0 {
            // Root reads every folder: run the build as nobody, as a user would be.
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
            chown(folder.url.path, 65534, 65534)
            chown(output.path, 65534, 65534)
            chown(output.appendingPathComponent("precious.txt").path, 65534, 65534)
            chmod(folder.url.path, 0o755)
            prefix = ["--reuid=65534", "--regid=65534", "--clear-groups", TestPaths.sopgenBinary.path]
        }
        chmod(output.path, 0o311)
        defer { chmod(output.path, 0o755) }
        let arguments = ["build", mini.path, "--output", output.path]
        let run = prefix.isEmpty ? try sopgen(arguments) : try ProcessRun.run("/usr/bin/setpriv", prefix + arguments)
        #expect(run.status == 1, "\(run.standardError)")
        #expect(run.standardError.contains("sopgen cannot read it"), "\(run.standardError)")
        chmod(output.path, 0o755)
        #expect(folder.snapshot(output) == ["precious.txt": Data("precious".utf8)])
    }

    @Test func anOutputTurnedIntoALinkJustBeforeTheSwapIsLeftAlone() async throws {
        let folder = TemporaryFolder()
        let site = folder.url.appendingPathComponent("site"), release = folder.url.appendingPathComponent("release-v2")
        let pipeline = Pipeline(packRoot: mini, today: TestClock.today)
        #expect(try await pipeline.build(into: site).succeeded)
        #expect(try await pipeline.build(into: release).succeeded)
        let releaseFiles = folder.snapshot(release)
        let parked = folder.url.appendingPathComponent("site.old")
        for swap in [SiteWriter.Swap.exchange, .twoRenames] {
            let deploy = SiteWriter(swap: swap) { point in
                guard point == .rechecked else { return }
                try? FileManager.default.moveItem(at: site, to: parked)
                try? FileManager.default.createSymbolicLink(atPath: site.path, withDestinationPath: "release-v2")
            }
            await #expect(throws: SiteWriterError.outputChanged(site.path)) {
                _ = try await pipeline.build(into: site, writer: deploy)
            }
            #expect(folder.snapshot(release) == releaseFiles)
            #expect(FileKind.of(site.path) == .link)
            try FileManager.default.removeItem(at: site)
            try FileManager.default.moveItem(at: folder.url.appendingPathComponent("site.old"), to: site)
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder.url.path)) ?? []).filter { $0.contains("sopgen") }.isEmpty)
        }
    }

    @Test func aFolderOnTheWayThatIsALinkIsNeverOpened() throws {
        let folder = TemporaryFolder()
        folder.write(["root/real/a.html": "a", "outside/a.html": "outside"])
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("root/link").path,
                                                   withDestinationPath: folder.url.appendingPathComponent("outside").path)
        let root = try Directory.open(folder.url.appendingPathComponent("root").path)
        #expect(throws: FileCreation.Failure.self) { try root.folder(at: "link") }
        #expect(throws: FileCreation.Failure.self) { try root.folder("link").writeNewFile("b.html", Data()) }
        #expect(throws: FileCreation.Failure.self) { try Directory.open(folder.url.appendingPathComponent("root/link").path) }
        #expect(try root.folder(at: "real").kind("a.html") == .file)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("outside/b.html").path))
    }

    @Test func theOutputKeepsItsModeGroupAndSetgidBit() throws {
        let folder = TemporaryFolder()
        let handbook = folder.url.appendingPathComponent("www/handbook")
        try FileManager.default.createDirectory(at: handbook, withIntermediateDirectories: true)
        chmod(handbook.path, 0o2775)
        chown(handbook.path, getuid(), 33)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("link").path, withDestinationPath: "www/handbook")
        for _ in 0..<2 {
            #expect(try sopgen(["build", mini.path, "--output", folder.url.appendingPathComponent("link").path]).status == 0)
            #expect(mode(handbook.path) == 0o2775)
            var status = stat()
            stat(handbook.path, &status)
            #expect(getuid() != 0 || status.st_gid == 33)
        }
        let fresh = folder.url.appendingPathComponent("fresh")
        #expect(try sopgen(["build", mini.path, "--output", fresh.path]).status == 0)
        #expect(mode(fresh.path) == 0o755, "a new output is readable by a web server (umask 022)")
    }

    @Test(arguments: ["é", "‥/x", "x/‥", "．．/x", "café/menu.html"])
    func aNonASCIIManifestEntryNeverCrashes(entry: String) throws {
        let folder = TemporaryFolder()
        let site = folder.url.appendingPathComponent("site")
        #expect(try sopgen(["build", mini.path, "--output", site.path]).status == 0)
        let manifest = site.appendingPathComponent(SiteWriter.manifestName)
        try Data((try String(contentsOf: manifest, encoding: .utf8) + entry + "\n").utf8).write(to: manifest)
        folder.write([".site.sopgen-new-zz/\(SiteWriter.manifestName)": OutputManifest(files: [entry]).text])
        let run = try sopgen(["build", mini.path, "--output", site.path])
        #expect(!run.signalled, "\(run.standardError)")
        #expect(run.status == 0, "\(run.standardError)")
    }

    @Test func aLeftoverHoldingOnlyEmptyFoldersIsRemoved() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(".site.sopgen-new-Ab12Cd/roles/admin"), withIntermediateDirectories: true)
        let run = try sopgen(["build", mini.path, "--output", folder.url.appendingPathComponent("site").path])
        #expect(run.status == 0)
        #expect(run.standardError.contains("removed '.site.sopgen-new-Ab12Cd'"), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(".site.sopgen-new-Ab12Cd").path))
    }

    @Test func aRefusedOrFailedBuildCreatesNoFolders() throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(mini)
        let refused = try sopgen(["build", pack.path, "--output", pack.appendingPathComponent("procedures/new/deep/site").path])
        #expect(refused.status == 1)
        #expect(!FileManager.default.fileExists(atPath: pack.appendingPathComponent("procedures/new").path))

        try Data("roles: [\n".utf8).write(to: pack.appendingPathComponent("roles.yml"))
        let failed = try sopgen(["build", pack.path, "--output", folder.url.appendingPathComponent("a/b/site").path])
        #expect(failed.status == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("a").path))

        let empty = try sopgen(["build", mini.path, "--output", ""], in: folder.url)
        #expect(empty.status == 64)
        #expect(empty.standardError.contains("--output is empty"))

        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("dangling").path,
                                                   withDestinationPath: folder.url.appendingPathComponent("nowhere/deep/site").path)
        let dangling = try sopgen(["build", mini.path, "--output", folder.url.appendingPathComponent("dangling").path])
        #expect(dangling.status == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("nowhere").path))
    }
}
