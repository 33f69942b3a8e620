import Foundation
import Testing
@testable import SOPKit

/// Dates and versions a pack writes: each either means what it says or is refused where it stands.
@Suite struct DateAndVersionTests {
    func lines(_ overrides: [String: String]) async -> [String] {
        await InMemoryPack.diagnostics(PackFiles.pack(overrides)).map { "\($0.location): \($0.message) [\($0.code)]" }
    }

    func reviewed(_ date: String) -> [String: String] {
        PackFiles.sop(body: "x\n").mapValues { $0.replacingOccurrences(of: "last_reviewed: 2026-11-01", with: "last_reviewed: \(date)") }
    }

    @Test func yearZeroIsRefusedNotShiftedToYearOne() async {
        #expect(await lines(reviewed("0000-01-01")) == [
            "procedures/guide.md:7:16: '0000-01-01' is out of range: sopgen reads dates from 1900-01-01 to 9999-12-31 [invalid-date]",
        ])
        #expect(CalendarDate("0000-01-01") == nil)
        #expect(CalendarDate("1899-12-31") == nil)
    }

    @Test func impossibleDaysAreNamed() async {
        #expect(await lines(reviewed("2026-02-29")) == [
            "procedures/guide.md:7:16: '2026-02-29' is not a date: February 2026 has 28 days, not 29 [invalid-date]",
        ])
        #expect(await lines(reviewed("2026-13-01")) == [
            "procedures/guide.md:7:16: '2026-13-01' is not a date; write YYYY-MM-DD (there is no month 13) [invalid-date]",
        ])
        #expect(await lines(reviewed("+026-11-01")) == [
            "procedures/guide.md:7:16: '+026-11-01' is not a date; write YYYY-MM-DD [invalid-date]",
        ])
    }

    @Test func datesRoundTripExactlyAcrossTheRange() {
        for text in ["1900-01-01", "1900-02-28", "1900-03-01", "1970-01-01", "2000-02-29", "2024-02-29", "2026-11-21", "9999-12-31"] {
            #expect(CalendarDate(text)?.description == text)
        }
        #expect(CalendarDate("1970-01-01")?.day == 0)
        #expect(CalendarDate("2026-11-21")?.day == 20_778)
        #expect(CalendarDate("1900-02-29") == nil)
        #expect(CalendarDate("2000-02-29")!.adding(days: 1).description == "2000-03-01")
        // Every day of four centuries reads back as itself.
        var day = CalendarDate("1900-01-01")!
        var firstMismatch: String?
        for _ in 0..<146_097 where firstMismatch == nil {
            if CalendarDate(day.description) != day { firstMismatch = day.description }
            day = day.adding(days: 1)
        }
        #expect(firstMismatch == nil)
        #expect(day.description == "2300-01-01")
    }

    func site(_ key: String, _ value: String) -> [String: String] {
        ["sites/shop.yml": PackFiles.base["sites/shop.yml"]!.replacingOccurrences(of: "\(key): 8.2.28", with: "\(key): \(value)")]
    }

    @Test func negativeAndHugeVersionsAreRefused() async {
        #expect(await lines(site("php_version", "-1")) == [
            "sites/shop.yml:7:14: php_version '-1' is not a version like 8.2.28 [invalid-version]",
        ])
        #expect(await lines(site("php_version", "99999999999999999999")) == [
            "sites/shop.yml:7:14: php_version '99999999999999999999' is not a version like 8.2.28 [invalid-version]",
        ])
        for bad in ["8.", ".8", "8..2", "8.2-", "1.2.3.4.5", "v8.2", "8,2", "８.2"] {
            #expect(VersionNumber(bad) == nil, "\(bad)")
        }
        for good in ["8", "8.2", "8.2.28", "2.4.0-beta.2", "6.8.1+build.5", "8.2.28-1ubuntu22.04"] {
            #expect(VersionNumber(good) != nil, "\(good)")
        }
    }

    @Test func unparsableRequirementIsRefusedWhereItIsWritten() async {
        let settings = PackFiles.base["sopgen.yml"]! + "requirements:\n  php: eight\n  wordpress: \"-6\"\n  sophmate: \"2.4\"\n"
        #expect(await lines(["sopgen.yml": settings]) == [
            "sopgen.yml:5:8: requirements.php 'eight' is not a version like 8.1 or 6.5.2 [invalid-version]",
            "sopgen.yml:6:14: requirements.wordpress '-6' is not a version like 8.1 or 6.5.2 [invalid-version]",
        ])
    }

    @Test func themeVersionIsAVersion() async {
        let record = PackFiles.base["sites/shop.yml"]!.replacingOccurrences(of: "active_theme: Storefront",
                                                                            with: "active_theme:\n  name: Storefront\n  version: -1")
        #expect(await lines(["sites/shop.yml": record]) == [
            "sites/shop.yml:10:12: active_theme version '-1' is not a version like 1.4.0 [invalid-version]",
        ])
    }

    @Test func versionsCompareNumerically() {
        #expect(VersionOrder.compare("8.10", "8.9") == .orderedDescending)
        #expect(VersionOrder.compare("6.8", "6.8.0") == .orderedSame)
        #expect(VersionOrder.compare("8.2.28-beta", "8.3") == .orderedAscending)
        #expect(VersionOrder.compare("-1", "8.1") == nil)
    }
}
