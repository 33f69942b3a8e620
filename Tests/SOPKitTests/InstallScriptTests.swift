import Foundation
import Testing
@testable import SOPKit

/// `scripts/install.sh` from a fresh clone into a prefix with a space and a symbolic link in it,
/// the clone removed before the installed binary runs from another directory: it must find its
/// theme under the prefix. The script's `swift` is a stand-in (`StandInSwift`) that records what the
/// script asks of it and hands back the binary this test run already built, so the test costs seconds,
/// not a release build of every dependency; `SOPGEN_INSTALL_TEST_REAL_BUILD=1` runs the real toolchain
/// instead (a release build and argument-parser's man page plugin, ~6 minutes). scripts/test.sh runs
/// it once, not again in the run a year ahead (`SOPGEN_SKIP_INSTALL_TEST`).
@Suite(.serialized) struct InstallScriptTests {
    static let enabled = ProcessInfo.processInfo.environment["SOPGEN_SKIP_INSTALL_TEST"] == nil
    static let realBuild = ProcessInfo.processInfo.environment["SOPGEN_INSTALL_TEST_REAL_BUILD"] == "1"

    @Test(.enabled(if: enabled), .timeLimit(.minutes(20)))
    func aFreshCloneInstallsIntoAPrefixAndTheBinaryFindsItsTheme() throws {
        let folder = TemporaryFolder()
        let clone = folder.url.appendingPathComponent("clone")
        let cloned = try ProcessRun.run("git", ["clone", "-q", TestPaths.packageRoot.path, clone.path])
        try #require(cloned.status == 0, "\(cloned.standardError)")
        let real = folder.url.appendingPathComponent("real prefix")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let prefix = folder.url.appendingPathComponent("linked prefix")
        try FileManager.default.createSymbolicLink(at: prefix, withDestinationURL: real)

        let standIn = Self.realBuild ? nil : try StandInSwift(in: folder.url.appendingPathComponent("stand-in"))
        let environment = standIn?.environment ?? [:]
        let install = try ProcessRun.run(clone.appendingPathComponent("scripts/install.sh").path, [prefix.path], in: folder.url,
                                         environment: environment)
        try #require(install.status == 0, "\(install.standardError.suffix(3000))")
        if let standIn {
            // The script builds the release product, asks where it is, and dates the man page from the source.
            let calls = standIn.calls()
            #expect(calls.first == "build -c release --product sopgen", "\(calls)")
            #expect(calls.contains("build -c release --show-bin-path"), "\(calls)")
            #expect(calls.contains { $0.contains("generate-manual --date 2026-11-21 ") }, "\(calls)")
        }
        // An earlier install's leftovers go: a second run replaces the theme folder whole.
        let stale = real.appendingPathComponent("share/sopgen/templates/stale.mustache")
        try Data("{{gone}}".utf8).write(to: stale)
        let again = try ProcessRun.run(clone.appendingPathComponent("scripts/install.sh").path, [prefix.path], in: folder.url,
                                       environment: environment)
        #expect(again.status == 0, "\(again.standardError.suffix(3000))")
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        try FileManager.default.removeItem(at: clone)

        let binary = prefix.appendingPathComponent("bin/sopgen").path
        let elsewhere = folder.url.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let version = try ProcessRun.run(binary, ["--version"], in: elsewhere)
        #expect(version.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == SopgenVersion.current)

        let pack = folder.copyPack(TestPaths.bundledPack, as: "elsewhere/sops")
        let build = try ProcessRun.run(binary, ["build", pack.lastPathComponent, "--output", "site", "--today", "2026-11-21"], in: elsewhere)
        #expect(build.status == 0, "\(build.standardError)")
        let page = try String(contentsOf: elsewhere.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(page.contains("assets/sopgen.css"))
        #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("site/assets/sopgen.css").path))

        for (path, mark) in ["share/bash-completion/completions/sopgen": "sopgen", "share/zsh/site-functions/_sopgen": "#compdef sopgen",
                             "share/fish/vendor_completions.d/sopgen.fish": "complete -c 'sopgen'", "share/man/man1/sopgen.1": ".Nm",
                             "share/sopgen/schemas/roles.schema.json": "\"roles\""] {
            let text = (try? String(contentsOf: real.appendingPathComponent(path), encoding: .utf8)) ?? ""
            #expect(text.contains(mark), "\(path)")
        }
        // `init` finds the example pack and the schemas under the prefix, and its pack checks clean.
        let started = try ProcessRun.run(binary, ["init", "started"], in: elsewhere)
        #expect(started.status == 0, "\(started.standardError)")
        let roles = try String(contentsOf: elsewhere.appendingPathComponent("started/roles.yml"), encoding: .utf8)
        #expect(roles.hasPrefix("# yaml-language-server: $schema=\(real.resolvingSymlinksInPath().path)/share/sopgen/schemas/roles.schema.json\n")
                || roles.hasPrefix("# yaml-language-server: $schema=\(real.path)/share/sopgen/schemas/roles.schema.json\n"), "\(roles.prefix(200))")
        #expect(try ProcessRun.run(binary, ["check", "started", "--today", "2026-11-21"], in: elsewhere).status == 0)
        // The man page carries the source's date (SOURCE_DATE_EPOCH here), not the day of the install.
        let manual = (try? String(contentsOf: real.appendingPathComponent("share/man/man1/sopgen.1"), encoding: .utf8)) ?? ""
        #expect(manual.contains(".Dd November 21, 2026\n"), "\(manual.prefix(200))")
    }

    @Test(.enabled(if: enabled)) func aPrefixThatCannotBeWrittenIsRefusedBeforeTheBuild() throws {
        let folder = TemporaryFolder()
        let file = folder.url.appendingPathComponent("a file")
        try Data().write(to: file)
        let run = try ProcessRun.run(TestPaths.packageRoot.appendingPathComponent("scripts/install.sh").path,
                                     [file.appendingPathComponent("prefix").path], in: folder.url)
        #expect(run.status == 73)
        #expect(run.standardError.contains("cannot write to '\(file.path)'"))
        #expect(!run.standardError.contains("Building"))
    }

    @Test(.enabled(if: enabled)) func anEmptyPrefixIsRefusedNotTakenForTheDefault() throws {
        let script = TestPaths.packageRoot.appendingPathComponent("scripts/install.sh").path
        let empty = try ProcessRun.run(script, [""])
        #expect(empty.status == 64)
        #expect(empty.standardError.contains("PREFIX is empty"))
        #expect(try ProcessRun.run(script, ["a", "b"]).status == 64)
    }
}
