import Foundation
import Testing
@testable import SOPKit

@Suite struct SiteImportTests {
    static let fixtures = TestPaths.fixtures.appendingPathComponent("site-health")

    func facts(_ name: String) throws -> SiteHealthFacts {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
        return SiteHealthFacts(SiteHealthReport(parsing: text))
    }

    @Test(arguments: ["full-debug.txt", "minimal.txt", "sophmate-missing.txt", "in-markdown.md", "plain.txt"])
    func importIntoANewRecordMatchesGolden(fixture: String) throws {
        let outcome = try SiteRecordImport.apply(try facts(fixture), to: nil, siteID: "shop", force: false)
        let text = try #require(outcome.text)
        let summary = "warnings: \(outcome.warnings)\nmissing: \(outcome.missingFacts)\nchanges:\n"
            + outcome.changes.map(\.description).joined(separator: "\n") + "\n---\n" + text
        Golden.assertText(summary, matches: "site-health/\(fixture).txt")
    }

    @Test(arguments: ["full-debug.txt", "minimal.txt", "sophmate-missing.txt", "in-markdown.md", "plain.txt"])
    func reimportIsIdempotent(fixture: String) throws {
        let first = try #require(try SiteRecordImport.apply(try facts(fixture), to: nil, siteID: "shop", force: false).text)
        let second = try SiteRecordImport.apply(try facts(fixture), to: first, siteID: "shop", force: false)
        #expect(second.changes.isEmpty)
        #expect(second.conflicts.isEmpty)
        #expect(second.text == first)
    }

    @Test func plainAndDebugVariantsAgree() throws {
        let plain = try facts("plain.txt"), markdown = try facts("in-markdown.md")
        #expect(plain.wordpressVersion == "6.8.1" && markdown.wordpressVersion == "6.8.1")
        #expect(plain.phpVersion == "8.2.28" && markdown.phpVersion == "8.2.28")
        #expect(plain.theme == markdown.theme)
        #expect(plain.theme == Site.Theme(name: "Harbour Child", slug: "harbour-child", version: "1.3.0", parent: "Storefront"))
        #expect(plain.sophmateVersion == "2.4.1" && plain.woocommerceVersion == "9.4.2")
        #expect(plain.homeURL == "https://shop.harbourandvine.example" && plain.environmentType == "production")
    }

    @Test func valuesWithColonsAndIndentedSubValuesAreRead() {
        let report = SiteHealthReport(parsing: "### wp-core ###\n\npermalink: /shop/%cat%/:x:y/\nhome_url: https://a.example:8443/wp\n\tnested: not a field\n")
        #expect(report.value("permalink", in: "wp-core")?.value == "/shop/%cat%/:x:y/")
        #expect(report.value("home_url", in: "wp-core")?.value == "https://a.example:8443/wp")
        #expect(report.value("nested", in: "wp-core") == nil)
    }

    @Test func languageAndTimeZoneAreImportedAndComparedWithTheRecord() throws {
        let debug = try facts("full-debug.txt")
        #expect(debug.language == "en-GB" && debug.timeZone == "Europe/London")
        #expect(try facts("plain.txt").language == "en-US")
        for (raw, tag) in [("en_GB", "en-GB"), ("de_DE_formal", "de-DE-formal"), ("fr", "fr"), ("undefined", nil), ("", nil),
                           ("en_GB\u{1B}[31m", nil), ("../etc", nil), ("a", nil), ("en GB", nil)] as [(String, String?)] {
            #expect(SiteHealthFacts.languageTag(raw) == tag, "\(raw)")
        }
        // A language a person wrote is not replaced without --force: the import shows both.
        let existing = "name: Harbour\nproduction_url: https://shop.harbourandvine.example\nlanguage: en-GB   # products in British English\n"
        let stopped = try SiteRecordImport.apply(try facts("plain.txt"), to: existing, siteID: "harbour", force: false)
        #expect(stopped.text == nil)
        #expect(stopped.conflicts.map(\.description) == ["  ! language: the record says en-GB (written by hand), Site Health says en-US"])
        let forced = try #require(try SiteRecordImport.apply(try facts("plain.txt"), to: existing, siteID: "harbour", force: true).text)
        #expect(forced.contains("language: en-US"))
    }

    @Test func theImportedLanguageIsWhatAPlaybookReviewComparesWith() async throws {
        let folder = TemporaryFolder()
        let target = folder.copyPack(TestPaths.fixturePack("client-target"))
        let record = target.appendingPathComponent("sites/harbour.yml")
        // The record without a language: the review says it is missing; after a Site Health import in US English, it differs.
        let text = try String(contentsOf: record, encoding: .utf8).replacingOccurrences(of: "language: en-GB\n", with: "")
        try Data(text.utf8).write(to: record)
        let bundle = try #require(try PlaybookExport(pack: await Pipeline(packRoot: TestPaths.fixturePack("agency-source"), today: TestClock.today).decode().pack)
            .export("refund-triage", date: "2026-11-21", sourceLabel: nil).bundle)
        func review() async throws -> String {
            let pack = await Pipeline(packRoot: target, today: TestClock.today).decode().pack
            let outcome = try PlaybookImport(pack: pack).importBundle(Data(bundle.utf8), site: "harbour", replace: false) { _ in nil }
            return try #require(outcome.review.first { $0.topicID == .productLanguage }).description
        }
        #expect(try await review() == "  product language: missing locally — the bundle assumes en-GB; the site record has no language")
        let imported = try #require(try SiteRecordImport.apply(try facts("plain.txt"), to: text, siteID: "harbour", force: true).text)
        try Data(imported.utf8).write(to: record)
        #expect(try await review().hasPrefix("  product language: differs — the bundle assumes en-GB; this site has en-US"))
    }

    @Test func sophmateNotActiveIsAWarningAndAFact() throws {
        let missing = try facts("sophmate-missing.txt")
        #expect(missing.sophmateActive == false)
        #expect(missing.warnings == ["SophMate is installed but not active"])
        #expect(try facts("minimal.txt").sophmateActive == nil)
    }

    @Test func handWrittenValuesAreKeptUnlessForced() throws {
        let existing = """
            # Our shop. Written by Priya.
            name: Harbour
            setup_owner: Priya
            php_version: 8.1.0   # upgrading next week
            support_owner: Tom

            """
        let refused = try SiteRecordImport.apply(try facts("full-debug.txt"), to: existing, siteID: "shop", force: false)
        #expect(refused.text == nil)
        #expect(refused.conflicts.map(\.description) == ["  ! php_version: the record says 8.1.0 (written by hand), Site Health says 8.2.28"])

        let forced = try #require(try SiteRecordImport.apply(try facts("full-debug.txt"), to: existing, siteID: "shop", force: true).text)
        #expect(forced.hasPrefix("# Our shop. Written by Priya.\nname: Harbour\nsetup_owner: Priya\nphp_version: \"8.2.28\"\nsupport_owner: Tom\n"))
        let site = try #require(SiteDecoder.decode(DecodingContext(file: SourceFile(path: "sites/shop.yml", text: forced))))
        #expect(site.supportOwner == "Tom")
        #expect(site.wordpressVersion == "6.8.3")
    }

    @Test func aLaterImportUpdatesWhatTheLastImportWrote() throws {
        let first = try #require(try SiteRecordImport.apply(try facts("in-markdown.md"), to: nil, siteID: "shop", force: false).text)
        let second = try SiteRecordImport.apply(try facts("full-debug.txt"), to: first, siteID: "shop", force: false)
        #expect(second.conflicts.isEmpty)
        #expect(second.changes.map(\.key).contains("wordpress_version"))
        #expect(second.text?.contains("wordpress_version: \"6.8.3\"") == true)
    }

    /// A staging import updates the remembered staging address and keeps what the production import
    /// remembered, so the next production report still updates its own values without --force.
    @Test func aStagingImportKeepsWhatTheProductionImportRemembered() throws {
        let production = try #require(try SiteRecordImport.apply(try facts("in-markdown.md"), to: nil, siteID: "shop", force: false).text)
        let stagingReport = "### wp-core ###\nversion: 6.9\nhome_url: https://staging.harbourandvine.example\nenvironment_type: staging\n"
        let staging = try SiteRecordImport.apply(SiteHealthFacts(SiteHealthReport(parsing: stagingReport)), to: production, siteID: "shop", force: false)
        #expect(staging.scope == .staging)
        #expect(staging.changes.map(\.key) == ["staging_url"])
        let afterStaging = try #require(staging.text)
        #expect(afterStaging.contains("wordpress_version: \"6.8.1\"") && !afterStaging.contains("6.9"))
        let later = try SiteRecordImport.apply(try facts("full-debug.txt"), to: afterStaging, siteID: "shop", force: false)
        #expect(later.conflicts.isEmpty)
        #expect(later.changes.map(\.key).contains("wordpress_version"))
    }

    @Test func siteHealthTextWithCRLFIsRead() throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("plain.txt"), encoding: .utf8)
        let crlf = SiteHealthFacts(SiteHealthReport(parsing: "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")))
        let lf = SiteHealthFacts(SiteHealthReport(parsing: text))
        #expect(crlf.wordpressVersion == "6.8.1")
        #expect(crlf == lf)
    }

    /// Check would refuse these, so the import leaves them out and says why.
    @Test func valuesCheckWouldRefuseAreNotWritten() throws {
        let report = "### wp-core ###\nversion: 6.8-x!\nhome_url: http://shop.example\nenvironment_type: production\n"
        let outcome = try SiteRecordImport.apply(SiteHealthFacts(SiteHealthReport(parsing: report)), to: nil, siteID: "shop", force: false)
        let text = try #require(outcome.text)
        #expect(!text.contains("production_url") && !text.contains("wordpress_version"))
        #expect(outcome.warnings.contains("production_url not recorded: production_url must use https, not http"))
        #expect(outcome.warnings.contains("wordpress_version not recorded: '6.8-x!' is not a version like 8.2.28"))
    }

    @Test func aThemeWithoutANameIsNotInvented() {
        #expect(SiteHealthFacts.nameAndSlug("()") == nil)
        #expect(SiteHealthFacts.nameAndSlug("Storefront ()")?.slug == nil)
        #expect(SiteHealthFacts.nameAndSlug("\u{1B}[31mRed") == nil)
    }

    @Test(arguments: ["null", "yes", "on", "2026", "6-10"])
    func aNewRecordNamedByItsIDReadsBackAsThatText(id: String) throws {
        let text = try #require(try SiteRecordImport.apply(try facts("minimal.txt"), to: nil, siteID: id, force: false).text)
        let site = try #require(SiteDecoder.decode(DecodingContext(file: SourceFile(path: "sites/\(id).yml", text: text))))
        #expect(site.name == id)
        #expect(text.contains("name: \"\(id)\"\n"))
    }
}
