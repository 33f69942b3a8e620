import Foundation
import Testing
@testable import SOPKit

/// A pack with at least one mistake for every rule, reported in one run.
@Suite struct MistakesPackTests {
    static let today = TestClock.today

    func result() async -> Pipeline.Result {
        await Pipeline(packRoot: TestPaths.fixturePack("mistakes"), today: Self.today).plan()
    }

    @Test func everyMistakeIsReportedAtOnce() async {
        let result = await result()
        #expect(result.plan == nil)
        Golden.assertText(Build.diagnosticsText(result), matches: "mistakes.diagnostics.txt")
    }

    /// File-system codes, and `values-too-large` (megabytes of values), are covered by
    /// `HostileInputTests`; `missing-template` needs a broken default theme, which a pack cannot
    /// cause; `no-site` needs a pack without `default_site`, while this one misspells it
    /// (`unknown-site`), which rightly silences `no-site`
    /// (`CascadeTests.noDefaultSiteIsOneErrorHoweverManyValuesNeedIt`); `too-many-problems` needs
    /// a file with over 200 (`TerminalSafetyTests.aFileWithThousandsOfProblemsIsCountedNotListed`).
    static let coveredElsewhere: Set<String> = ["pack-not-found", "missing-file", "not-a-file", "not-a-folder", "unreadable-file",
                                                 "invalid-utf8", "file-too-large", "symlink-loop", "broken-symlink", "missing-template",
                                                 "values-too-large", "no-site", "too-many-problems",
                                                 // Problems of `sopgen review`'s inputs, not of a pack: `ReviewIngestTests`.
                                                 "malformed-row", "missing-column"]

    @Test func theFixtureExercisesEveryRule() async {
        let reported = Set(await result().diagnostics.map(\.code.rawValue))
        let expected = Set(DiagnosticCatalogue.all.map(\.code.rawValue)).subtracting(Self.coveredElsewhere)
        #expect(expected.subtracting(reported).sorted() == [])
    }

    @Test func nothingIsWritten() async throws {
        let folder = TemporaryFolder()
        let output = folder.url.appendingPathComponent("site")
        let result = try await Pipeline(packRoot: TestPaths.fixturePack("mistakes"), today: Self.today).build(into: output)
        #expect(!result.succeeded)
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func bundledPackChecksClean() async {
        let result = await Pipeline(packRoot: TestPaths.bundledPack, today: Self.today).plan()
        #expect(result.diagnostics.isEmpty, "\(Build.diagnosticsText(result))")
    }

    @Test func reviewDatesAreCheckedAgainstTheGivenDay() async {
        let late = await Pipeline(packRoot: TestPaths.bundledPack, today: CalendarDate("2027-06-01")!).plan()
        #expect(late.diagnostics.contains { $0.code == .reviewOverdue })
        #expect(!late.diagnostics.hasErrors)
    }
}

@Suite struct CatalogueConsistencyTests {
    @Test func everyCodeHasOneEntryInTheCatalogueInOrder() {
        #expect(DiagnosticCatalogue.all.map(\.code) == DiagnosticCode.allCases)
        for code in DiagnosticCode.allCases {
            #expect(DiagnosticCatalogue.entry(code)?.code == code)
        }
    }

    /// The compiler checks that every code the sources use is a case; this checks the reverse:
    /// no catalogued code that nothing reports.
    @Test func everyCodeIsUsedInTheSources() throws {
        let sources = TestPaths.packageRoot.appendingPathComponent("Sources")
        var text = ""
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift", !["DiagnosticCode.swift", "DiagnosticCatalogue.swift"].contains(url.lastPathComponent) else { continue }
            text += try String(contentsOf: url, encoding: .utf8)
        }
        // The case name is the code in lowerCamelCase (`pack-not-found` → `packNotFound`).
        let unused = DiagnosticCode.allCases.filter { code in
            let words = code.rawValue.split(separator: "-")
            let name = words.first.map(String.init)! + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            return text.range(of: #"\.\#(name)\b"#, options: .regularExpression) == nil
        }
        #expect(unused.map(\.rawValue) == [])
    }

    @Test func theReadmeDocumentsEveryCodeWithAFix() throws {
        let readme = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for entry in DiagnosticCatalogue.all {
            #expect(readme.contains("| `\(entry.code)` |"), "README has no row for \(entry.code)")
        }
    }
}
