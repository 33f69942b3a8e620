import ArgumentParser
import Foundation
import SOPKit

struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Work with the pack's site records.",
        discussion: HelpText.discussion("""
            Example:
              sopgen site import site-health.txt --site harbour-store
            """),
        subcommands: [SiteImportCommand.self]
    )
}

struct SiteImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Fill a site record from WordPress Site Health info.",
        discussion: HelpText.discussion("""
            Paste what Tools → Site Health → Info → "Copy site info to clipboard" gives (either
            variant, also inside Markdown or a code fence, with any line endings) into a file, then
            import it. sopgen takes the WordPress, PHP, SophMate and WooCommerce versions, the active
            theme and its parent, whether SophMate is active, and the home URL with the environment
            type. It never invents a value, keeps every field it does not set, lists what changed and
            the rollout facts still missing, and will not replace a value a person wrote unless
            --force is given.

            A report from the staging site fills staging_url only. A report whose address or
            environment matches neither of the record's sites is refused unless --force is given.
            The record is replaced atomically, never through a symbolic link, and only when the
            edit reads back as intended and check would report no new error about it.

            Example:
              sopgen site import site-health.txt --site harbour-store
              pbpaste | sopgen site import - sops --site harbour-store
            """)
    )

    @Argument(help: "The Site Health text; - for standard input.", completion: .file())
    var file: String

    @OptionGroup var pack: PackArguments

    @Option(
        help: "The site id: sites/<id>.yml is created or updated. Defaults to the pack's default_site.",
        transform: IdentifierArgument.parse)
    var site: String?

    @Flag(help: "Import a report that does not match the record's sites, and replace values a person wrote.")
    var force = false

    @OptionGroup var today: TodayOption

    func run() async throws {
        let report = SiteHealthReport(parsing: try SiteHealthInput.read(file))
        guard report.isSiteHealth else {
            Console.printError(
                "sopgen: error: '\(file)' holds no Site Health sections (### wp-core ### or ### WordPress ###)\n")
            throw ExitCode.failure
        }
        let day = try today.resolve()
        let outcome: SiteHealthImport.Outcome
        do {
            outcome = try await SiteHealthImport(packRoot: pack.url).run(report, site: site, force: force, today: day)
        } catch {
            if case .checkWouldFail(let diagnostics, let sources) = error {
                Console.printError(DiagnosticFormatter(sources: sources).format(diagnostics))
            }
            Console.printError("sopgen: error: \(error); nothing was written\n")
            throw ExitCode.failure
        }
        let record = outcome.record
        for warning in record.warnings { Console.printError("warning: \(warning)\n") }
        if let mismatch = record.mismatch {
            Console.printError("sopgen: \(outcome.path) was not changed: \(mismatch.reason).\n")
            Console.printError(
                "Import the report into the record of the site it came from, or run again with --force to import it"
                    + " as \(mismatch.forcedScope.rawValue) facts.\n")
            throw ExitCode.failure
        }
        guard record.text != nil else {
            Console.printError("sopgen: \(outcome.path) was not changed; these values were written by hand:\n")
            Console.printError(record.conflicts.map(\.description).joined(separator: "\n") + "\n")
            Console.printError("Run again with --force to replace them.\n")
            throw ExitCode.failure
        }
        if record.scope == .staging {
            Console.print(
                "The report is from the staging site: only staging_url is recorded; versions, theme and SophMate"
                    + " state stay production's.")
        }
        if !record.changes.isEmpty {
            Console.print("\(outcome.path):\n" + record.changes.map(\.description).joined(separator: "\n"))
        } else {
            Console.print(
                outcome.written
                    ? "\(outcome.path): no facts changed; site_health: now remembers them as imported"
                    : "\(outcome.path): no changes")
        }
        for warning in outcome.newWarnings { Console.print("check now warns: \(warning.message) [\(warning.code)]") }
        if !outcome.hostingChanges.isEmpty {
            Console.print("Recorded a hosting change in reviews/triggers.yml: SOPs with review_on: [hosting-change] are due for review.")
        }
        if !outcome.providerChanges.isEmpty {
            Console.print("Recorded a provider change in reviews/triggers.yml (\(outcome.providerChanges.joined(separator: "; "))): "
                + "SOPs and playbooks with review_on: [provider-change] are due for review.")
        }
        if !record.missingFacts.isEmpty {
            Console.print("Still missing for rollout: \(record.missingFacts.joined(separator: ", "))")
        }
    }
}
