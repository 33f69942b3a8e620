import Foundation
import Testing
@testable import SOPKit

/// Replacing a pack file: inside the pack, never through a link, old or new at every instant.
@Suite struct PackFileStoreTests {
    struct Stop: Error {}

    func pack(_ record: String? = "name: Old\n") -> (TemporaryFolder, PackFileStore) {
        let folder = TemporaryFolder()
        folder.write(["pack/sopgen.yml": "title: T\n"])
        if let record { folder.write(["pack/sites/shop.yml": record]) }
        return (folder, PackFileStore(root: folder.url.appendingPathComponent("pack"), folder: "sites"))
    }

    func names(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func aReplacementIsWholeAndLeavesNothingBehind() throws {
        let (folder, store) = pack()
        try store.replace("shop.yml", with: Data("name: New\n".utf8))
        let sites = folder.url.appendingPathComponent("pack/sites")
        #expect(try String(contentsOf: sites.appendingPathComponent("shop.yml"), encoding: .utf8) == "name: New\n")
        #expect(try names(in: sites) == ["shop.yml"])
        #expect(try store.contents(of: "shop.yml") == Data("name: New\n".utf8))
        #expect(try store.contents(of: "other.yml") == nil)
    }

    /// Until the rename the old record is in place and the new text is complete beside it; a write
    /// stopped there (as by a kill) leaves the old record.
    @Test func aWriteStoppedBeforeTheRenameLeavesTheOldRecord() throws {
        let (folder, store) = pack()
        let sites = folder.url.appendingPathComponent("pack/sites")
        let new = Data(String(repeating: "name: New\n", count: 10_000).utf8)
        #expect(throws: PackFileError.self) {
            try store.replace("shop.yml", with: new) {
                #expect(try String(contentsOf: sites.appendingPathComponent("shop.yml"), encoding: .utf8) == "name: Old\n")
                let temporary = try names(in: sites).filter { $0.hasPrefix(".shop.yml.") && $0.hasSuffix(".tmp") }
                #expect(temporary.count == 1)
                if let name = temporary.first { #expect(FileManager.default.contents(atPath: sites.appendingPathComponent(name).path) == new) }
                throw Stop()
            }
        }
        #expect(try String(contentsOf: sites.appendingPathComponent("shop.yml"), encoding: .utf8) == "name: Old\n")
        #expect(try names(in: sites) == ["shop.yml"])
    }

    /// What a kill leaves at worst, a hidden temporary file, is not read as part of the pack.
    @Test func aLeftoverTemporaryFileIsNotPartOfThePack() {
        let (folder, _) = pack()
        folder.write(["pack/sites/.shop.yml.1f2e.tmp": "name: [half"])
        let loaded = PackLoader().load(from: folder.url.appendingPathComponent("pack"))
        #expect(loaded.files.keys.sorted() == ["sites/shop.yml", "sopgen.yml"])
    }

    @Test func aRecordThatIsALinkIsNeitherReadNorWrittenThrough() throws {
        let (folder, store) = pack(nil)
        folder.write(["outside.yml": "name: Outside\n", "pack/sites/keep.yml": "name: Keep\n"])
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("pack/sites/shop.yml").path,
                                                   withDestinationPath: "../../outside.yml")
        #expect(throws: PackFileError.self) { _ = try store.contents(of: "shop.yml") }
        #expect(throws: PackFileError.self) { try store.replace("shop.yml", with: Data("name: New\n".utf8)) }
        #expect(try String(contentsOf: folder.url.appendingPathComponent("outside.yml"), encoding: .utf8) == "name: Outside\n")
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: folder.url.appendingPathComponent("pack/sites/shop.yml").path)
        #expect(link == "../../outside.yml")
    }

    @Test func aSitesFolderThatLeadsOutOfThePackIsRefused() throws {
        let folder = TemporaryFolder()
        folder.write(["pack/sopgen.yml": "title: T\n", "elsewhere/shop.yml": "name: Elsewhere\n"])
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("pack/sites").path, withDestinationPath: "../elsewhere")
        let store = PackFileStore(root: folder.url.appendingPathComponent("pack"), folder: "sites")
        #expect(throws: PackFileError.self) { try store.replace("shop.yml", with: Data("name: New\n".utf8)) }
        #expect(try String(contentsOf: folder.url.appendingPathComponent("elsewhere/shop.yml"), encoding: .utf8) == "name: Elsewhere\n")
    }

    @Test func aFolderOrPipeWhereTheRecordBelongsIsRefused() throws {
        let (folder, store) = pack(nil)
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("pack/sites/shop.yml"), withIntermediateDirectories: true)
        #expect(throws: PackFileError.self) { try store.replace("shop.yml", with: Data("name: New\n".utf8)) }
        #expect(mkfifo(folder.url.appendingPathComponent("pack/sites/pipe.yml").path, 0o644) == 0)
        #expect(throws: PackFileError.self) { _ = try store.contents(of: "pipe.yml") }
    }

    @Test func theRecordKeepsItsPermissions() throws {
        let (folder, store) = pack()
        let path = folder.url.appendingPathComponent("pack/sites/shop.yml").path
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try store.replace("shop.yml", with: Data("name: New\n".utf8))
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
    }
}
