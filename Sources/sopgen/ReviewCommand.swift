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
            Reads SophMate's activity export (CSV or JSON Lines, told from its content; .gz read as
            is; - for standard input) and the WordPress roster (wp user list
            --fields=user_login,user_email,roles --format=csv; by default roster.csv beside the
            export), and reports findings with the events that prove them and the SOPs and
            decision cards to update. The window is the first seven days of the export unless
            --from/--to say otherwise. Emails in the roster and prompt text in the export never
            reach any output.

            Exit status: 0, or 2 when a finding (or a malformed row, counted as an error) reaches
            --fail-on; 1 when the pack has errors or the export cannot be read; 64 bad usage.

            Example:
              sopgen review sops/examples/first-week.csv --format md
              sopgen review export.csv.gz --roster users.csv --fail-on error \\
                --format json -o review.json
              sopgen review sops/examples/first-week.csv --record
            """)
    )

    @Argument(help: "The activity export (CSV or JSON Lines, optionally gzipped), or - for standard input.", completion: .file())
    var export: String

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

    @OptionGroup var today: TodayOption

    func validate() throws {
        if output?.isEmpty == true { throw ValidationError("--output is empty; name the file to write") }
        if export.isEmpty { throw ValidationError("name the export file, or - for standard input") }
        for (flag, value) in [("--from", from), ("--to", to)] {
            if let value, CalendarDate(value) == nil { throw ValidationError("\(flag) '\(value)' is not a date; write YYYY-MM-DD") }
        }
        if let from = from.flatMap(CalendarDate.init), let to = to.flatMap(CalendarDate.init), to < from {
            throw ValidationError("--to \(to) is before --from \(from)")
        }
    }

    func run() async throws {
        let day = try today.resolve()
        let request = Pipeline.ReviewRequest(export: export, roster: roster, from: from.flatMap(CalendarDate.init),
                                             to: to.flatMap(CalendarDate.init), format: format)
        let pipeline = Pipeline(packRoot: pack.url, today: day)
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
                try StandaloneFileWriter(packRoot: pack.url, force: force)
                    .write(rendered, to: URL(fileURLWithPath: output), isOurs: Pipeline.isReview)
            } catch {
                Console.printError("sopgen: error: \(error)\n")
                throw ExitCode.failure
            }
        } else {
            FileHandle.standardOutput.write(Data(rendered.utf8))
        }
        Console.printError("sopgen: review \(report.window.from) to \(report.window.to): \(report.counts.events) events, "
            + "\(report.count(.error)) errors, \(report.count(.warning)) warnings, \(report.count(.info)) notes\n")
        if record {
            do {
                let path = try pipeline.record(report)
                Console.printError("sopgen: recorded \(path); check warns sop-update-due for \(report.flaggedSOPs.count) SOPs until they are reviewed\n")
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
