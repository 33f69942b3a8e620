import ArgumentParser
import Foundation
import SOPKit

extension PrintedPDFs.Paper: ExpressibleByArgument {}

struct PDFCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdf",
        abstract: "Print each role's handbook and each site's checklists to PDF.",
        discussion: HelpText.discussion("""
            Builds the pack in memory and prints the pages people print (roles/<role>/print.html and
            checklists/<site>/<id>.html) through headless Chromium, which must be installed (Debian's
            package chromium). The PDFs are written like a build: the folder is replaced whole only
            when every page printed, and a folder holding files sopgen did not write is refused.

            Example:
              sopgen pdf sops --output pdf --paper letter
            """)
    )

    @OptionGroup var pack: PackArguments

    @OptionGroup var today: TodayOption

    @Option(name: .shortAndLong, help: "The folder for the PDFs.", completion: .directory)
    var output: String = "pdf"

    @Option(help: "Paper size: a4 or letter.")
    var paper: PrintedPDFs.Paper = .a4

    func validate() throws {
        if output.isEmpty { throw ValidationError("--output is empty; name the folder to write, e.g. --output pdf") }
    }

    func run() async throws {
        guard PrintedPDFs.chromium() != nil else {
            Console.printError("sopgen: error: \(PrintedPDFs.Problem.noChromium)\n")
            throw ExitCode.failure
        }
        let day = try today.resolve()
        let result = await Pipeline(packRoot: pack.url, today: day).plan()
        Console.report(result)
        guard let plan = result.plan, !result.diagnostics.hasErrors else {
            Console.printError("sopgen: the pack has errors; no PDF written\n")
            throw ExitCode.failure
        }
        do {
            let printed = try PrintedPDFs.print(plan, paper: paper)
            let location = try OutputLocation.resolve(URL(fileURLWithPath: output))
            try location.refuseInside(pack: pack.url)
            let report = try SiteWriter().write(printed, to: location)
            for note in report.notes { Console.printError("sopgen: note: \(note)\n") }
            Console.print("Printed \(Counted.text(printed.files.count, "PDF")) (\(paper.rawValue)) into \(output)/")
        } catch {
            Console.printError("sopgen: error: \(error); '\(output)' was not changed\n")
            throw ExitCode.failure
        }
    }
}
