import Foundation

/// Mutations that trap (end the process with a signal) on main, recognised from the mutated text.
/// The in-process mutation run leaves them to the binary, where a trap ends a child process and is
/// recorded as a known issue, instead of ending the whole test run.
///
/// Empty: the two traps the mutation test found (two roles with one id, through
/// `Dictionary(uniqueKeysWithValues:)` in SOPViewRenderer; a review_cadence whose days overflow
/// Int) were fixed on the crashes branch. When a new one is found, add a recogniser here with the
/// seed that found it, and run `SOPGEN_MUTATION_EXPLORE=1 swift test --filter MutationTests/explore`
/// to see that nothing else traps.
enum KnownTraps {
    static func reason(_ mutation: PackMutator.Case) -> String? {
        nil
    }
}
