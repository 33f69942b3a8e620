import ArgumentParser
import Foundation
import SOPKit

extension PackSchema: ExpressibleByArgument {}

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of one pack file kind, for editors that check YAML.",
        discussion: HelpText.discussion("""
            Kinds: \(PackSchema.allCases.map(\.rawValue).joined(separator: ", ")).
            \(PackSchema.allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n"))
            The same schemas are in the schemas/ folder of sopgen's source; the YAML language server
            (VS Code and others) uses one named in a file's first line:
              # yaml-language-server: $schema=../schemas/roles.schema.json

            Example:
              sopgen schema roles > roles.schema.json
            """)
    )

    @Argument(help: "The kind of pack file: \(PackSchema.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: PackSchema

    func run() {
        FileHandle.standardOutput.write(Data(kind.schema.json.utf8))
    }
}
