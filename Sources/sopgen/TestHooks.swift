import Foundation
import SOPKit

/// Hooks the crash-safety tests use through the built binary; unset, they change nothing.
/// `SOPGEN_TEST_KILL_AT=<checkpoint>` makes the process SIGKILL itself at that point of the write
/// (locked, half-written, staged, rechecked, retired, swapped), or sends it `SOPGEN_TEST_KILL_SIGNAL`
/// (`INT`, `TERM`, `HUP`) and waits a moment (not with `SOPGEN_TEST_KILL_NO_WAIT=1`); `SOPGEN_TEST_SWAP=two-renames` uses the
/// fallback swap a file system without `renameat2(RENAME_EXCHANGE)` gets.
enum TestHooks {
    static func writer() -> SiteWriter {
        let environment = ProcessInfo.processInfo.environment
        let killAt = environment["SOPGEN_TEST_KILL_AT"].flatMap(SiteWriter.Checkpoint.init(rawValue:))
        let swap: SiteWriter.Swap = environment["SOPGEN_TEST_SWAP"] == "two-renames" ? .twoRenames : .exchange
        let names: [String: Int32] = ["INT": SIGINT, "TERM": SIGTERM, "HUP": SIGHUP]
        let number = environment["SOPGEN_TEST_KILL_SIGNAL"].flatMap { names[$0] } ?? SIGKILL
        return SiteWriter(swap: swap) { point in
            guard point == killAt else { return }
            kill(getpid(), number)
            // A handled signal stops the process from another thread, after the clean-up; with
            // SOPGEN_TEST_KILL_NO_WAIT this thread goes on writing meanwhile, as a build does when
            // Ctrl-C comes.
            if number != SIGKILL, environment["SOPGEN_TEST_KILL_NO_WAIT"] == nil { usleep(2_000_000) }
        }
    }

    /// `SOPGEN_TEST_INIT_SIGNAL=TERM` (or `INT`, `HUP`): `init` sends itself that signal once the
    /// pack is staged beside its folder, and waits a moment, so a test can see the staging removed.
    static func initStaged() -> () -> Void {
        let names: [String: Int32] = ["TERM": SIGTERM, "INT": SIGINT, "HUP": SIGHUP]
        guard let name = ProcessInfo.processInfo.environment["SOPGEN_TEST_INIT_SIGNAL"], let number = names[name] else { return {} }
        return {
            kill(getpid(), number)
            usleep(500_000)
        }
    }

    /// `SOPGEN_TEST_SERVE_TRACE=1`: `serve` prints a line for each page served and each event
    /// stream opened, so a test can see a browser reload a page.
    static func serveTrace() -> (@Sendable (String) -> Void)? {
        guard ProcessInfo.processInfo.environment["SOPGEN_TEST_SERVE_TRACE"] == "1" else { return nil }
        return { Console.print($0) }
    }
}
