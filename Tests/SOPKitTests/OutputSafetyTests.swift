import Foundation
import Testing
@testable import SOPKit

@Suite struct OutputSafetyTests {
    @Test func twoBuildsAreByteIdentical() async throws {
        let folder = TemporaryFolder()
        let first = folder.url.appendingPathComponent("first")
        let second = folder.url.appendingPathComponent("second")
        let pipeline = Pipeline(packRoot: TestPaths.bundledPack, today: TestClock.today)
        #expect(try await pipeline.build(into: first).succeeded)
        #expect(try await pipeline.build(into: second).succeeded)
        let a = folder.snapshot(first), b = folder.snapshot(second)
        #expect(a.count > 50)
        #expect(a == b)
    }

    @Test func rebuildingReplacesOnlyWhatSopgenWrote() async throws {
        let folder = TemporaryFolder()
        let output = folder.url.appendingPathComponent("site")
        let pipeline = Pipeline(packRoot: TestPaths.fixturePack("harbour-mini"), today: TestClock.today)
        _ = try await pipeline.build(into: output)
        _ = try await pipeline.build(into: output)
        let files = folder.snapshot(output)
        #expect(files[SiteWriter.manifestName] != nil)
        #expect(files["index.html"] != nil)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.contains("sopgen-") }
        #expect(leftovers.isEmpty)
    }

    @Test func failedBuildLeavesThePreviousOutputUntouched() async throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.fixturePack("harbour-mini"))
        let output = folder.url.appendingPathComponent("site")
        #expect(try await Pipeline(packRoot: pack, today: TestClock.today).build(into: output).succeeded)
        let before = folder.snapshot(output)

        let roles = pack.appendingPathComponent("roles.yml")
        let broken = try String(contentsOf: roles, encoding: .utf8).replacingOccurrences(of: "escalates_to: admin", with: "escalates_to: admn")
        try Data(broken.utf8).write(to: roles)
        let result = try await Pipeline(packRoot: pack, today: TestClock.today).build(into: output)
        #expect(!result.succeeded)
        #expect(result.diagnostics.map(\.code.rawValue).contains("unknown-role"))
        #expect(folder.snapshot(output) == before)
    }

    @Test func folderWithForeignFilesIsRefusedAndKept() async throws {
        let folder = TemporaryFolder()
        folder.write(["site/notes.txt": "mine", "site/old/page.html": "also mine"])
        let output = folder.url.appendingPathComponent("site")
        await #expect(throws: SiteWriterError.self) {
            try await Pipeline(packRoot: TestPaths.fixturePack("harbour-mini"), today: TestClock.today).build(into: output)
        }
        #expect(folder.snapshot(output) == ["notes.txt": Data("mine".utf8), "old/page.html": Data("also mine".utf8)])
    }

    @Test func fileAddedToAPreviousBuildIsNotDeleted() async throws {
        let folder = TemporaryFolder()
        let output = folder.url.appendingPathComponent("site")
        let pipeline = Pipeline(packRoot: TestPaths.fixturePack("harbour-mini"), today: TestClock.today)
        _ = try await pipeline.build(into: output)
        folder.write(["site/roles/admin/my-notes.md": "keep me"])
        do {
            _ = try await pipeline.build(into: output)
            Issue.record("a build over a foreign file should be refused")
        } catch {
            #expect("\(error)".contains("roles/admin/my-notes.md"))
            #expect("\(error)".contains("never deletes what it did not write"))
        }
        #expect(folder.snapshot(output)["roles/admin/my-notes.md"] == Data("keep me".utf8))
        #expect(folder.snapshot(output)["index.html"] != nil)
    }

    @Test func emptyFolderIsUsed() async throws {
        let folder = TemporaryFolder()
        let output = folder.url.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        #expect(try await Pipeline(packRoot: TestPaths.fixturePack("harbour-mini"), today: TestClock.today).build(into: output).succeeded)
        #expect(folder.snapshot(output)["index.html"] != nil)
    }
}
