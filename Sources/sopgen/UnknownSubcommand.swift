import ArgumentParser
import SOPKit

/// A word where a command group (`sopgen`, `sopgen playbook`, `sopgen site`) expects one of its
/// commands: `sopgen biuld` is answered with the nearest command, not only "unexpected argument".
struct UnknownSubcommand {
    var group: String
    var word: String
    var suggestion: String?

    var message: String {
        let hint = suggestion.map { " Did you mean '\(group) \($0)'?" } ?? ""
        return "Error: '\(TerminalText.escape(word))' is not a command of \(group).\(hint)\n  See '\(group) --help' for its commands."
    }

    /// Walks the arguments down the command tree while they name commands; nil when they do
    /// (or when an option or `help` comes first, which ArgumentParser answers itself).
    static func find(in arguments: [String], root: ParsableCommand.Type = SopgenCommand.self) -> UnknownSubcommand? {
        var command = root
        var path = [root.configuration.commandName ?? "sopgen"]
        for argument in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !argument.hasPrefix("-"), argument != "help" else { return nil }
            let names = subcommands.compactMap { $0.configuration.commandName }
            guard let next = subcommands.first(where: { $0.configuration.commandName == argument }) else {
                return UnknownSubcommand(group: path.joined(separator: " "), word: argument,
                                         suggestion: Suggestion.nearest(to: argument, in: names))
            }
            command = next
            path.append(argument)
        }
        return nil
    }
}
