import ArgumentParser
import Foundation
import SOPKit

extension Pipeline.ChecklistFormat: ExpressibleByArgument {}

struct ChecklistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist",
        abstract: "Write one site's rollout or first-run checklist, to print and sign.",
        discussion: HelpText.discussion("""
            The site record comes first (the seven rollout facts, missing ones marked), then what
            blocks the rollout, then the pack's checklist items (checklists/<kind>.md), then a
            sign-off block. HTML prints on A4 or US Letter with a footer naming the pack, site,
            checklist, a hash of the pack's files and the page number; its styles are inlined, so the
            file works on its own. md and json carry the same content as text and data.

            Example:
              sopgen checklist --site harbour-store --kind first-run \\
                --output first-run.html
              sopgen checklist sops --site harbour-store --kind rollout --format json
            """)
    )

    @OptionGroup var pack: PackArguments

    @OptionGroup var today: TodayOption

    @Option(help: "The site id (a file in sites/).", transform: IdentifierArgument.parse)
    var site: String

    @Option(help: "The checklist: rollout, first-run, or any other file in checklists/.", transform: IdentifierArgument.parse)
    var kind: String

    @Option(help: "Output format: html, md or json.")
    var format: Pipeline.ChecklistFormat = .html

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.", completion: .file())
    var output: String?

    @Flag(help: "Replace an existing --output file that sopgen did not write (never a pack source).")
    var force = false

    func validate() throws {
        if output?.isEmpty == true { throw ValidationError("--output is empty; name the file to write") }
    }

    func run() async throws {
        let rendered: String?
        let result: Pipeline.Result
        let day = try today.resolve()
        do {
            (rendered, result) = try await Pipeline(packRoot: pack.url, today: day).checklist(site: site, kind: kind, format: format)
        } catch {
            throw ValidationError(error.description)
        }
        // Warnings too: a checklist written with a problem the pack has (a link it empties, a
        // fact not recorded) says so, as `build` and `pdf` do.
        Console.report(result)
        guard let rendered else {
            Console.printError("sopgen: the pack has errors; no checklist written\n")
            throw ExitCode.failure
        }
        if let output {
            do {
                try StandaloneFileWriter(packRoot: pack.url, force: force)
                    .write(rendered, to: URL(fileURLWithPath: output), isOurs: Pipeline.ChecklistFormat.isChecklist)
            } catch {
                Console.printError("sopgen: error: \(error)\n")
                throw ExitCode.failure
            }
        } else {
            FileHandle.standardOutput.write(Data(rendered.utf8))
        }
    }
}
