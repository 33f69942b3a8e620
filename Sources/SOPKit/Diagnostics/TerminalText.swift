/// Text from a pack made safe to print on a terminal. Control characters (C0, DEL, C1) and the
/// invisible marks that reorder text (bidirectional overrides, isolates and marks) are shown as
/// visible escapes such as `\u{1B}`, so a value in a YAML file cannot move the cursor, recolour the
/// screen, set the window title, ring the bell or make a line read differently from what it holds.
public enum TerminalText {
    /// `text` with every unsafe scalar escaped. With `keepingLayout`, newlines and tabs stay as
    /// they are (for whole reports); without it they are escaped too (for one-line messages).
    public static func escape(_ text: String, keepingLayout: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0, keepingLayout: keepingLayout) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar, keepingLayout: keepingLayout) {
                result.append(contentsOf: visible(scalar).unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// `\u{1B}`: Swift's own spelling of a scalar escape, readable and unambiguous.
    public static func visible(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    public static func isUnsafe(_ scalar: Unicode.Scalar, keepingLayout: Bool = false) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return !keepingLayout
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Arabic letter mark, LRM/RLM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI.
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        // Line and paragraph separators: some terminals and editors break the line there.
        case 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// `text` if it has at most `limit` scalars; else its start and end with the number of scalars
    /// left out between them, so a huge value quoted in a message cannot flood the terminal.
    public static func abbreviated(_ text: String, limit: Int) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        let head = limit * 3 / 4, tail = limit / 4
        let start = scalars.index(scalars.startIndex, offsetBy: head)
        let end = scalars.index(scalars.endIndex, offsetBy: -tail)
        let omitted = scalars.count - head - tail
        return String(scalars[..<start]) + "…(\(omitted) characters)…" + String(scalars[end...])
    }
}
