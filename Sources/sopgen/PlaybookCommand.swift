import ArgumentParser
import Foundation
import SOPKit

struct PlaybookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playbook",
        abstract: "Move agency playbooks between client sites safely.",
        discussion: """
            Example:
              sopgen playbook export refund-triage agency-pack --output refund-triage.bundle.json
              sopgen playbook import refund-triage.bundle.json --site harbour-store sops
              sopgen playbook promote refund-triage --to staging --first-run pass --by "Priya Raman" sops
            """,
        subcommands: [PlaybookExportCommand.self, PlaybookImportCommand.self, PlaybookPromoteCommand.self]
    )
}

extension PlaybookPromotion.Target: ExpressibleByArgument {}
extension Playbook.FirstRun.Result: ExpressibleByArgument {}

/// The pack decoded, with its diagnostics printed and a failure thrown when a file it needs is broken.
func decodedPack(_ arguments: PackArguments, needing path: String) async throws -> Pack {
    let (pack, diagnostics) = await Pipeline(packRoot: arguments.url).decode()
    let blocking = diagnostics.filter { $0.severity == .error && ($0.location.path == path || $0.location.path.hasPrefix("sites/")) }
    if !blocking.isEmpty {
        Console.printError(DiagnosticFormatter(sources: pack.sources).format(blocking))
        throw ExitCode.failure
    }
    return pack
}

func today(_ date: String?) throws -> String {
    if let date {
        if case .failure(let problem) = CalendarDate.parse(date) { throw ValidationError("--date \(problem.message(for: date))") }
        return date
    }
    return CalendarDate.today.description
}

struct PlaybookExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a playbook as a bundle another site can import, without secrets or client data.",
        discussion: """
            Removes provider keys and tokens, credentials in URLs, private keys, customer data
            (emails, phone numbers, card numbers, fields such as customer_name), anything under
            private: or a *_private key, and the source site's URLs and names. Coupon rules, order
            status slugs and the provider choice become <<local: …>> placeholders, listed in the
            manifest as required local changes. Prints what was removed, where and why. If any
            detector still fires on the finished bundle, nothing is written and the exit status is 1.
            With --date, the same playbook always exports to the same bytes.

            Example:
              sopgen playbook export refund-triage sops --date 2026-11-21 --output refund-triage.bundle.json
            """
    )

    @Argument(help: "The playbook id (playbooks/<id>.yml).")
    var id: String

    @OptionGroup var pack: PackArguments

    @Option(name: .shortAndLong, help: "Write the bundle here instead of standard output.")
    var output: String?

    @Option(help: "The export date (YYYY-MM-DD); defaults to today.")
    var date: String?

    @Option(help: "How the bundle names its source site; defaults to a pseudonym that does not name the client.")
    var sourceLabel: String?

    func run() async throws {
        let pack = try await decodedPack(pack, needing: "playbooks/\(id).yml")
        let outcome: PlaybookExport.Outcome
        do {
            outcome = try PlaybookExport(pack: pack).export(id, date: try today(date), sourceLabel: sourceLabel)
        } catch let error as PlaybookError {
            throw ValidationError(error.description)
        }
        Console.printError("Removed from \(id):\n" + (outcome.redactions.isEmpty ? "  nothing\n" : outcome.redactions.map(\.description).joined(separator: "\n") + "\n"))
        if !outcome.requiredChanges.isEmpty {
            Console.printError("Required local changes:\n" + outcome.requiredChanges.map { "  \($0.id): \($0.change)" }.joined(separator: "\n") + "\n")
        }
        guard let bundle = outcome.bundle else {
            Console.printError("sopgen: error: export refused, nothing written: the bundle would still carry \(outcome.leftovers.joined(separator: "; "))\n")
            throw ExitCode.failure
        }
        if let output {
            try Console.write(Data(bundle.utf8), to: output)
        } else {
            FileHandle.standardOutput.write(Data(bundle.utf8))
        }
    }
}

struct PlaybookImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a playbook bundle for a site, read-only, with a review of what to localise.",
        discussion: """
            Checks the bundle's format version and checksum (a changed bundle is refused) and scans it
            once more for secrets. Writes playbooks/<id>.yml in read-only mode with its provenance:
            source site, export date, version, owner, required local changes and first-run result
            (pending). Never overwrites an existing playbook without --replace. Then compares the
            bundle's assumptions with the site record and pack: provider setup, Knowledge Base
            sources, roles, approval policy, product language, coupon rules, order status conventions
            and support ownership.

            Example:
              sopgen playbook import refund-triage.bundle.json --site harbour-store sops
            """
    )

    @Argument(help: "The bundle file.")
    var bundle: String

    @Option(help: "The site id the playbook is localised for.")
    var site: String

    @OptionGroup var pack: PackArguments

    @Flag(help: "Overwrite an existing playbook with the same id.")
    var replace = false

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: bundle) else { throw ValidationError("cannot read '\(bundle)'") }
        let pack = try await decodedPack(pack, needing: "sites/\(site).yml")
        let root = self.pack.url
        let outcome: PlaybookImport.Outcome
        do {
            outcome = try PlaybookImport(pack: pack).importBundle(data, site: site, replace: replace) { path in
                FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
            }
        } catch {
            Console.printError("sopgen: error: \(error)\n")
            throw ExitCode.failure
        }
        let target = root.appendingPathComponent(outcome.path)
        try Console.write(Data(outcome.text.utf8), to: target.path, creatingFolders: true)
        Console.print("Imported \(outcome.path) (read-only, first run pending).")
        Console.print("Import review for \(site):")
        Console.print(outcome.review.map(\.description).joined(separator: "\n"))
    }
}

struct PlaybookPromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Record a playbook's first run and move it to staging or production.",
        discussion: """
            Records the first-run result with who ran it, when and in which mode. A passing run
            promotes the playbook; a failing one is recorded and the playbook stays where it is (exit 1).
            Production is refused unless the first run passed in read-only or staging and every
            required local change is resolved (resolved: true, and no <<local: …>> placeholder left).

            Example:
              sopgen playbook promote refund-triage --to staging --first-run pass --by "Priya Raman" sops
            """
    )

    @Argument(help: "The playbook id.")
    var id: String

    @OptionGroup var pack: PackArguments

    @Option(help: "staging or production.")
    var to: PlaybookPromotion.Target

    @Option(help: "The first run's result: pass or fail.")
    var firstRun: Playbook.FirstRun.Result

    @Option(help: "Who ran it.")
    var by: String

    @Option(help: "What was seen.")
    var notes: String?

    @Option(help: "When (YYYY-MM-DD); defaults to today.")
    var date: String?

    func run() async throws {
        let path = "playbooks/\(id).yml"
        let pack = try await decodedPack(pack, needing: path)
        guard let playbook = pack.playbooks.first(where: { $0.id == id }), let source = pack.sources[path] else {
            throw ValidationError(PlaybookError.unknownPlaybook(id, pack.playbooks.map(\.id)).description)
        }
        let outcome = try PlaybookPromotion.promote(playbook, text: source.text, to: to, result: firstRun, by: by,
                                                    date: try today(date), notes: notes)
        if let text = outcome.text {
            try Console.write(Data(text.utf8), to: self.pack.url.appendingPathComponent(path).path)
        }
        if outcome.promoted {
            Console.print(outcome.message)
        } else {
            Console.printError("sopgen: \(outcome.message)\n")
            throw ExitCode.failure
        }
    }
}
