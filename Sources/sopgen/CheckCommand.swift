import ArgumentParser
import SOPKit

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report every problem in a pack, without writing anything.",
        discussion: """
            Runs the same checks as build and prints each problem as path:line:column with the source
            line and a caret. Exits 1 when there is an error.

            Example:
              sopgen check sops
            """
    )

    @OptionGroup var pack: PackArguments

    func run() async throws {
        let result = await Pipeline(packRoot: pack.url).plan()
        Console.report(result)
        if result.diagnostics.hasErrors { throw ExitCode.failure }
        if result.diagnostics.isEmpty { print("\(pack.pack): no problems found") }
    }
}
