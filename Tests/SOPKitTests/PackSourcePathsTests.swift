import Foundation
import Testing
@testable import SOPKit

/// `PackSourcePaths` holds the real path of everything a pack reads: a name that is no link is
/// taken as it is (its folder's real path and its name), a link by where it leads.
@Suite struct PackSourcePathsTests {
    @Test func filesAndFoldersAreHeldByTheirRealPathsThroughLinks() throws {
        let folder = TemporaryFolder()
        let outside = folder.url.appendingPathComponent("outside")
        folder.write(["pack/sopgen.yml": "title: x\n", "pack/procedures/a/plain.md": "x", "pack/procedures/a/deeper/more.md": "x",
                      "outside/linked.md": "x", "outside/folder/inner.md": "x"])
        let manager = FileManager.default
        let pack = folder.url.appendingPathComponent("pack")
        try manager.createSymbolicLink(atPath: pack.appendingPathComponent("procedures/a/link.md").path, withDestinationPath: "../../../outside/linked.md")
        try manager.createSymbolicLink(atPath: pack.appendingPathComponent("procedures/b").path, withDestinationPath: "../../outside/folder")
        try manager.createSymbolicLink(atPath: pack.appendingPathComponent("procedures/dangling.md").path, withDestinationPath: "nowhere.md")
        // The pack named through a link: every path is held as the real one.
        try manager.createSymbolicLink(atPath: folder.url.appendingPathComponent("alias").path, withDestinationPath: "pack")
        let paths = PackSourcePaths(folder.url.appendingPathComponent("alias"))
        let real = try #require(RealPath.of(pack.path))
        let realOutside = try #require(RealPath.of(outside.path))
        #expect(paths.root == real)
        #expect(paths.files.isSuperset(of: [real + "/sopgen.yml", real + "/procedures/a/plain.md", real + "/procedures/a/deeper/more.md",
                                             realOutside + "/linked.md", realOutside + "/folder/inner.md"]))
        #expect(!paths.files.contains(real + "/procedures/a/link.md") && !paths.files.contains(real + "/procedures/dangling.md"))
        #expect(paths.folders.isSuperset(of: [real + "/procedures", real + "/procedures/a", real + "/procedures/a/deeper", realOutside + "/folder"]))
        #expect(paths.conflict(with: realOutside + "/folder/site") == "it is inside the pack's source folders, which sopgen reads")
        #expect(paths.conflict(with: realOutside + "/linked.md") == "it is one of the pack's source files")
        #expect(paths.conflict(with: realOutside + "/site") == nil)
    }
}
