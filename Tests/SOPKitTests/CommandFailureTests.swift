import Foundation
import Testing
@testable import SOPKit

/// Commands that fail on the file system say so in one line, never with Foundation's error dump;
/// what they print from a pack is escaped.
@Suite(.serialized) struct CommandFailureTests {
    func sopgen(_ arguments: [String]) throws -> ProcessRun {
        try ProcessRun.run(TestPaths.sopgenBinary.path, arguments)
    }

    func expectNoDump(_ run: ProcessRun, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for marker in ["Error Domain=", "NSCocoaErrorDomain", "UserInfo=", "NSUnderlyingError"] {
            #expect(!run.standardError.contains(marker), "\(run.standardError)", sourceLocation: sourceLocation)
        }
    }

    @Test func checklistIntoAMissingFolderIsOneLine() throws {
        let run = try sopgen(["checklist", TestPaths.bundledPack.path, "--site", "harbour-store", "--kind", "rollout",
                              "--output", "/nonexistent-sopgen-folder/list.html"])
        #expect(run.status == 1)
        #expect(run.standardError == "sopgen: error: cannot write '/nonexistent-sopgen-folder/list.html': its folder does not exist\n")
        expectNoDump(run)
    }

    /// Issue 8, item 25: a playbook id of 300 characters makes a file name the system refuses.
    @Test func overlongPlaybookIdIsOneLine() throws {
        let folder = TemporaryFolder()
        let target = folder.copyPack(TestPaths.fixturePack("client-target"), as: "target")
        let bundle = try BundleFixtures.sealed(BundleFixtures.playbook(["id": .string(String(repeating: "a", count: 300))]))
        let file = folder.url.appendingPathComponent("long.bundle.json")
        try Data(bundle.json.pretty.utf8).write(to: file)
        let run = try sopgen(["playbook", "import", file.path, "--site", "harbour", target.path])
        #expect(run.status == 1 || run.status == 64)
        expectNoDump(run)
        #expect(run.standardError.hasPrefix("sopgen: error:") || run.standardError.hasPrefix("Error:"), "\(run.standardError)")
    }

    @Test func importIntoAFileWhereAFolderBelongsIsOneLine() throws {
        let folder = TemporaryFolder()
        let target = folder.copyPack(TestPaths.fixturePack("client-target"), as: "target")
        try? FileManager.default.removeItem(at: target.appendingPathComponent("playbooks"))
        try Data("not a folder".utf8).write(to: target.appendingPathComponent("playbooks"))
        let bundle = Golden.root.appendingPathComponent("playbooks/refund-triage.bundle.json")
        let run = try sopgen(["playbook", "import", bundle.path, "--site", "harbour", target.path])
        #expect(run.status == 1)
        expectNoDump(run)
        #expect(run.standardError.hasPrefix("sopgen: error: refusing to write: playbooks is not a folder"), "\(run.standardError)")
        #expect(run.standardError.split(separator: "\n").count == 1, "\(run.standardError)")
    }

    @Test func buildEscapesControlsFromThePack() throws {
        let folder = TemporaryFolder()
        folder.write(PackFiles.pack(PackFiles.sop(audience: "[admin, \"\\e]0;owned\\a\\e[2J\"]", body: "\u{1B}[31m{{ bad \u{1B} }}\n")))
        let output = folder.url.appendingPathComponent("site")
        let run = try sopgen(["build", folder.url.path, "--output", output.path])
        #expect(run.status == 1)
        #expect(!run.standardError.unicodeScalars.contains { TerminalText.isUnsafe($0, keepingLayout: true) }, "\(run.standardError)")
        #expect(run.standardError.contains(#"unknown role '\u{1B}]0;owned\u{7}\u{1B}[2J' in audience"#))
        #expect(run.standardError.contains(#"    \u{1B}[31m{{ bad \u{1B} }}"#))
    }
}
