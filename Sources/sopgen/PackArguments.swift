import ArgumentParser
import Foundation
import SOPKit

/// The pack folder argument that several commands share.
struct PackArguments: ParsableArguments {
    @Argument(help: "The pack folder.", completion: .directory)
    var pack: String = "sops"

    var url: URL { URL(fileURLWithPath: pack) }
}

enum Console {
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func report(_ result: Pipeline.Result) {
        guard !result.diagnostics.isEmpty else { return }
        printError(DiagnosticFormatter(sources: result.sources).format(result.diagnostics))
    }
}
