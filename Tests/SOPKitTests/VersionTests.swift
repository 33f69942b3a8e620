import Foundation
import Testing
@testable import SOPKit

/// One version, `SopgenVersion.current`: what `sopgen --version` prints, what the README's install
/// section names, and, once releases are tagged (`v0.1.0`), the tag of a tagged commit.
@Suite struct VersionTests {
    @Test func theBinaryPrintsTheVersionConstant() throws {
        let run = try ProcessRun.run(TestPaths.sopgenBinary.path, ["--version"])
        #expect(run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == SopgenVersion.current)
    }

    @Test func theReadmeNamesTheVersion() throws {
        let readme = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("sopgen \(SopgenVersion.current)"))
    }

    @Test func aTaggedCommitCarriesItsTagsVersionAndNoTagIsAhead() throws {
        let root = TestPaths.packageRoot
        let exact = try ProcessRun.run("git", ["-C", root.path, "describe", "--tags", "--exact-match"])
        if exact.status == 0 {
            #expect(exact.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "v\(SopgenVersion.current)")
        }
        let latest = try ProcessRun.run("git", ["-C", root.path, "describe", "--tags", "--abbrev=0"])
        guard latest.status == 0 else { return }  // No tag yet: the README check above stands alone.
        let tag = latest.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Self.components(SopgenVersion.current).lexicographicallyPrecedes(Self.components(tag)) == false,
                "SopgenVersion.current \(SopgenVersion.current) is older than the tag \(tag)")
    }

    static func components(_ version: String) -> [Int] {
        version.drop { $0 == "v" }.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
    }
}
