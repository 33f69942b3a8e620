import Foundation

/// A day written as YYYY-MM-DD, compared by its day number (no time zones involved). Days are
/// counted in the proleptic Gregorian calendar by arithmetic, not by Foundation's calendar, which
/// switches to Julian rules before 1582 and has no year 0000.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let day: Int

    /// The years a pack may write: nothing was reviewed before 1900, and YYYY stops at 9999.
    public static let years = 1900...9999

    /// Why a text is not a date, said so that the author can fix it.
    public enum Problem: Error, Sendable, Hashable {
        case notYYYYMMDD
        case noSuchMonth(Int)
        case noSuchDay(day: Int, month: Int, year: Int, days: Int)
        case yearOutOfRange(Int)

        /// One sentence about `text`, the value as written.
        public func message(for text: String) -> String {
            switch self {
            case .notYYYYMMDD:
                return "'\(text)' is not a date; write YYYY-MM-DD"
            case .noSuchMonth(let month):
                return "'\(text)' is not a date; write YYYY-MM-DD (there is no month \(month))"
            case .noSuchDay(let day, let month, let year, let days):
                return "'\(text)' is not a date: \(CalendarDate.monthNames[month - 1]) \(year) has \(days) days, not \(day)"
            case .yearOutOfRange:
                return "'\(text)' is out of range: sopgen reads dates from \(CalendarDate.years.lowerBound)-01-01 to \(CalendarDate.years.upperBound)-12-31"
            }
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    public init?(_ text: String) {
        guard case .success(let date) = Self.parse(text) else { return nil }
        self = date
    }

    /// `YYYY-MM-DD` with ASCII digits, a real day, in `years`.
    public static func parse(_ text: String) -> Result<CalendarDate, Problem> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].utf8.count == 4, parts[1].utf8.count == 2, parts[2].utf8.count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2]) else {
            return .failure(.notYYYYMMDD)
        }
        guard (1...12).contains(month) else { return .failure(.noSuchMonth(month)) }
        guard years.contains(year) else { return .failure(.yearOutOfRange(year)) }
        let length = daysIn(month: month, year: year)
        guard (1...length).contains(dayOfMonth) else {
            return .failure(.noSuchDay(day: dayOfMonth, month: month, year: year, days: length))
        }
        return .success(CalendarDate(day: daysSinceEpoch(year: year, month: month, day: dayOfMonth)))
    }

    private init(day: Int) { self.day = day }

    /// The UTC day that holds `secondsSince1970`. SOPKit never reads the clock itself: the command
    /// line decides what "today" is (`--today`, `SOURCE_DATE_EPOCH`, or the system clock).
    public init(secondsSince1970: Int) {
        day = secondsSince1970 >= 0 ? secondsSince1970 / 86_400 : (secondsSince1970 - 86_399) / 86_400
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(day: day + days) }

    public var description: String {
        let (year, month, dayOfMonth) = Self.civil(fromDays: day)
        return "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(dayOfMonth, 2))"
    }

    static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(width - digits.count, 0)) + digits
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.day < rhs.day }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's `days_from_civil`: exact for every proleptic Gregorian day.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysSinceEpoch` (`civil_from_days`).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// How often an SOP is reviewed, read from words people write ("monthly", "every 6 weeks",
/// "after every incident, and quarterly"): the shortest period mentioned, in days.
enum ReviewCadence {
    /// A century: anything longer is a slip of the keyboard, and would overflow date arithmetic.
    static let maximumDays = 100 * 366

    /// Nil when no period is named; more than `maximumDays` (never an overflow) when too long.
    static func days(in text: String) -> Int? {
        if let known = common[text] { return known }
        return reckon(text)
    }

    /// The cadences most packs write, worked out once by `reckon` itself: every SOP's cadence is
    /// read twice per check, and the words are few.
    private static let common: [String: Int?] = Dictionary(uniqueKeysWithValues:
        ["daily", "weekly", "fortnightly", "monthly", "quarterly", "semi-annual", "semiannual", "half-yearly", "annual", "yearly"]
            .map { ($0, reckon($0)) })

    private static func reckon(_ text: String) -> Int? {
        let lowered = text.lowercased()
        var periods: [Int] = []
        let named: [(String, Int)] = [("daily", 1), ("weekly", 7), ("fortnightly", 14), ("monthly", 31), ("quarterly", 92),
                                      ("semi-annual", 183), ("semiannual", 183), ("half-yearly", 183),
                                      ("twice a year", 183), ("annual", 366), ("yearly", 366)]
        for (word, days) in named where lowered.contains(word) {
            if word == "annual", lowered.contains("semi-annual") || lowered.contains("semiannual") { continue }
            periods.append(days)
        }
        let words = lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        for (index, word) in words.enumerated() where word == "every" && index + 1 < words.count {
            var count = 1
            var unitIndex = index + 1
            if words[unitIndex].allSatisfy(\.isASCII), words[unitIndex].allSatisfy(\.isNumber), unitIndex + 1 < words.count {
                // Too many digits for an Int is simply too long a period.
                count = Int(words[unitIndex]) ?? .max
                unitIndex += 1
            }
            let unit = words[unitIndex]
            let unitDays = unit.hasPrefix("day") ? 1 : unit.hasPrefix("week") ? 7 : unit.hasPrefix("month") ? 31 : unit.hasPrefix("year") ? 366 : nil
            if let unitDays {
                let (product, overflow) = count.multipliedReportingOverflow(by: unitDays)
                periods.append(overflow ? .max : product)
            }
        }
        return periods.min()
    }

    /// Whether a cadence names the events that call for a review ("at initial setup, after hosting
    /// changes, before adding users") rather than a period.
    static func namesEvents(_ text: String) -> Bool {
        let words = Set(text.lowercased().split(whereSeparator: { !$0.isLetter }))
        return !words.isDisjoint(with: ["after", "before", "when", "whenever", "at", "during", "on"])
    }
}
