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
            let sorted = uses.sorted()
            var first = sorted[0]
            let others = sorted.dropFirst()
            if !others.isEmpty {
                var listed = others.prefix(listedUses).map(\.location.description)
                if others.count > listedUses { listed.append("…") }
                first.message += " (\(others.count) more use\(others.count == 1 ? "" : "s"): \(listed.joined(separator: ", ")))"
            }
            single.append(first)
        }
        return single.sorted()
    }

    private struct GroupKey: Hashable {
        var code: String
        var severity: Diagnostic.Severity
        var subject: String
    }
}
