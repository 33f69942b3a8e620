import ArgumentParser
import Foundation
import SOPKit

@main
struct SopgenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sopgen",
        abstract: "Turn a pack of roles, policies, site records and SOPs into SophMate rollout handbooks.",
        discussion: HelpText.discussion("""
            A pack is a folder of plain files (sopgen.yml, roles.yml, policies.yml, sites/, procedures/,
            snippets/). sopgen checks it, then writes one handbook per role, a trainer view of every SOP
            and a printable handbook per role.

            Example:
              sopgen build sops --output site
            """),
        version: SopgenVersion.current,
        subcommands: [InitCommand.self, BuildCommand.self, CheckCommand.self, ChecklistCommand.self, PDFCommand.self, ServeCommand.self, SiteCommand.self, PlaybookCommand.self, RenderCommand.self,
                      SchemaCommand.self, ReviewCommand.self]
    )

    /// ArgumentParser's own `main`, with one change: an error from the file system is printed as
    /// one line (`sopgen: error: cannot write 'path': reason`), never as Foundation's dump.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let unknown = UnknownSubcommand.find(in: arguments) {
            Console.printError(unknown.message + "\n")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        var parsed: ParsableCommand.Type = SopgenCommand.self
        do {
            var command = try parseAsRoot(arguments)
            parsed = type(of: command)
            if let problem = currentFolderProblem() {
                Console.printError("sopgen: error: \(problem)\n")
                Foundation.exit(ExitCode.failure.rawValue)
            }
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let error = presentable(error)
            // A command that failed while running points to its own help, not `sopgen <subcommand>`.
            if let validation = error as? ValidationError, parsed != SopgenCommand.self {
                Console.printError("Error: \(validation.message)\n  See '\(commandPath(to: parsed)) --help' for more information.\n")
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
            exit(withError: error)
        }
    }

    /// `sopgen playbook promote` for `PlaybookPromoteCommand`.
    static func commandPath(to target: ParsableCommand.Type, from command: ParsableCommand.Type = SopgenCommand.self,
                            path: [String] = ["sopgen"]) -> String {
        if command == target { return path.joined(separator: " ") }
        for subcommand in command.configuration.subcommands {
            let found = commandPath(to: target, from: subcommand, path: path + [subcommand.configuration.commandName ?? ""])
            if !found.isEmpty { return found }
        }
        return command == SopgenCommand.self ? "sopgen" : ""
    }

    /// Run from a folder that no longer exists (a build into `.` swaps it for the new site),
    /// Foundation resolves a relative path from `/`: `--output site` would write `/site`. Refused
    /// before any command runs.
    static func currentFolderProblem() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        // Only a folder removed from under us: a path too long for the buffer is not that.
        guard getcwd(&buffer, buffer.count) == nil, errno == ENOENT else { return nil }
        return "the current folder no longer exists (it was removed or replaced, as a build into '.' replaces it), so a relative path would be read from '/'; cd into a folder and run sopgen again"
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
