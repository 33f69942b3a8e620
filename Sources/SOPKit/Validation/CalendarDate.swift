import Foundation

/// A day written as YYYY-MM-DD, compared by its day number (no time zones involved).
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let day: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(dayOfMonth) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: dayOfMonth)
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == dayOfMonth else { return nil }
        day = Int(date.timeIntervalSince1970 / 86_400)
    }

    private init(day: Int) { self.day = day }

    /// The UTC day that holds `secondsSince1970`. SOPKit never reads the clock itself: the command
    /// line decides what "today" is (`--today`, `SOURCE_DATE_EPOCH`, or the system clock).
    public init(secondsSince1970: Int) {
        day = secondsSince1970 >= 0 ? secondsSince1970 / 86_400 : (secondsSince1970 - 86_399) / 86_400
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(day: day + days) }

    public var description: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(day) * 86_400))
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.day < rhs.day }
}

/// How often an SOP is reviewed, read from words people write ("monthly", "every 6 weeks",
/// "after every incident, and quarterly"): the shortest period mentioned, in days.
enum ReviewCadence {
    /// A century: anything longer is a slip of the keyboard, and would overflow date arithmetic.
    static let maximumDays = 100 * 366

    /// Nil when no period is named; more than `maximumDays` (never an overflow) when too long.
    static func days(in text: String) -> Int? {
        let lowered = text.lowercased()
        var periods: [Int] = []
        let named: [(String, Int)] = [("weekly", 7), ("fortnightly", 14), ("monthly", 31), ("quarterly", 92),
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
}
