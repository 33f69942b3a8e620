import ArgumentParser
import Foundation
import GFM
import SOPKit

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render one Markdown file to an HTML fragment, with sopgen's GFM settings.",
        discussion: HelpText.discussion("""
            Like the cmark-gfm command: tables, task lists, strikethrough, autolinks and footnotes on;
            raw HTML left out unless --unsafe. Headings get the same ids as in a handbook. Reads
            standard input when no file is given.

            Example:
              sopgen render procedures/support/refunds.md > refunds.html
              echo '| a | b |' | sopgen render
            """)
    )

    @Argument(help: "A Markdown file; standard input when omitted.", completion: .file())
    var file: String?

    @Flag(help: "Keep raw HTML and javascript:, vbscript:, file: and data: links, as a pack with unsafe_html: true does.")
    var unsafe = false

    func run() throws {
        let data: Data
        if let file {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read '\(file)'")
            }
            data = contents
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        let text = GFMReserved.sanitize(String(decoding: data, as: UTF8.self))
        // cmark-gfm would build every cell of such a table; say so rather than render it as text.
        let tables = GFMLimits.oversizedTables(in: text)
        if !tables.isEmpty {
            let path = file ?? "<stdin>"
            let diagnostics = tables.map { Diagnostic.tableTooLarge($0, at: SourceLocation(path: path, line: $0.position.line, column: $0.position.column)) }
            Console.printError(DiagnosticFormatter(sources: [path: SourceFile(path: path, text: text)]).format(diagnostics))
            throw ExitCode.failure
        }
        FileHandle.standardOutput.write(Data(GFMDocument.html(from: text, options: GFMOptions(allowsRawHTML: unsafe, labelsTaskItems: false)).utf8))
    }
}
