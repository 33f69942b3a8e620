import Foundation
import Testing
@testable import SOPKit

@Suite struct ExportRegisterTests {
    static let entry = ExportRegister.Entry(pseudonym: "site-f35bc95a", playbook: "refund-triage", sourceSite: "bluebell", date: "2026-11-21",
                                            version: "1.2.0", checksum: "sha256:abc", receivingSite: nil)

    @Test func entriesAreAppendedOnceAndReadBack() throws {
        let folder = TemporaryFolder()
        let register = ExportRegister(packRoot: folder.url)
        #expect(try register.entries().isEmpty)
        #expect(try register.record(Self.entry))
        #expect(try !register.record(Self.entry), "the same export again adds nothing")
        var delivered = Self.entry
        delivered.receivingSite = "null"
        #expect(try register.record(delivered))
        var odd = Self.entry
        odd.checksum = "sha256:def"
        odd.version = "1.10"
        odd.date = "2026-11-22"
        #expect(try register.record(odd))
        #expect(try register.entries() == [Self.entry, delivered, odd])
        let text = try String(contentsOf: folder.url.appendingPathComponent("exports/register.yml"), encoding: .utf8)
        #expect(text.hasPrefix("# Written by sopgen playbook export"))
        #expect(text.contains("  receiving_site: \"null\"\n") && text.contains("  version: \"1.10\"\n"))
    }

    @Test func aRegisterSopgenDidNotStartOrALinkIsLeftAlone() throws {
        let folder = TemporaryFolder()
        folder.write(["exports/register.yml": "# Our own notes\nexports: []\n"])
        #expect(throws: ExportRegister.Failure.self) { try ExportRegister(packRoot: folder.url).record(Self.entry) }
        #expect(try String(contentsOf: folder.url.appendingPathComponent("exports/register.yml"), encoding: .utf8) == "# Our own notes\nexports: []\n")

        let linked = TemporaryFolder()
        linked.write(["elsewhere.yml": "x\n"])
        try FileManager.default.createDirectory(at: linked.url.appendingPathComponent("exports"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: linked.url.appendingPathComponent("exports/register.yml").path,
                                                   withDestinationPath: linked.url.appendingPathComponent("elsewhere.yml").path)
        #expect(throws: ExportRegister.Failure.self) { try ExportRegister(packRoot: linked.url).record(Self.entry) }
        #expect(try String(contentsOf: linked.url.appendingPathComponent("elsewhere.yml"), encoding: .utf8) == "x\n")
    }

    @Test func exportRecordsThePseudonymInThePackNeverInTheBundle() throws {
        let folder = TemporaryFolder()
        let source = folder.copyPack(TestPaths.fixturePack("agency-source"), as: "source")
        let bundle = folder.url.appendingPathComponent("b.json")
        for arguments in [[], [], ["--for", "Harbour & Vine"]] {
            let run = try ProcessRun.run(TestPaths.sopgenBinary.path, ["playbook", "export", "refund-triage", source.path, "--date", "2026-11-21",
                                                                        "--output", bundle.path, "--force"] + arguments)
            #expect(run.status == 0, "\(run.standardError)")
        }
        let entries = try ExportRegister(packRoot: source).entries()
        #expect(entries.map(\.receivingSite) == [nil, "Harbour & Vine"])
        #expect(entries.allSatisfy { $0.pseudonym == "site-f35bc95a" && $0.sourceSite == "bluebell" && $0.version == "1.2.0" })
        let written = try String(contentsOf: bundle, encoding: .utf8)
        #expect(written.contains("site-f35bc95a") && !written.contains("bluebell") && !written.contains("Harbour"))
        #expect(entries.first?.checksum.hasPrefix("sha256:") == true && written.contains(entries.first!.checksum))
        // The pack still checks clean with its register beside it.
        let check = try ProcessRun.run(TestPaths.sopgenBinary.path, ["check", source.path, "--today", "2026-11-21"])
        #expect(!check.standardError.contains("exports/"), "\(check.standardError)")
    }

    /// An export whose `--output` was refused (a pack source, a file sopgen did not write, a
    /// folder) was still recorded in the register, which then listed a bundle that never left (red
    /// team): the output is checked before anything is recorded.
    @Test func aRefusedOutputRecordsNothing() throws {
        let folder = TemporaryFolder()
        let source = folder.copyPack(TestPaths.fixturePack("agency-source"), as: "source")
        let foreign = folder.url.appendingPathComponent("notes.json")
        try Data("{}".utf8).write(to: foreign)
        for output in [source.appendingPathComponent("procedures/x.json").path, foreign.path, folder.url.path] {
            let run = try ProcessRun.run(TestPaths.sopgenBinary.path, ["playbook", "export", "refund-triage", source.path, "--date", "2026-11-21",
                                                                        "--output", output])
            #expect(run.status == 1, "\(run.standardError)")
            #expect(!run.standardError.contains("Recorded in"), "\(run.standardError)")
            #expect(try ExportRegister(packRoot: source).entries().isEmpty, "\(output)")
        }
        #expect(!FileManager.default.fileExists(atPath: source.appendingPathComponent("procedures/x.json").path))
        #expect(try String(contentsOf: foreign, encoding: .utf8) == "{}")
    }
}
