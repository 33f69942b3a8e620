import Testing
@testable import SOPKit

/// Numbers written in a pack never overflow: periods saturate, versions compare as digit strings.
@Suite struct NumberParsingTests {
    @Test func reviewPeriodsSaturateInsteadOfOverflowing() {
        #expect(ReviewCadence.days(in: "every 6 weeks") == 42)
        #expect(ReviewCadence.days(in: "after every incident, and quarterly") == 92)
        #expect(ReviewCadence.days(in: "every 300000000000000000 years") == .max)
        #expect(ReviewCadence.days(in: "every 99999999999999999999999 days") == .max)
        #expect(ReviewCadence.days(in: "every 300000000000000000 years, and monthly") == 31)
        #expect(ReviewCadence.days(in: "every 101 years")! > ReviewCadence.maximumDays)
        #expect(ReviewCadence.days(in: "every 100 years") == ReviewCadence.maximumDays)
    }

    @Test func versionsCompareNumericallyAndOverlongPartsAreNoVersions() {
        #expect(VersionOrder.compare("8.2.28", "8.3") == .orderedAscending)
        #expect(VersionOrder.compare("8.10", "8.9") == .orderedDescending)
        #expect(VersionOrder.compare("08.02.28", "8.2.28") == .orderedSame)
        #expect(VersionOrder.compare("6.8", "6.8.0") == .orderedSame)
        // A part longer than nine digits is no version (invalid-version), so it is not compared either.
        #expect(VersionOrder.compare("8.2.99999999999999999999999", "8.3") == nil)
        #expect(VersionOrder.compare("99999999999999999999999.1", "99999999999999999999998.9") == nil)
        #expect(VersionOrder.compare("8.2.999999999", "8.3") == .orderedAscending)
        #expect(VersionOrder.compare("eight", "8.3") == nil)
    }
}
