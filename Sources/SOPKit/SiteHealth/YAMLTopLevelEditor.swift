import Foundation

/// Replaces or appends top-level keys of a YAML file as text, so that comments, order and every
/// other key stay exactly as the person wrote them.
struct YAMLTopLevelEditor {
    private(set) var lines: [String]

    init(_ text: String) {
        lines = text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
    }

    var text: String { lines.joined(separator: "\n") + "\n" }

    /// `fragment` is the whole entry, `key: value` or a block, as Yams emits it.
    mutating func set(_ key: String, to fragment: String) {
        let replacement = fragment.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) else {
            lines += replacement
            return
        }
        var end = start + 1
        while end < lines.count, lines[end].isEmpty || lines[end].first == " " || lines[end].first == "\t" || lines[end].hasPrefix("- ") {
            end += 1
        }
        while end > start + 1, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
        lines.replaceSubrange(start..<end, with: replacement)
    }
}
