import ArgumentParser
import Foundation
import SOPKit

struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Work with the pack's site records.",
        discussion: """
            Example:
              sopgen site import site-health.txt --site harbour-store
            """,
        subcommands: [SiteImportCommand.self]
    )
}

struct SiteImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Fill a site record from WordPress Site Health info.",
        discussion: """
            Paste what Tools → Site Health → Info → "Copy site info to clipboard" gives (either
            variant, also inside Markdown or a code fence) into a file, then import it. sopgen takes
            the WordPress, PHP, SophMate and WooCommerce versions, the active theme and its parent,
            whether SophMate is active, and the home URL with the environment type. It never invents
            a value, keeps every field it does not set, lists what changed and the rollout facts still
            missing, and will not replace a value a person wrote unless --force is given.

            Example:
              sopgen site import site-health.txt --site harbour-store
              pbpaste | sopgen site import - sops --site harbour-store
            """
    )

    @Argument(help: "The Site Health text; - for standard input.", completion: .file())
    var file: String

    @OptionGroup var pack: PackArguments

    @Option(help: "The site id: sites/<id>.yml is created or updated. Defaults to the pack's default_site.")
    var site: String?

    @Flag(help: "Replace values a person wrote with what Site Health says.")
    var force = false

    func run() async throws {
        let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
        guard let data, let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("cannot read '\(file)' as UTF-8 text")
        }
        let report = SiteHealthReport(parsing: text)
        guard report.sections.keys.contains("wp-core") || report.sections.keys.contains("wp-server") else {
            Console.printError("sopgen: error: '\(file)' holds no Site Health sections (### wp-core ### or ### WordPress ###)\n")
            throw ExitCode.failure
        }
        let siteID = try siteID()
        let path = pack.url.appendingPathComponent("sites/\(siteID).yml")
        let existing = FileManager.default.contents(atPath: path.path).map { String(decoding: $0, as: UTF8.self) }
        let outcome = try SiteRecordImport.apply(SiteHealthFacts(report), to: existing, siteID: siteID, force: force)
        for warning in outcome.warnings { Console.printError("warning: \(warning)\n") }
        guard let newText = outcome.text else {
            Console.printError("sopgen: sites/\(siteID).yml was not changed; these values were written by hand:\n")
            Console.printError(outcome.conflicts.map(\.description).joined(separator: "\n") + "\n")
            Console.printError("Run again with --force to replace them.\n")
            throw ExitCode.failure
        }
        if newText != existing {
            try Console.write(Data(newText.utf8), to: path.path, creatingFolders: true)
        }
        Console.print(outcome.changes.isEmpty ? "sites/\(siteID).yml: no changes" : "sites/\(siteID).yml:\n" + outcome.changes.map(\.description).joined(separator: "\n"))
        if !outcome.missingFacts.isEmpty {
            Console.print("Still missing for rollout: \(outcome.missingFacts.joined(separator: ", "))")
        }
    }

    private func siteID() throws -> String {
        if let site { return site }
        let settings = pack.url.appendingPathComponent("sopgen.yml")
        if let text = FileManager.default.contents(atPath: settings.path).map({ String(decoding: $0, as: UTF8.self) }),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("default_site:") }) {
            let id = line.dropFirst("default_site:".count).trimmingCharacters(in: .whitespaces)
            if !id.isEmpty { return id }
        }
        throw ValidationError("name the site with --site ID (the pack has no default_site)")
    }
}
