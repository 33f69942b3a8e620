import Yams

/// YAML nodes for values sopgen writes into a pack, each in a style that every YAML reader reads
/// back as the same value: a text stays a text (`"6.10"`, `"null"`, `"yes"`, `"0x10"` are quoted),
/// a flag stays a flag. Non-ASCII text is written as UTF-8, never as `\x` escapes.
enum YAMLValue {
    static func text(_ text: String) -> Node {
        Node.scalar(.init(text, Tag(.str), isSafePlain(text) ? .plain : .doubleQuoted))
    }

    static func flag(_ value: Bool) -> Node {
        Node.scalar(.init(value ? "true" : "false", Tag(.bool), .plain))
    }

    /// `key: value` as YAML lines (a block mapping of one entry), without a trailing newline.
    static func entry(_ key: String, _ value: Node) throws -> [String] {
        let yaml = try Yams.serialize(node: Node([(text(key), value)]), width: -1, allowUnicode: true)
        return yaml.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// Plain only where no reader could take the text for anything else: it starts with a letter,
    /// is not a YAML 1.1 boolean or null word, and holds no sequence that starts a comment or a
    /// mapping. Everything else, numbers and versions included, is double-quoted.
    static func isSafePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic,
            let last = text.unicodeScalars.last, last != " ", last != ":",
            !ambiguousWords.contains(text.lowercased()),
            !text.contains(": "), !text.contains(" #")
        else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || plainPunctuation.contains(scalar)
        }
    }

    private static let plainPunctuation = Set(" -_./:()+,@'&?=#%~;$".unicodeScalars)
    private static let ambiguousWords: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"]
}
