import ArgumentParser
import Foundation
import SOPKit

extension DiagnosticReport.Format: ExpressibleByArgument {}

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report every problem in a pack, without writing anything.",
        discussion: HelpText.discussion("""
            Runs every stage of a build except writing, and reports each problem as
            path:line:column with the source line and a caret, sorted by file and line, then a count.
            Exit status: 0 clean, 1 errors (or warnings with --strict), 64 bad usage.

            Formats: text (default, on standard error), json (one document), sarif (SARIF 2.1.0 for
            code-scanning tools) and github (::error annotations for GitHub Actions); the last three
            go to standard output.

            Example:
              sopgen check sops
              sopgen check sops --strict --today 2026-12-01 --format sarif > sopgen.sarif
            """)
    )

    @OptionGroup var pack: PackArguments

    @Flag(help: "Treat warnings as errors: exit 1 when there is any.")
    var strict = false

    @OptionGroup var today: TodayOption

    @Option(help: "Output format: text, json, sarif or github.")
    var format: DiagnosticReport.Format = .text

    func run() async throws {
        let day = try today.resolve()
        let result = await Pipeline(packRoot: pack.url, today: day).check()
        let report = DiagnosticReport(diagnostics: result.diagnostics, sources: result.sources, packPath: pack.pack, packURL: pack.url)
        switch format {
        case .text:
            if result.diagnostics.isEmpty {
                Console.print("\(pack.pack): no problems found")
            } else {
                Console.printError(report.render(.text))
            }
        case .json, .sarif, .github:
            FileHandle.standardOutput.write(Data(report.render(format).utf8))
        }
        let failed = result.diagnostics.hasErrors || (strict && !result.diagnostics.isEmpty)
        if failed { throw ExitCode.failure }
    }
}
