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

            Each role also gets a knowledge check (check.html, check-print.html, check-key.html,
            check.gift) and a sign-off sheet (sign-off.html); handbook-version.json records this
            build's version. With --since, each sign-off sheet lists the SOPs added, changed and
            removed since an earlier build (its handbook-version.json or .sopgen-manifest).

            Example:
              sopgen build sops --output site
              sopgen build sops --output site --since site/handbook-version.json
            """)
    )

    @OptionGroup var pack: PackArguments

    @OptionGroup var today: TodayOption

    @Option(name: .shortAndLong, help: "The output folder.", completion: .directory)
    var output: String = "site"

    @Option(help: ArgumentHelp("An earlier build's handbook-version.json or .sopgen-manifest: sign-off sheets list what changed since.",
                               valueName: "file"), completion: .file())
    var since: String?

    func validate() throws {
        if output.isEmpty { throw ValidationError("--output is empty; name the folder to write, e.g. --output site") }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let result: Pipeline.Result
        let day = try today.resolve()
        var pipeline = Pipeline(packRoot: pack.url, today: day)
        if let since {
            switch HandbookVersion.read(from: URL(fileURLWithPath: since)) {
            case .success(let version): pipeline.since = version
            case .failure(let error): throw ValidationError("--since \(error)")
            }
        }
        do {
            result = try await pipeline.build(into: URL(fileURLWithPath: output), writer: TestHooks.writer())
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
        Console.print("Built \(Counted.text(pages, "page")) for \(Counted.text(roles, "role")) into \(output)/ in \(String(format: "%.2f", seconds)) s")
    }
}
