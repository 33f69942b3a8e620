/// The last step before a report: each diagnostic once, one diagnostic per missing thing, causes
/// first. A role misspelt where it is defined is one problem, not one error for each of the
/// twenty SOPs that use the right name; the first use carries the error and counts the others.
public enum DiagnosticGrouping {
    /// Other uses listed by location in the message; the rest are counted.
    static let listedUses = 3

    public static func finish(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var single: [Diagnostic] = []
        var groups: [GroupKey: [Diagnostic]] = [:]
        for diagnostic in Set(diagnostics) {
            if let subject = diagnostic.subject {
                groups[GroupKey(code: diagnostic.code, severity: diagnostic.severity, subject: subject), default: []].append(diagnostic)
            } else {
                single.append(diagnostic)
            }
        }
        for uses in groups.values {
            let sorted = inPackOrder(uses)
            var first = sorted[0]
            let others = sorted.dropFirst()
            if !others.isEmpty {
                var listed = others.prefix(listedUses).map(\.location.description)
                if others.count > listedUses { listed.append("…") }
                first.message += " (\(others.count) more use\(others.count == 1 ? "" : "s"): \(listed.joined(separator: ", ")))"
            }
            single.append(first)
        }
        return limited(inPackOrder(single))
    }

    /// Diagnostics kept per file; a file with more (a generated or corrupted file, usually) gets
    /// one more saying how many are left out, so a report stays readable and its size bounded.
    static let perFileLimit = 200

    /// `sorted` with each file's diagnostics after the first `perFileLimit` replaced by a count.
    static func limited(_ sorted: [Diagnostic]) -> [Diagnostic] {
        var counts: [String: Int] = [:]
        for diagnostic in sorted { counts[diagnostic.location.path, default: 0] += 1 }
        guard counts.values.contains(where: { $0 > perFileLimit }) else { return sorted }
        var kept: [Diagnostic] = []
        var seen: [String: Int] = [:]
        var omitted: [String: (first: Diagnostic, errors: Int, count: Int)] = [:]
        for diagnostic in sorted {
            let path = diagnostic.location.path
            seen[path, default: 0] += 1
            if seen[path]! <= perFileLimit {
                kept.append(diagnostic)
            } else {
                let errors = diagnostic.severity == .error ? 1 : 0
                if let entry = omitted[path] {
                    omitted[path] = (entry.first, entry.errors + errors, entry.count + 1)
                } else {
                    omitted[path] = (diagnostic, errors, 1)
                }
            }
        }
        for (path, entry) in omitted {
            let message = "\(entry.count) more problem\(entry.count == 1 ? "" : "s") in \(path) from here on are not listed"
                + " (\(entry.errors) error\(entry.errors == 1 ? "" : "s")); fix the ones above and check again"
            kept.append(entry.errors > 0 ? .error(.tooManyProblems, message, at: entry.first.location)
                                         : .warning(.tooManyProblems, message, at: entry.first.location))
        }
        return inPackOrder(kept)
    }

    private struct GroupKey: Hashable {
        var code: DiagnosticCode
        var severity: Diagnostic.Severity
        var subject: String
    }

    /// `Diagnostic.<` with each file's rank computed once, sorting indices rather than moving
    /// diagnostics: a report of 600,000 diagnostics sorts in seconds, not in a minute.
    static func inPackOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let ranks = diagnostics.map(\.location.packOrder)
        let order = diagnostics.indices.sorted { a, b in
            if ranks[a] != ranks[b] { return ranks[a] < ranks[b] }
            let left = diagnostics[a], right = diagnostics[b]
            if left.location != right.location { return left.location < right.location }
            return (left.code, left.message) < (right.code, right.message)
        }
        return order.map { diagnostics[$0] }
    }
}
