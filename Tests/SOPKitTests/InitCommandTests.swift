import Foundation
import Testing
@testable import SOPKit

/// `sopgen init`: a starter pack that checks clean, written whole or not at all, never into
/// anything that exists.
@Suite struct InitCommandTests {
    func sopgen(_ arguments: [String], in folder: URL) throws -> ProcessRun {
        try ProcessRun.run(TestPaths.sopgenBinary.path, arguments, in: folder)
    }

    @Test func aNewPackChecksCleanAndSaysWhatToChangeFirst() throws {
        let folder = TemporaryFolder()
        let run = try sopgen(["init", "handbook"], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasPrefix("Started a pack in handbook/ from sopgen's example"))
        let check = try sopgen(["check", "handbook", "--today", "2026-11-21"], in: folder.url)
        #expect(check.status == 0)
        #expect(check.standardOutput.contains("no problems found"), "\(check.standardOutput)\(check.standardError)")
        let settings = try String(contentsOf: folder.url.appendingPathComponent("handbook/sopgen.yml"), encoding: .utf8)
        let lines = settings.split(separator: "\n")
        #expect(lines[0].hasPrefix("# yaml-language-server: $schema=/") && lines[0].hasSuffix("/schemas/sopgen.schema.json"))
        #expect(lines[1].hasPrefix("# Started with `sopgen init`"))
        let example = try InitCommandTests.files(under: TestPaths.bundledPack)
        #expect(try InitCommandTests.files(under: folder.url.appendingPathComponent("handbook")) == example)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("handbook/.sopgen-manifest").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["handbook"], "no staging folder left behind")
    }

    @Test func siteHealthMakesTheSiteRecordAndTheDefaultSite() throws {
        let folder = TemporaryFolder()
        let report = TestPaths.fixtures.appendingPathComponent("site-health/full-debug.txt").path
        let run = try sopgen(["init", "pack", "--from-site-health", report, "--site", "shop"], in: folder.url)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("site record sites/shop.yml"))
        #expect(run.standardOutput.contains("Still missing for rollout: setup_owner, staging_url"), "\(run.standardOutput)")
        let pack = folder.url.appendingPathComponent("pack")
        #expect(try FileManager.default.contentsOfDirectory(atPath: pack.appendingPathComponent("sites").path) == ["shop.yml"])
        let record = try String(contentsOf: pack.appendingPathComponent("sites/shop.yml"), encoding: .utf8)
        #expect(record.contains("production_url: https://shop.harbourandvine.example\n"))
        #expect(record.contains("wordpress_version: \"6.8.3\"\n"))
        #expect(!record.contains("Priya"), "nothing of the example's record is kept")
        #expect(try String(contentsOf: pack.appendingPathComponent("sopgen.yml"), encoding: .utf8).contains("\ndefault_site: \"shop\"\n"))
        let check = try sopgen(["check", "pack", "--today", "2026-11-21"], in: folder.url)
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardError.contains("Setup owner is not recorded for shop"))
    }

    /// Ids YAML would read as null, a boolean or a number stay names in sopgen.yml.
    @Test(arguments: ["null", "yes", "2026"]) func aSiteIdThatLooksLikeAnotherYAMLValueStaysAName(id: String) throws {
        let example = ["sopgen.yml": "title: T\ndefault_site: harbour-store\n", "sites/harbour-store.yml": "name: H\n"]
        let report = try String(contentsOf: TestPaths.fixtures.appendingPathComponent("site-health/full-debug.txt"), encoding: .utf8)
        let starter = try StarterPack(example: example, schemas: nil, siteHealth: report, siteID: id)
        let settings = try #require(starter.files["sopgen.yml"])
        let context = DecodingContext(file: SourceFile(path: "sopgen.yml", text: settings))
        #expect(PackDecoder().decodeSettings(context).defaultSite?.value == id)
        #expect(starter.files.keys.sorted() == ["sites/\(id).yml", "sopgen.yml"])
    }

    @Test func aSiteIdComesFromTheAddressWhenNoneIsGiven() {
        #expect(StarterPack.siteID(from: "https://Shop.Example.COM/") == "shop-example-com")
        #expect(StarterPack.siteID(from: "https://xn--caf-dma.example") == "xn-caf-dma-example")
        #expect(StarterPack.siteID(from: "https://con") == "site")
        #expect(StarterPack.siteID(from: nil) == "site")
    }

    @Test func withoutInstalledSchemasTheSchemaLinesAreDropped() {
        #expect(StarterPack.pointingSchemas("# yaml-language-server: $schema=../schemas/roles.schema.json\nroles: []\n", to: nil) == "roles: []\n")
        #expect(StarterPack.pointingSchemas("# yaml-language-server: $schema=../../schemas/site.schema.json\r\nname: A\n",
                                            to: URL(fileURLWithPath: "/opt/sopgen/schemas"))
                == "# yaml-language-server: $schema=/opt/sopgen/schemas/site.schema.json\r\nname: A\n")
    }

    @Test func nothingThatExistsIsWrittenInto() throws {
        let folder = TemporaryFolder()
        let existing = folder.url.appendingPathComponent("existing")
        try FileManager.default.createDirectory(at: existing, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: existing.appendingPathComponent("notes.txt"))
        let intoFull = try sopgen(["init", "existing"], in: folder.url)
        #expect(intoFull.status == 1)
        #expect(intoFull.standardError == "sopgen: error: cannot create 'existing': it already exists and is not empty; sopgen init never writes into an existing folder\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: existing.path) == ["notes.txt"])

        let empty = folder.url.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder.url.appendingPathComponent("link"), withDestinationURL: empty)
        let throughLink = try sopgen(["init", "link"], in: folder.url)
        #expect(throughLink.status == 1)
        #expect(throughLink.standardError.contains("it is a symbolic link"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty.path) == [])

        try Data("x".utf8).write(to: folder.url.appendingPathComponent("file"))
        #expect(try sopgen(["init", "file"], in: folder.url).standardError.contains("something that is not a folder is already there"))
        #expect(try sopgen(["init", "missing/pack"], in: folder.url).standardError.contains("its folder does not exist"))

        let intoEmpty = try sopgen(["init", "empty"], in: folder.url)
        #expect(intoEmpty.status == 0, "\(intoEmpty.standardError)")
        #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent("roles.yml").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["empty", "existing", "file", "link"])
    }

    @Test func badArgumentsWriteNothing() throws {
        let folder = TemporaryFolder()
        try Data("just a note\n".utf8).write(to: folder.url.appendingPathComponent("notes.txt"))
        let notSiteHealth = try sopgen(["init", "pack", "--from-site-health", "notes.txt"], in: folder.url)
        #expect(notSiteHealth.status == 64)
        #expect(notSiteHealth.standardError.contains("the file is not WordPress Site Health info"), "\(notSiteHealth.standardError)")
        let badSite = try sopgen(["init", "pack", "--from-site-health", "notes.txt", "--site", "../x"], in: folder.url)
        #expect(badSite.status == 64)
        #expect(badSite.standardError.contains("site id '../x' is not a usable id"))
        #expect(try sopgen(["init", "pack", "--site", "shop"], in: folder.url).status == 64)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["notes.txt"])
    }

    /// Pack paths and contents of the regular files under `root`, first lines (schema paths) left out.
    static func files(under root: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        let base = root.standardizedFileURL.path
        let walker = FileManager.default.enumerator(atPath: base)
        while let relative = walker?.nextObject() as? String {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            let text = try String(contentsOfFile: base + "/" + relative, encoding: .utf8)
            files[relative] = text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("# yaml-language-server:") && !$0.hasPrefix("# Started with") && !$0.hasPrefix("#   ")
                          && !$0.hasPrefix("# Make it yours") }
                .joined(separator: "\n")
        }
        return files
    }
}
