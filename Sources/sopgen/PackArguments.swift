import ArgumentParser
import Foundation
import SOPKit

/// The pack folder argument that several commands share.
struct PackArguments: ParsableArguments {
    @Argument(help: "The pack folder.", completion: .directory)
    var pack: String = "sops"

    var url: URL { URL(fileURLWithPath: pack) }
}

/// Everything sopgen says on the terminal goes through here: text that came from a pack or a file
/// (names, values, paths) is escaped by `TerminalText`, so it cannot drive the terminal.
enum Console {
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data(TerminalText.escape(text, keepingLayout: true).utf8))
    }

    /// A line on standard output, for people (documents for machines are written as they are).
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((TerminalText.escape(text, keepingLayout: true) + "\n").utf8))
    }

    static func report(_ result: Pipeline.Result) {
        guard !result.diagnostics.isEmpty else { return }
        printError(DiagnosticFormatter(sources: result.sources).format(result.diagnostics))
    }

    /// Writes `data` to `path`, replacing it whole; a failure is one line, not Foundation's dump.
    static func write(_ data: Data, to path: String, creatingFolders: Bool = false) throws(FileSystemFailure) {
        let url = URL(fileURLWithPath: path)
        if creatingFolders {
            try FileSystemFailure.attempt(.create, url.deletingLastPathComponent().path) {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            }
        }
        try FileSystemFailure.attempt(.write, path) { try data.write(to: url, options: .atomic) }
    }
}
