import ArgumentParser
import Foundation
import SOPKit

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check a pack and write its handbooks.",
        discussion: HelpText.discussion("""
            Writes index.html, roles/<role>/{index,print,<sop>}.html, sops/<sop>.html and assets/.
            The output is replaced only when the whole build succeeded; a folder holding files that
            sopgen did not write is refused, never wiped.

            Example:
              sopgen build sops --output site
            """)
    )

    @OptionGroup var pack: PackArguments

    @OptionGroup var today: TodayOption

    @Option(name: .shortAndLong, help: "The output folder.", completion: .directory)
    var output: String = "site"

    func validate() throws {
        if output.isEmpty { throw ValidationError("--output is empty; name the folder to write, e.g. --output site") }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let result: Pipeline.Result
        let day = try today.resolve()
        do {
            result = try await Pipeline(packRoot: pack.url, today: day).build(into: URL(fileURLWithPath: output), writer: TestHooks.writer())
        } catch {
            Console.printError("sopgen: error: \(error)\n")
            throw ExitCode.failure
        }
        Console.report(result)
        for note in result.writeNotes { Console.printError("sopgen: note: \(note)\n") }
        guard result.succeeded, let pages = result.pageCount else {
            Console.printError("sopgen: build failed; '\(output)' was not changed\n")
            throw ExitCode.failure
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let roles = result.resolved?.handbooks.count ?? 0
        Console.print("Built \(pages) pages for \(roles) role\(roles == 1 ? "" : "s") into \(output)/ in \(String(format: "%.2f", seconds)) s")
    }
}
