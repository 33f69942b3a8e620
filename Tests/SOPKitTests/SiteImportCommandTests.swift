import Foundation
import Testing
@testable import SOPKit

/// `sopgen site import` (and the other commands that name an id) run as a user would, each with
/// something a careless user or an attacker would give it.
@Suite(.serialized) struct SiteImportCommandTests {
    static let today = TestClock.today

    func sopgen(_ arguments: [String], input: String? = nil) throws -> ProcessRun {
        try ProcessRun.run(TestPaths.sopgenBinary.path, arguments, input: input)
    }

    /// A folder holding the smallest clean pack at `pack/` and a Site Health report at `report.txt`;
    /// removed when the value is released.
    struct Workspace {
        let folder: TemporaryFolder
        var pack: URL { folder.url.appendingPathComponent("pack") }
        var report: String { folder.url.appendingPathComponent("report.txt").path }
        var record: URL { pack.appendingPathComponent("sites/shop.yml") }
    }

    func workspace(record: String? = nil, report: String = Self.production, files: [String: String] = [:]) -> Workspace {
        let folder = TemporaryFolder()
        var pack = PackFiles.pack(files)
        if let record { pack["sites/shop.yml"] = record }
        folder.write(Dictionary(uniqueKeysWithValues: pack.map { ("pack/" + $0.key, $0.value) }))
        folder.write(["report.txt": report])
        return Workspace(folder: folder)
    }

    static func report(url: String = "https://shop.example", environment: String = "production", wordpress: String = "6.8.3",
                       theme: String = "Storefront (storefront)", themeVersion: String = "4.6.1", php: String = "8.2.28 64bit") -> String {
        """
        ### wp-core ###

        version: \(wordpress)
        home_url: \(url)
        environment_type: \(environment)

        ### wp-active-theme ###

        name: \(theme)
        version: \(themeVersion)

        ### wp-plugins-active (2) ###

        SophMate: version: 2.5.0, author: SophMate Ltd
        WooCommerce: version: 9.4.2, author: Automattic

        ### wp-server ###

        php_version: \(php)

        """
    }

    static let production = report()

    func diagnostics(about path: String, in pack: URL) async -> [Diagnostic] {
        await Pipeline(packRoot: pack, today: Self.today).plan().diagnostics.filter { $0.location.path == path }
    }

    // MARK: Item 7: ids from the command line

    @Test(arguments: ["../sopgen", "../../x", "", "/abs", ".", "..", "x#y", "x?y", "café", "Shop", "-x", "x-", "con",
                      String(repeating: "x", count: 300), "a\u{202E}b", "sites/shop"])
    func aSiteArgumentThatIsNotAnIdIsAUsageError(site: String) throws {
        let work = workspace()
        let before = work.folder.snapshot(work.folder.url)
        // "--site=-x": a value starting with '-' must be attached, or it reads as an option.
        let run = try sopgen(["site", "import", work.report, work.pack.path] + (site.hasPrefix("-") ? ["--site=\(site)"] : ["--site", site]))
        #expect(run.status == 64, "\(run.standardError)")
        #expect(run.standardError.contains("an id is 1 to 64 lower-case letters a-z, digits and '-', not starting or ending with '-'"))
        #expect(work.folder.snapshot(work.folder.url) == before)
        #expect(!FileManager.default.fileExists(atPath: "/abs"))
    }

    @Test func everyCommandThatNamesAnIdUsesTheSameRule() throws {
        let work = workspace()
        let bundle = work.pack.appendingPathComponent("bundle.json").path
        for arguments in [["checklist", work.pack.path, "--site", "../shop", "--kind", "first-run"],
                          ["checklist", work.pack.path, "--site", "shop", "--kind", "../../etc/passwd"],
                          ["playbook", "export", "../refunds", work.pack.path],
                          ["playbook", "import", bundle, "--site=-shop", work.pack.path],
                          ["playbook", "promote", "Refunds", work.pack.path, "--to", "staging", "--first-run", "pass", "--by", "Ada"],
                          ["playbook", "localise", "refunds", "../roles", work.pack.path, "--by", "Ada"],
                          ["playbook", "localise", "../refunds", "roles", work.pack.path, "--by", "Ada"],
                          ["playbook", "run", "refunds/x", work.pack.path, "--result", "pass", "--by", "Ada"]] {
            let run = try sopgen(arguments)
            #expect(run.status == 64, "\(arguments): \(run.standardError)")
            #expect(run.standardError.contains("; an id is 1 to 64 lower-case letters"), "\(arguments): \(run.standardError)")
        }
    }

    @Test func aDefaultSiteThatIsNotAnIdIsRefused() throws {
        let work = workspace(files: ["sopgen.yml": "title: T\ndefault_site: ../sopgen\n"])
        let before = work.folder.snapshot(work.folder.url)
        let run = try sopgen(["site", "import", work.report, work.pack.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("site id '../sopgen' is not a usable id: '.' is not allowed"))
        #expect(run.standardError.contains("(from default_site in sopgen.yml)"))
        #expect(work.folder.snapshot(work.folder.url) == before)
    }

    @Test func aFolderThatIsNotAPackIsLeftAlone() throws {
        let folder = TemporaryFolder()
        folder.write(["report.txt": Self.production])
        let run = try sopgen(["site", "import", folder.url.appendingPathComponent("report.txt").path, folder.url.path, "--site", "shop"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("(it has no sopgen.yml)"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("sites").path))
    }

    // MARK: Item 19: records and reports as people write them

    @Test func aCRLFRecordWithMarkersAndAQuotedKeyIsEditedNotCorrupted() async throws {
        let record = "# Shop\r\n---\r\nname: Shop\r\nsetup_owner: Ada\r\n\"production_url\": https://shop.example\r\n"
            + "staging_url: https://staging.shop.example\r\nactive_theme: Storefront\r\nrollback_path: Restore.\r\n...\r\n"
        let work = workspace(record: record)
        let before = await diagnostics(about: "sites/shop.yml", in: work.pack)
        let run = try sopgen(["site", "import", work.report, work.pack.path, "--force"])
        #expect(run.status == 0, "\(run.standardError)")
        let text = try String(contentsOf: work.pack.appendingPathComponent("sites/shop.yml"), encoding: .utf8)
        #expect(text.hasPrefix("# Shop\r\n---\r\nname: Shop\r\nsetup_owner: Ada\r\n\"production_url\": https://shop.example\r\n"))
        #expect(text.contains("active_theme:\r\n  name: Storefront\r\n  slug: storefront\r\n  version: \"4.6.1\"\r\n"))
        #expect(text.hasSuffix("\r\n...\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let after = await diagnostics(about: "sites/shop.yml", in: work.pack)
        #expect(after.filter { $0.severity == .error }.isEmpty, "\(after)")
        #expect(Set(after.map(\.message)).isSubset(of: Set(before.map(\.message))), "\(after)")
    }

    @Test func aRecordSopgenCannotEditSafelyIsLeftAsItWas() throws {
        for record in ["{name: Shop, setup_owner: Ada}\n", "name: Shop\nname: Again\n", "name: Shop\n---\nname: Two\n", "name: Shop\n\tphp_version: 8\n"] {
            let work = workspace(record: record)
            let run = try sopgen(["site", "import", work.report, work.pack.path, "--force"])
            #expect(run.status == 1, "\(record)")
            #expect(run.standardError.contains("nothing was written"), "\(run.standardError)")
            #expect(try String(contentsOf: work.pack.appendingPathComponent("sites/shop.yml"), encoding: .utf8) == record)
        }
    }

    @Test func siteHealthPastedWithCRLFAndAByteOrderMarkIsRead() throws {
        let work = workspace()
        let pasted = "\u{FEFF}" + Self.report(wordpress: "6.9").replacingOccurrences(of: "\n", with: "\r\n")
        let run = try sopgen(["site", "import", "-", work.pack.path, "--force"], input: pasted)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("  ~ wordpress_version: 6.8.1 → 6.9"))
    }

    /// After an import, check says nothing new about the record it wrote beyond the rollout gates
    /// the imported facts themselves trip.
    @Test(arguments: ["full-debug.txt", "minimal.txt", "sophmate-missing.txt", "in-markdown.md", "plain.txt"])
    func afterAnImportCheckReportsNoProblemWithTheRecord(fixture: String) async throws {
        let work = workspace()
        let report = TestPaths.fixtures.appendingPathComponent("site-health/\(fixture)").path
        let before = Set(await diagnostics(about: "sites/shop.yml", in: work.pack).map(\.message))
        for (site, force) in [("new-site", false), ("shop", true)] {
            let run = try sopgen(["site", "import", report, work.pack.path, "--site", site] + (force ? ["--force"] : []))
            #expect(run.status == 0, "\(fixture) into \(site): \(run.standardError)")
            let found = await diagnostics(about: "sites/\(site).yml", in: work.pack)
            let new = found.filter { site == "new-site" || !before.contains($0.message) }
            #expect(new.allSatisfy { ["missing-rollout-fact", "sophmate-inactive", "version-below-minimum"].contains($0.code.rawValue) },
                    "\(fixture) into \(site): \(new)")
        }
    }

    /// A value big enough that the record would outgrow what the loader reads is refused, not written.
    @Test func aRecordThatWouldBeTooLargeToReadIsNotWritten() throws {
        let work = workspace(report: Self.report(theme: String(repeating: "Big ", count: 300_000)))
        let before = try Data(contentsOf: work.record)
        let run = try sopgen(["site", "import", work.report, work.pack.path, "--force"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("sites/shop.yml is larger than 2 MiB"), "\(run.standardError)")
        #expect(try Data(contentsOf: work.record) == before)
    }

    // MARK: Item 21: written so every reader reads the same values

    @Test func textsAndVersionsReadBackAsWritten() async throws {
        let report = Self.report(url: "https://shöp.example", wordpress: "6.10", theme: "null", themeVersion: "8.0", php: "8.0")
        let work = workspace(record: "name: Shop\nsetup_owner: Ada\nrollback_path: Restore.\n", report: report)
        let run = try sopgen(["site", "import", work.report, work.pack.path])
        #expect(run.status == 0, "\(run.standardError)")
        let text = try String(contentsOf: work.pack.appendingPathComponent("sites/shop.yml"), encoding: .utf8)
        #expect(text.contains("production_url: https://shöp.example\n"))
        #expect(!text.contains("\\x") && !text.contains("\\u"))
        #expect(text.contains("wordpress_version: \"6.10\"\n") && text.contains("php_version: \"8.0\"\n"))
        #expect(text.contains("active_theme:\n  name: \"null\"\n  version: \"8.0\"\n"))
        let site = try #require(SiteDecoder.decode(DecodingContext(file: SourceFile(path: "sites/shop.yml", text: text))))
        #expect(site.activeTheme == Site.Theme(name: "null", version: "8.0"))
        #expect(site.wordpressVersion == "6.10")
        #expect(await diagnostics(about: "sites/shop.yml", in: work.pack).filter { $0.severity == .error }.isEmpty)
    }

    // MARK: Item 20: a staging report is not the production site

    @Test func aStagingReportFillsStagingFactsOnly() throws {
        let work = workspace(report: Self.report(url: "https://staging.shop.example", environment: "staging", wordpress: "6.9"))
        let before = try Data(contentsOf: work.pack.appendingPathComponent("sites/shop.yml"))
        let run = try sopgen(["site", "import", work.report, work.pack.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasPrefix("The report is from the staging site: only staging_url is recorded"))
        let text = try String(contentsOf: work.pack.appendingPathComponent("sites/shop.yml"), encoding: .utf8)
        #expect(text.hasPrefix(String(decoding: before, as: UTF8.self)))
        #expect(text.contains("wordpress_version: 6.8.1\n") && !text.contains("6.9") && !text.contains("environment_type"))
    }

    @Test(arguments: [("https://staging.other.example", "staging"), ("https://shop.example", "staging"),
                      ("https://other.example", "production"), ("https://shop.example", "development"),
                      ("https://staging.shop.example", "production")])
    func aReportForAnotherSiteIsRefusedWithoutForce(url: String, environment: String) throws {
        let work = workspace(report: Self.report(url: url, environment: environment, wordpress: "6.9"))
        let before = try Data(contentsOf: work.pack.appendingPathComponent("sites/shop.yml"))
        let run = try sopgen(["site", "import", work.report, work.pack.path])
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("sopgen: sites/shop.yml was not changed: "), "\(run.standardError)")
        #expect(run.standardError.contains("run again with --force"))
        #expect(try Data(contentsOf: work.pack.appendingPathComponent("sites/shop.yml")) == before)
    }

    @Test func forceImportsAReportForAnotherProductionSite() throws {
        let work = workspace(report: Self.report(url: "https://other.example", wordpress: "6.9"))
        let run = try sopgen(["site", "import", work.report, work.pack.path, "--force"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("  ~ production_url: https://shop.example → https://other.example"))
    }

    // MARK: Writing: never through a link, never half a file

    @Test func aRecordThatIsASymbolicLinkIsRefused() throws {
        let work = workspace()
        work.folder.write(["elsewhere.yml": "name: Elsewhere\n"])
        let record = work.record
        try FileManager.default.removeItem(at: record)
        try FileManager.default.createSymbolicLink(atPath: record.path, withDestinationPath: "../../elsewhere.yml")
        let run = try sopgen(["site", "import", work.report, work.pack.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("sites/shop.yml is a symbolic link; sopgen does not write through links"))
        #expect(try String(contentsOf: work.folder.url.appendingPathComponent("elsewhere.yml"), encoding: .utf8) == "name: Elsewhere\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: record.path) == "../../elsewhere.yml")
    }

    /// Killed at any moment, an import leaves the old record or the new one, never a mix.
    @Test func aKilledImportLeavesTheOldRecordOrTheNewOne() throws {
        let work = workspace(record: "name: Shop\nsetup_owner: Ada\n" + String(repeating: "# padding line\n", count: 20_000))
        let record = work.record
        let old = try Data(contentsOf: record)
        // A kill lands before, during or after the write depending on the machine; every outcome must be whole.
        for delay in stride(from: 0, to: 400_000, by: 25_000) {
            try old.write(to: record)
            let process = Process()
            process.executableURL = TestPaths.sopgenBinary
            process.arguments = ["site", "import", work.report, work.pack.path, "--site", "shop"]
            process.environment = TestClock.childEnvironment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(delay))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try Data(contentsOf: record)
            #expect(now == old || String(decoding: now, as: UTF8.self).contains("wordpress_version: \"6.8.3\"\n"), "after \(delay) µs")
            let text = String(decoding: now, as: UTF8.self)
            #expect(SiteDecoder.decode(DecodingContext(file: SourceFile(path: "sites/shop.yml", text: text))) != nil)
        }
    }
}
