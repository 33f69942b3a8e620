import ArgumentParser
import Foundation
import SOPKit

struct PlaybookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playbook",
        abstract: "Move agency playbooks between client sites safely.",
        discussion: HelpText.discussion("""
            Example:
              sopgen playbook export refund-triage agency-pack \\
                --output refund-triage.bundle.json
              sopgen playbook import refund-triage.bundle.json --site harbour-store sops
              sopgen playbook localise refund-triage roles --by "Priya Raman" sops
              sopgen playbook promote refund-triage sops --to staging \\
                --result pass --by "Priya Raman"
              sopgen playbook run refund-triage sops --result fail \\
                --by "Tom Okafor" --reference "audit 4812"
            """),
        subcommands: [PlaybookExportCommand.self, PlaybookImportCommand.self, PlaybookLocaliseCommand.self, PlaybookRunCommand.self,
                      PlaybookPromoteCommand.self]
    )
}

extension PlaybookPromotion.Target: ExpressibleByArgument {}
extension PlaybookRun.Result: ExpressibleByArgument {}
extension Playbook.Mode: ExpressibleByArgument {}

/// The pack decoded, with its diagnostics printed and a failure thrown when a file it needs is broken.
func decodedPack(_ arguments: PackArguments, needing path: String) async throws -> Pack {
    let (pack, diagnostics) = await Pipeline(packRoot: arguments.url, today: try Today.resolve(nil)).decode()
    let blocking = diagnostics.filter { $0.severity == .error && ($0.location.path == path || $0.location.path.hasPrefix("sites/")) }
    if !blocking.isEmpty {
        Console.printError(DiagnosticFormatter(sources: pack.sources).format(blocking))
        throw ExitCode.failure
    }
    return pack
}

func today(_ date: String?) throws -> String {
    try Today.resolve(date, flag: "--date").description
}

struct PlaybookExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a playbook as a bundle another site can import, without secrets or client data.",
        discussion: HelpText.discussion("""
            Removes provider keys and tokens, credentials written in prose (password: …, token=…),
            connection strings, credentials in URLs, private keys, customer data (emails, phone
            numbers, card numbers, fields such as customer_name), anything under private: or a
            *_private key, invisible characters, and the source site's URLs and names. Fails closed
            on a part of the source's identity it cannot replace safely: a distinctive word of the
            organisation's or a site's name, the site's domain, a person's first or last name.
            Amounts, limits and discount rules in prose become <<local: …>> placeholders unless
            --keep names them; the report lists each with its decision. Coupon rules,
            order status slugs and the provider choice become <<local: …>> placeholders, listed in
            the manifest as required local changes. Prints what was removed, where and why. If any
            detector still fires on the finished bundle, nothing is written and the exit status is 1.
            The checksum covers manifest and playbook; it catches damage, not forgery: sign with
            --sign-key (an Ed25519 key from openssl genpkey -algorithm ed25519) for that.
            With --date, the same playbook always exports to the same bytes. Each export is
            recorded in the pack's exports/register.yml (pseudonym → source site, date, version,
            checksum, and the receiving site given with --for), which never goes into a bundle.

            Example:
              sopgen playbook export refund-triage sops --date 2026-11-21 \\
                --output refund-triage.bundle.json
            """)
    )

    @Argument(help: "The playbook id (playbooks/<id>.yml).", transform: IdentifierArgument.parse)
    var id: String

    @OptionGroup var pack: PackArguments

    @Option(name: .shortAndLong, help: "Write the bundle here instead of standard output.")
    var output: String?

    @Option(help: "The export date (YYYY-MM-DD); defaults to today.")
    var date: String?

    @Option(help: "How the bundle names its source site; defaults to a pseudonym that does not name the client.")
    var sourceLabel: String?

    @Option(help: "Sign the bundle with this Ed25519 private key (PEM, from openssl genpkey -algorithm ed25519).")
    var signKey: String?

    @Option(name: .customLong("keep"), help: ArgumentHelp("Export an amount, limit or discount rule in prose as written: a text of its clause (repeatable).",
                                                          valueName: "TEXT"))
    var keep: [String] = []

    @Option(name: .customLong("for"), help: ArgumentHelp("The receiving site, when known: recorded in the pack's export register only.",
                                                         valueName: "SITE"))
    var receivingSite: String?

    @Flag(help: "Replace the --output file even if it is not a playbook bundle sopgen wrote.")
    var force = false

    func run() async throws {
        let pack = try await decodedPack(pack, needing: "playbooks/\(id).yml")
        let outcome: PlaybookExport.Outcome
        do {
            let key = try signKey.map { path throws(PlaybookError) in try BundleSigningKey(pem: try keyText(path)) }
            outcome = try PlaybookExport(pack: pack).export(id, date: try today(date), sourceLabel: sourceLabel, signingKey: key, keep: keep)
        } catch let error as PlaybookError {
            throw ValidationError(error.description)
        }
        Console.printError("Removed from \(id):\n" + (outcome.redactions.isEmpty ? "  nothing\n" : outcome.redactions.map(\.description).joined(separator: "\n") + "\n"))
        if !outcome.decisions.isEmpty {
            Console.printError("Private policy in prose (amounts, limits, discount rules):\n" + outcome.decisions.map(\.description).joined(separator: "\n") + "\n")
        }
        for text in outcome.unusedKeeps {
            Console.printError("sopgen: warning: --keep '\(text)' matched no amount, limit or discount rule\n")
        }
        if !outcome.requiredChanges.isEmpty {
            Console.printError("Required local changes:\n" + outcome.requiredChanges.map { "  \($0.id): \($0.change)" }.joined(separator: "\n") + "\n")
        }
        guard let bundle = outcome.bundle, var entry = outcome.registerEntry else {
            Console.printError("sopgen: error: export refused, nothing written: the bundle would still carry \(outcome.leftovers.joined(separator: "; "))\n")
            throw ExitCode.failure
        }
        // The register first: no bundle leaves without the agency being able to trace it. The
        // output is checked before: a refused output must not leave an entry for a bundle never written.
        entry.receivingSite = try receivingSite.map(PersonArgument.parse)
        if let output {
            do { try BundleFile.check(output, packRoot: self.pack.url, force: force) } catch {
                Console.printError("sopgen: error: \(error); nothing exported\n")
                throw ExitCode.failure
            }
        }
        do {
            if try ExportRegister(packRoot: self.pack.url).record(entry) {
                Console.printError("Recorded in \(ExportRegister.path): \(entry.pseudonym) is \(entry.sourceSite)\n")
            }
        } catch {
            Console.printError("sopgen: error: \(error); nothing exported\n")
            throw ExitCode.failure
        }
        if let output {
            do { try BundleFile.write(bundle, to: output, packRoot: self.pack.url, force: force) } catch {
                Console.printError("sopgen: error: \(error)\n")
                throw ExitCode.failure
            }
        } else {
            FileHandle.standardOutput.write(Data(bundle.utf8))
        }
    }
}

/// A key file's text; a key file is a few hundred bytes.
func keyText(_ path: String) throws(PlaybookError) -> String {
    guard let data = FileManager.default.contents(atPath: path), data.count < 16_384 else { throw .badKey("cannot read '\(path)'") }
    return String(decoding: data, as: UTF8.self)
}

struct PlaybookImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a playbook bundle for a site, read-only, with a review of what to localise.",
        discussion: HelpText.discussion("""
            Reads the bundle strictly (the shape export writes, at most 2 MiB) and checks its
            checksum, and with --verify-key its signature. Refuses anything export would have
            removed and any secret a scan still finds. Writes playbooks/<id>.yml in read-only mode
            with its provenance (source site, export date, version, owner, required local changes,
            first run pending), only after proving that the file reads back exactly and passes
            sopgen check. Never writes through a symbolic link; --replace replaces only an earlier
            import. Then compares the bundle's assumptions with the site record and pack: provider
            setup, Knowledge Base sources, roles, approval policy, product language, coupon rules,
            order status conventions and support ownership.

            Example:
              sopgen playbook import refund-triage.bundle.json --site harbour-store sops
            """)
    )

    @Argument(help: "The bundle file.")
    var bundle: String

    @Option(help: "The site id the playbook is localised for.", transform: IdentifierArgument.parse)
    var site: String

    @OptionGroup var pack: PackArguments

    @Flag(help: "Replace an earlier import of the same playbook (never a playbook written by hand).")
    var replace = false

    @Option(help: "Require a signature by the agency's Ed25519 key: its public key (PEM, from openssl pkey -pubout).")
    var verifyKey: String?

    func run() async throws {
        let pack = try await decodedPack(pack, needing: "sites/\(site).yml")
        let root = self.pack.url
        let outcome: PlaybookImport.Outcome
        do {
            let data = try BundleFile.read(bundle)
            let key = try verifyKey.map { path throws(PlaybookError) in try BundleVerifyingKey(pem: try keyText(path)) }
            outcome = try PlaybookImport(pack: pack).importBundle(data, site: site, replace: replace, verifyingKey: key) { id throws(PlaybookError) in
                try PlaybookFile(packRoot: root, id: id).existingText()
            }
            try PlaybookFile(packRoot: root, id: outcome.id).write(outcome.text)
        } catch {
            Console.printError("sopgen: error: \(error)\n")
            throw ExitCode.failure
        }
        Console.print("Imported \(outcome.path) (read-only, first run pending).")
        for note in outcome.notes { Console.print(note) }
        Console.print("Import review for \(site):")
        Console.print(outcome.review.map(\.description).joined(separator: "\n"))
    }
}
