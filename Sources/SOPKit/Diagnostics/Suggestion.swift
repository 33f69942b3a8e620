/// "Did you mean …?" for a misspelt name: the nearest candidate by edit distance, if near enough.
/// Each comparison stops as soon as the distance is past the limit, so a pack with thousands of
/// misspellings, or a misspelt name a megabyte long, costs little.
public enum Suggestion {
    /// Longer words are not typos of a name.
    static let longestWord = 100

    public static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count <= longestWord else { return nil }
        let limit = max(2, word.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let bound = min(limit, (best?.distance ?? .max) - 1)
            if let distance = editDistance(scalars, Array(candidate.unicodeScalars.prefix(longestWord + limit + 1)), bound: bound) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String {
        nearest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance, or nil as soon as it must be more than `bound`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], bound: Int) -> Int? {
        guard bound >= 0, abs(a.count - b.count) <= bound else { return nil }
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMinimum = Swift.min(rowMinimum, current[j])
            }
            if rowMinimum > bound { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= bound ? previous[b.count] : nil
    }
}
