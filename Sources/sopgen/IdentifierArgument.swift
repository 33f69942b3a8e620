import ArgumentParser
import SOPKit

/// A command-line argument that names an id (a site, checklist or playbook) is held to the pack's
/// one id rule before anything reads or writes: `--site ../sopgen` is a usage error (exit 64),
/// never a path. Use as `@Option(transform: IdentifierArgument.parse)`.
enum IdentifierArgument {
    struct Refusal: Error, CustomStringConvertible {
        var problem: Identifier.Problem
        var description: String { "\(problem); an id is \(Identifier.rule)" }
    }

    static func parse(_ text: String) throws -> String {
        do {
            return try Identifier(text).value
        } catch {
            throw Refusal(problem: error)
        }
    }
}
