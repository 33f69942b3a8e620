import Foundation

/// Mutations that trap (end the process with a signal) on main today, recognised from the mutated
/// text. The in-process mutation run leaves them to the binary, where a trap ends a child process
/// and is recorded, instead of ending the whole test run. The guesses err towards "traps": a case
/// wrongly left out still runs, through the binary.
///
/// Each entry is fixed on the crashes branch (issue 8); delete it when that fix lands, and run
/// `SOPGEN_MUTATION_EXPLORE=1 swift test --filter MutationTests/explore` to see that nothing else traps.
enum KnownTraps {
    static func reason(_ mutation: PackMutator.Case) -> String? {
        if let roles = mutation.files["roles.yml"], hasDuplicate(ids(in: roles)) {
            return "two roles share an id: Dictionary(uniqueKeysWithValues:) in SOPViewRenderer"
        }
        for (path, text) in mutation.files where path.hasPrefix("procedures/") && overflowingCadence(in: text) {
            return "a review_cadence whose days overflow Int in ReviewCadence or CalendarDate.adding"
        }
        return nil
    }

    /// Every `id:` value in a YAML file, quotes removed.
    static func ids(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let entry = trimmed.hasPrefix("- ") ? String(trimmed.dropFirst(2)).trimmingCharacters(in: .whitespaces) : trimmed
            guard entry.hasPrefix("id:") else { return nil }
            return entry.dropFirst(3).trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\"'")))
        }
    }

    static func hasDuplicate(_ values: [String]) -> Bool { Set(values).count < values.count }

    /// A `review_cadence:` with "every N …" where N days, weeks, months or years pass Int's range
    /// (or come near enough that adding them to a date would).
    static func overflowingCadence(in text: String) -> Bool {
        for line in text.split(separator: "\n") where line.contains("review_cadence") {
            let words = line.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            for (index, word) in words.enumerated() where word == "every" && index + 1 < words.count {
                let digits = words[index + 1]
                guard digits.allSatisfy(\.isNumber) else { continue }
                guard let number = Int(digits) else { continue }
                if number.multipliedReportingOverflow(by: 366).overflow || number * 366 > Int.max / 2 { return true }
            }
        }
        return false
    }
}
