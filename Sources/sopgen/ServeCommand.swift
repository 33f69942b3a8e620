import ArgumentParser
import Foundation
import SOPKit
import SOPServe

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview a pack's site in the browser, re-rendered as you edit.",
        discussion: HelpText.discussion("""
            Renders the site in memory (nothing is written to site/ or anywhere) and serves it at
            http://127.0.0.1:8000/. It watches the pack and the theme: an edit re-renders what it
            affects and open pages reload themselves. An edit with errors keeps the last good site,
            prints the errors here and shows them over the page until they are fixed.

            Listens on loopback only, unless --host names another address. Ctrl-C stops it.

            Example:
              sopgen serve sops
              sopgen serve sops --port 8080 --today 2026-12-01
            """)
    )

    @OptionGroup var pack: PackArguments

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port: Int = 8000

    @Option(help: ArgumentHelp("The address to listen on. Anything but loopback shares the preview with the network.",
                               valueName: "address"))
    var host: String = "127.0.0.1"

    @OptionGroup var today: TodayOption

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not a port; give 0 to 65535") }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || ".:-".contains($0) }) else {
            throw ValidationError("--host '\(host)' is not an address; e.g. --host 127.0.0.1")
        }
    }

    func run() async throws {
        let day = try today.resolve()
        var server = PreviewServer(packRoot: pack.url, packName: pack.pack, host: host, port: port, today: day,
                                   print: { Console.print($0) }, printError: { Console.printError($0) })
        server.trace = TestHooks.serveTrace()
        do {
            try await server.run()
        } catch {
            Console.printError("sopgen: error: cannot serve on \(host):\(port): \(error)\n")
            throw ExitCode.failure
        }
    }
}
