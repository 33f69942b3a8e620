import ArgumentParser
import Foundation
import SOPKit

@main
struct SopgenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sopgen",
        abstract: "Turn a pack of roles, policies, site records and SOPs into SophMate rollout handbooks.",
        discussion: """
            A pack is a folder of plain files (sopgen.yml, roles.yml, policies.yml, sites/, procedures/,
            snippets/). sopgen checks it, then writes one handbook per role, a trainer view of every SOP
            and a printable handbook per role.

            Example:
              sopgen build sops --output site
            """,
        version: SopgenVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, ChecklistCommand.self, SiteCommand.self, PlaybookCommand.self, RenderCommand.self,
                      SchemaCommand.self, ReviewCommand.self]
    )

    /// ArgumentParser's own `main`, with one change: an error from the file system is printed as
    /// one line (`sopgen: error: cannot write 'path': reason`), never as Foundation's dump.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: presentable(error))
        }
    }

    static func presentable(_ error: any Error) -> any Error {
        if let failure = error as? FileSystemFailure {
            Console.printError("sopgen: error: \(failure)\n")
            return ExitCode.failure
        }
        if let validation = error as? ValidationError {
            return ValidationError(TerminalText.escape(validation.message))
        }
        if FileSystemFailure.isSystemError(error) {
            let path = FileSystemFailure.path(of: error) ?? "a file"
            Console.printError("sopgen: error: \(FileSystemFailure(.access, path, error: error))\n")
            return ExitCode.failure
        }
        return error
    }
}
