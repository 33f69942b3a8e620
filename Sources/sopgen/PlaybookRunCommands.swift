import ArgumentParser
import Foundation
import SOPKit

/// The playbook and its file's text, or a usage error naming the playbooks there are.
func playbookSource(_ id: String, in pack: Pack) throws -> (Playbook, String) {
    guard let playbook = pack.playbooks.first(where: { $0.id == id }), let source = pack.sources["playbooks/\(id).yml"] else {
        throw ValidationError(PlaybookError.unknownPlaybook(id, pack.playbooks.map(\.id)).description)
    }
    return (playbook, source.text)
}

func writePlaybook(_ text: String?, id: String, packRoot: URL) throws {
    guard let text else { return }
    do { try PlaybookFile(packRoot: packRoot, id: id).write(text) } catch {
        Console.printError("sopgen: error: \(error)\n")
        throw ExitCode.failure
    }
}

struct PlaybookLocaliseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "localise",
        abstract: "Mark one point of an imported playbook's import review as resolved for this site.",
        discussion: HelpText.discussion("""
            ITEM is a topic of the stored import review (provider-setup, knowledge-base-sources,
            roles, approval-policy, product-language, coupon-rules, order-status-conventions,
            support-ownership) or a required local change (such as site-references). Records who
            resolved it and when. A topic and the required local change export made for it are
            resolved together; an item whose <<local: …>> placeholder is still in the file is refused.
            Production is refused while any item is open.

            Example:
              sopgen playbook localise refund-triage knowledge-base-sources \\
                --by "Priya Raman" sops
            """)
    )

    @Argument(help: "The playbook id.", transform: IdentifierArgument.parse)
    var id: String

    @Argument(help: "The review topic or required local change.", transform: IdentifierArgument.parse)
    var item: String

    @OptionGroup var pack: PackArguments

    @Option(help: "Who localised it.")
    var by: String

    @Option(help: "When (YYYY-MM-DD); defaults to today.")
    var date: String?

    func run() async throws {
        let (playbook, text) = try playbookSource(id, in: try await decodedPack(pack, needing: "playbooks/\(id).yml"))
        let outcome: PlaybookLocaliser.Outcome
        do {
            outcome = try PlaybookLocaliser.resolve(playbook, text: text, item: item, by: try PersonArgument.parse(by), date: try today(date))
        } catch let failure as PlaybookLocaliser.Failure {
            Console.printError("sopgen: error: \(failure)\n")
            throw ExitCode.failure
        }
        try writePlaybook(outcome.text, id: id, packRoot: pack.url)
        Console.print(outcome.message)
    }
}

struct PlaybookRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Record a run of a playbook in its history.",
        discussion: HelpText.discussion("""
            Appends a run (date, environment, result, who, the audit record or trace) to the
            playbook's history; earlier runs are kept. A failed run blocks promotion, and makes the
            playbook's review due (check: failed-run), until a later run passes. Exit 1 when the
            run failed.

            Example:
              sopgen playbook run refund-triage sops --result fail \\
                --by "Tom Okafor" --reference "audit 4812"
            """)
    )

    @Argument(help: "The playbook id.", transform: IdentifierArgument.parse)
    var id: String

    @OptionGroup var pack: PackArguments

    @Option(help: "pass or fail.")
    var result: PlaybookRun.Result

    @Option(help: "read-only, staging or production; defaults to the playbook's mode.")
    var environment: Playbook.Mode?

    @OptionGroup var record: RunRecordOptions

    func run() async throws {
        let (playbook, text) = try playbookSource(id, in: try await decodedPack(pack, needing: "playbooks/\(id).yml"))
        let run = PlaybookRun(date: try today(record.date), environment: environment ?? playbook.mode?.value ?? .readOnly, result: result,
                              by: try PersonArgument.parse(record.by), reference: record.reference, notes: record.notes)
        let outcome = try PlaybookPromotion.recordRun(playbook, text: text, run: run)
        try writePlaybook(outcome.text, id: id, packRoot: pack.url)
        if result == .pass {
            Console.print(outcome.message)
        } else {
            Console.printError("sopgen: \(outcome.message)\n")
            throw ExitCode.failure
        }
    }
}

struct PlaybookPromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Move a playbook to staging or production, recording a run first when given.",
        discussion: HelpText.discussion("""
            With --result, records a run in the playbook's current mode (who, when, the audit
            record or trace); a failing run is recorded and the playbook stays where it is (exit 1).
            Refused while the last recorded run failed. Production is refused without a passing
            run in read-only or staging, and for an imported playbook while any point of its
            import review or required local change is open (sopgen playbook localise) or a
            <<local: …>> placeholder is left.

            Example:
              sopgen playbook promote refund-triage sops --to staging \\
                --result pass --by "Priya Raman"
            """)
    )

    @Argument(help: "The playbook id.", transform: IdentifierArgument.parse)
    var id: String

    @OptionGroup var pack: PackArguments

    @Option(help: "staging or production.")
    var to: PlaybookPromotion.Target

    @Option(name: [.customLong("result"), .customLong("first-run")], help: "Record a run first: pass or fail.")
    var result: PlaybookRun.Result?

    @OptionGroup var record: RunRecordOptions

    func run() async throws {
        let (playbook, text) = try playbookSource(id, in: try await decodedPack(pack, needing: "playbooks/\(id).yml"))
        let outcome = try PlaybookPromotion.promote(playbook, text: text, to: to, result: result, by: try PersonArgument.parse(record.by),
                                                    date: try today(record.date), notes: record.notes, reference: record.reference)
        try writePlaybook(outcome.text, id: id, packRoot: pack.url)
        if outcome.promoted {
            Console.print(outcome.message)
        } else {
            Console.printError("sopgen: \(outcome.message)\n")
            throw ExitCode.failure
        }
    }
}

/// What `playbook run` and `playbook promote` record of a run: who, the evidence, when.
struct RunRecordOptions: ParsableArguments {
    @Option(help: "Who ran it.")
    var by: String

    @Option(help: "The audit record or trace that shows the run.")
    var reference: String?

    @Option(help: "What was seen.")
    var notes: String?

    @Option(help: "When (YYYY-MM-DD); defaults to today.")
    var date: String?
}

/// A person's name on the command line: one line of text, not empty.
enum PersonArgument {
    static func parse(_ text: String) throws -> String {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.contains(where: \.isNewline), name.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control }) else {
            throw ValidationError("--by must name a person on one line")
        }
        return name
    }
}
