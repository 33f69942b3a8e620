/// Values are copied into the text at every use: a site name of a megabyte named 100,000 times
/// would be 100 GB in every view. The values of one SOP (or one checklist) may add up to the
/// file-size limit, counted at the longest each value is in any view.
enum ValueBudget {
    static let maximumSize = PackLoader.maximumFileSize

    /// The longest each value is, in bytes, over the given views' values.
    static func longest(_ views: [[String: String]]) -> [String: Int] {
        longest(views, over: [:])
    }

    /// `longest(views)` with the views whose lengths `known` already holds (the same for every
    /// SOP: each role's values) not counted again.
    static func longest(_ views: [[String: String]], over known: [String: Int]) -> [String: Int] {
        var longest = known
        for values in views {
            for (name, value) in values { longest[name] = max(longest[name] ?? 0, value.utf8.count) }
        }
        return longest
    }

    /// The first use of a value that takes the total past `maximumSize`, reported; nil when all fit.
    static func overflow(in texts: [ExpandedMarkdown], longest: [String: Int], name: String) -> Diagnostic? {
        var total = 0
        for text in texts {
            for (index, value) in text.valueNames.enumerated() {
                total += longest[value] ?? 0
                guard total > maximumSize else { continue }
                let location = index < text.valueLocations.count ? text.valueLocations[index] : SourceLocation(path: name)
                return .error(.valuesTooLarge, "'{{\(value)}}' here takes the values in \(name) past \(maximumSize / 1_048_576) MiB (each use copies the value); use long values less often", at: location)
            }
        }
        return nil
    }
}
