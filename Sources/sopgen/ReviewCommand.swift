import ArgumentParser
import Foundation
import SOPKit

extension ReviewFormat: ExpressibleByArgument {}

/// The severity at which `review` exits 2, or none.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case none, info, warning, error

    var severity: ReviewFinding.Severity? { ReviewFinding.Severity(rawValue: rawValue) }
}

struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review an activity export: what operators did, against the pack's roles, policies and SOPs.",
        discussion: HelpText.discussion("""
            Ingests SophMate's activity export (CSV or JSON Lines, told from its content; .gz read as
            is; - for standard input) and the WordPress roster (wp user list
            --fields=user_login,user_email,roles --format=csv; by default roster.csv beside the
            export), and reports findings with the events that prove them and the SOPs and
            decision cards to update. The window is the first seven days of the export unless
            --from/--to say otherwise. Emails in the roster and prompt text in the export never
            reach any output.

            Exit status: 0, or 2 when a finding (or a malformed row, counted as an error) reaches
            --fail-on; 1 when the pack has errors or the export cannot be read; 64 bad usage.

            Every export is streamed into the review store (.sopgen/review.sqlite in the pack,
            git-ignored; --db elsewhere), where rows seen before are kept once. A review compares its
            window with the earlier windows the store holds; without an export it reads the store
            alone; --list shows what was ingested.

            Example:
              sopgen review sops/examples/first-week.csv --format md
              sopgen review --from 2026-11-09 --to 2026-11-15 sops
              sopgen review --list
              sopgen review export.csv.gz --roster users.csv --fail-on error \\
                --format json -o review.json
              sopgen review sops/examples/first-week.csv --record
            """)
    )

    @Argument(help: "The activity export (CSV or JSON Lines, optionally gzipped), or - for standard input; without it, the review store is read (give --from/--to, or the newest export's week is reviewed).", completion: .file())
    var export: String?

    @OptionGroup var pack: PackArguments

    @Option(help: "The wp user list CSV (user_login,user_email,roles); default: roster.csv beside the export.", completion: .file())
    var roster: String?

    @Option(help: "First day of the window (YYYY-MM-DD, local to the export's time zone).")
    var from: String?

    @Option(help: "Last day of the window (YYYY-MM-DD); default: six days after --from.")
    var to: String?

    @Option(help: "Output format: html, md or json.")
    var format: ReviewFormat = .html

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.", completion: .file())
    var output: String?

    @Flag(help: "Replace an existing --output file that sopgen did not write (never a pack source).")
    var force = false

    @Option(name: .customLong("fail-on"), help: "Exit 2 when a finding reaches this severity: none, info, warning or error.")
    var failOn: FailOn = .none

    @Flag(help: "Write reviews/<date>.yml into the pack: check then warns sop-update-due for each flagged SOP.")
    var record = false

    @Option(help: "The review store (SQLite); default: .sopgen/review.sqlite in the pack.", completion: .file())
    var db: String?

    @Flag(help: "List the exports ingested into the review store, with the days each holds, and stop.")
    var list = false

    @OptionGroup var today: TodayOption

    func validate() throws {
        if output?.isEmpty == true { throw ValidationError("--output is empty; name the file to write") }
        if export?.isEmpty == true { throw ValidationError("name the export file, or - for standard input") }
        if db?.isEmpty == true { throw ValidationError("--db is empty; name the database file") }
        if list, record || output != nil { throw ValidationError("--list only lists the review store; it writes no review") }
        for (flag, value) in [("--from", from), ("--to", to)] {
            if let value, CalendarDate(value) == nil { throw ValidationError("\(flag) '\(value)' is not a date; write YYYY-MM-DD") }
        }
        if let from = from.flatMap(CalendarDate.init), let to = to.flatMap(CalendarDate.init), to < from {
            throw ValidationError("--to \(to) is before --from \(from)")
        }
    }

    /// The export and the pack: an export is never a folder, so `review --list sops` or
    /// `review --from D sops` name the pack where the export would be.
    func arguments() throws -> (export: String?, pack: URL) {
        var isFolder: ObjCBool = false
        guard let export, export != "-", FileManager.default.fileExists(atPath: export, isDirectory: &isFolder), isFolder.boolValue else {
            return (export, pack.url)
        }
        guard pack.pack == "sops" else { throw ValidationError("'\(export)' is a folder, not an activity export") }
        return (nil, URL(fileURLWithPath: export))
    }

    var storeLocation: ReviewStore.Location { db.map { .file($0) } ?? .pack }

    func run() async throws {
        let (export, packURL) = try arguments()
        if list {
            do {
                Console.print(try ReviewStoreListing.text(storeLocation, packRoot: packURL))
            } catch {
                Console.printError("sopgen: error: \(error)\n")
                throw ExitCode.failure
            }
            return
        }
        let day = try today.resolve()
        if let output {
            // Said before the ingest: a refused --output would otherwise cost the whole review first.
            do {
                try StandaloneFileWriter(packRoot: packURL, force: force)
                    .checkTarget(URL(fileURLWithPath: output), isOurs: Pipeline.isReview)
            } catch {
                Console.printError("sopgen: error: \(error)\n")
                throw ExitCode.failure
            }
        }
        let pipeline = Pipeline(packRoot: packURL, today: day)
        if record {
            do {
                try pipeline.checkRecord()
            } catch {
                Console.printError("sopgen: error: \(error)\n")
                throw ExitCode.failure
            }
        }
        let request = Pipeline.ReviewRequest(export: export, roster: roster, from: from.flatMap(CalendarDate.init),
                                             to: to.flatMap(CalendarDate.init), format: format, store: storeLocation)
        let outcome: Pipeline.ReviewOutcome
        do {
            outcome = try await pipeline.review(request)
        } catch {
            Console.printError("sopgen: error: \(error.description)\n")
            throw ExitCode.failure
        }
        guard let report = outcome.report, let rendered = outcome.output else {
            Console.report(outcome.result)
            Console.printError("sopgen: the pack has errors; no review written\n")
            throw ExitCode.failure
        }
        if !outcome.inputDiagnostics.isEmpty {
            Console.printError(DiagnosticFormatter(sources: [:]).format(outcome.inputDiagnostics))
        }
        if let output {
            do {
                try StandaloneFileWriter(packRoot: packURL, force: force)
                    .write(rendered, to: URL(fileURLWithPath: output), isOurs: Pipeline.isReview)
            } catch {
                Console.printError("sopgen: error: \(error)\n")
                throw ExitCode.failure
            }
        } else {
            FileHandle.standardOutput.write(Data(rendered.utf8))
        }
        Console.printError("sopgen: review \(report.window.from) to \(report.window.to): \(Counted.text(report.counts.events, "event")), "
            + "\(Counted.text(report.count(.error), "error")), \(Counted.text(report.count(.warning), "warning")), "
            + "\(Counted.text(report.count(.info), "note"))\n")
        if record {
            do {
                let path = try pipeline.record(report)
                Console.printError("sopgen: recorded \(path); check warns sop-update-due for \(Counted.text(report.flaggedSOPs.count, "SOP")) until they are reviewed\n")
            } catch {
                Console.printError("sopgen: error: \(error)\n")
                throw ExitCode.failure
            }
        }
        if let threshold = failOn.severity {
            let malformed = outcome.inputDiagnostics.hasErrors ? ReviewFinding.Severity.error : nil
            if let highest = [report.highestSeverity, malformed].compactMap({ $0 }).max(), highest >= threshold {
                throw ExitCode(2)
            }
        }
    }
}
