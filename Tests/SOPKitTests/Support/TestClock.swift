import Foundation
import SOPKit

/// The one day every test runs on. No test reads the machine's clock: in-process stages get
/// `today` explicitly, and every child process gets `SOURCE_DATE_EPOCH`, the only clock the
/// command line reads besides `--today`. CI runs the suite a second time a year ahead (faketime)
/// to prove it.
enum TestClock {
    static let today = CalendarDate("2026-11-21")!
    /// 2026-11-21T00:00:00Z.
    static let sourceDateEpoch = "1795219200"

    /// This process's environment with the pinned day, for a child process.
    static var childEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = sourceDateEpoch
        environment["TZ"] = "UTC"
        environment["LC_ALL"] = "C.UTF-8"
        return environment
    }
}
