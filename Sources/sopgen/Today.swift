import ArgumentParser
import Foundation
import SOPKit

/// The only place sopgen reads the clock. In order: an explicit `--today`/`--date`, then
/// `SOURCE_DATE_EPOCH` (the reproducible-builds convention: seconds since 1970, UTC), then the
/// system clock. Tests and reproducible builds pin the day with either of the first two.
enum Today {
    static func resolve(_ option: String?, flag: String = "--today") throws -> CalendarDate {
        if let option {
            guard let day = CalendarDate(option) else {
                throw ValidationError("\(flag) '\(option)' is not a date; write YYYY-MM-DD")
            }
            return day
        }
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
            guard let seconds = Int(epoch) else {
                throw ValidationError("SOURCE_DATE_EPOCH '\(epoch)' is not a whole number of seconds since 1970")
            }
            // The same days `--today` takes: a date outside them is refused, not printed as 10000-01-01.
            let day = CalendarDate(secondsSince1970: seconds)
            guard CalendarDate(day.description) != nil else {
                throw ValidationError("SOURCE_DATE_EPOCH '\(epoch)' is \(day), outside the days sopgen takes (as --today: YYYY-MM-DD)")
            }
            return day
        }
        return CalendarDate(secondsSince1970: Int(Date().timeIntervalSince1970))
    }
}

/// `--today`, shared by the commands that judge review dates.
struct TodayOption: ParsableArguments {
    @Option(help: "The day to check review dates against (YYYY-MM-DD); defaults to SOURCE_DATE_EPOCH, else today.")
    var today: String?

    func validate() throws { _ = try Today.resolve(today) }

    func resolve() throws -> CalendarDate { try Today.resolve(today) }
}
