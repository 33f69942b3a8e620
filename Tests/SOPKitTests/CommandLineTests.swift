import Foundation
import Testing
@testable import SOPKit

/// The command line as people meet it: help that is wrapped once, examples that can be pasted,
/// a suggestion for a mistyped command, errors that point at the command's own help.
@Suite struct CommandLineTests {
    func sopgen(_ arguments: [String], columns: Int = 80) throws -> ProcessRun {
        try ProcessRun.run(TestPaths.sopgenBinary.path, arguments, environment: ["COLUMNS": "\(columns)"])
    }

    /// Every command, found by walking the SUBCOMMANDS sections from the top, so a new one is covered.
    func commands() throws -> [[String]] {
        var found: [[String]] = []
        var queue: [[String]] = [[]]
        while let path = queue.popLast() {
            found.append(path)
            let help = try sopgen(path + ["--help"]).standardOutput
            guard let section = help.components(separatedBy: "SUBCOMMANDS:\n").dropFirst().first else { continue }
            for line in section.split(separator: "\n") where line.hasPrefix("  ") && !line.hasPrefix("   ") {
                let name = line.split(separator: " ").first.map(String.init) ?? ""
                if !name.isEmpty, name != "See", name != "help" { queue.append(path + [name]) }
            }
        }
        return found
    }

    /// The text between OVERVIEW's paragraph and USAGE: the discussion as printed.
    static func discussion(_ help: String) -> [Substring] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let usage = lines.firstIndex(where: { $0.hasPrefix("USAGE:") }),
              let start = lines.firstIndex(where: { $0.isEmpty }), start < usage else { return [] }
        return Array(lines[start..<usage])
    }

    @Test func helpIsWrappedOnceAndExamplesArePrintedWhole() throws {
        let commands = try commands()
        #expect(commands.count >= 12, "\(commands)")
        for command in commands {
            let narrow = Self.discussion(try sopgen(command + ["--help"]).standardOutput)
            let wide = Self.discussion(try sopgen(command + ["--help"], columns: 400).standardOutput)
            let name = (["sopgen"] + command).joined(separator: " ")
            // Indented lines (examples, lists) are as written, whatever the width: nothing broke them.
            let examples = wide.filter { $0.hasPrefix("  ") }
            #expect(examples == narrow.filter { $0.hasPrefix("  ") }, "\(name): an example was wrapped")
            for example in examples where example.contains("sopgen ") {
                #expect(example.count <= 80, "\(name): '\(example)' is wider than 80 columns")
            }
            // Prose is wrapped once, greedily: no line could have taken the next line's first word.
            for (line, next) in zip(narrow, narrow.dropFirst()) where !line.isEmpty && !next.isEmpty
                && !line.hasPrefix(" ") && !next.hasPrefix(" ") && !line.hasSuffix(":") {
                let word = next.split(separator: " ").first ?? ""
                #expect(line.count + 1 + word.count >= 80, "\(name): wrapped twice at '\(line)' / '\(next)'")
            }
        }
    }

    @Test(arguments: [
        (["biuld"], "Error: 'biuld' is not a command of sopgen. Did you mean 'sopgen build'?\n  See 'sopgen --help' for its commands.\n"),
        (["playbook", "exprot"], "Error: 'exprot' is not a command of sopgen playbook. Did you mean 'sopgen playbook export'?\n  See 'sopgen playbook --help' for its commands.\n"),
        (["xyzzy"], "Error: 'xyzzy' is not a command of sopgen.\n  See 'sopgen --help' for its commands.\n"),
    ])
    func aMistypedCommandGetsTheNearestOne(arguments: [String], expected: String) throws {
        let run = try sopgen(arguments)
        #expect(run.status == 64)
        #expect(run.standardError == expected)
    }

    @Test func aChecklistErrorPointsAtTheChecklistCommandsHelp() throws {
        let run = try sopgen(["checklist", TestPaths.bundledPack.path, "--site", "harbour-stor", "--kind", "rollout"])
        #expect(run.status == 64)
        #expect(run.standardError == """
            Error: no site 'harbour-stor' in sites/; did you mean 'harbour-store'? (sites: harbour-store)
              See 'sopgen checklist --help' for more information.

            """, "\(run.standardError)")
    }

    @Test func aMissingPackIsTheCauseNotAnUnknownSite() throws {
        let folder = TemporaryFolder()
        let run = try ProcessRun.run(TestPaths.sopgenBinary.path, ["checklist", "nope", "--site", "x", "--kind", "rollout"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.standardError.contains("error: no pack folder at"), "\(run.standardError)")
        #expect(run.standardError.contains("start one with 'sopgen init nope' [pack-not-found]"), "\(run.standardError)")
        #expect(!run.standardError.contains("no site"), "\(run.standardError)")
    }

    @Test func promoteOffersOnlyTheResultsItTakes() throws {
        let help = try sopgen(["playbook", "promote", "--help"]).standardOutput
        #expect(help.contains("values: pass,"), "\(help)")
        #expect(!help.contains("pending"), "\(help)")
        let run = try sopgen(["playbook", "promote", "x", "--to", "staging", "--first-run", "pending", "--by", "Ada"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("Please provide one of 'pass' and 'fail'"), "\(run.standardError)")
    }
}
