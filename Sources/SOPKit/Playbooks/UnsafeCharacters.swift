/// Characters a bundle may not carry: control characters other than the line break and the tab,
/// line and paragraph separators, and invisible format characters (zero-width spaces, bidi
/// overrides, soft hyphens) that can hide text or show it in another order than it reads. The
/// zero-width joiner and non-joiner stay: emoji and several scripts need them.
enum UnsafeCharacters {
    static func isUnsafe(_ scalar: Unicode.Scalar, allowingLineBreaks: Bool = true) -> Bool {
        if scalar == "\n" || scalar == "\t" { return !allowingLineBreaks }
        if scalar == "\u{200C}" || scalar == "\u{200D}" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// Each unsafe character of `text` once, in order.
    static func found(in text: String, allowingLineBreaks: Bool = true) -> [Unicode.Scalar] {
        var seen: Set<Unicode.Scalar> = []
        return text.unicodeScalars.filter { isUnsafe($0, allowingLineBreaks: allowingLineBreaks) && seen.insert($0).inserted }
    }

    /// The text with Windows and old Mac line ends as `\n` and every other unsafe character gone.
    static func removing(from text: String) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) }) else { return text }
        var output = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if scalar == "\n", previous == "\r" { continue }
            if scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                output.append("\n")
            } else if !isUnsafe(scalar) {
                output.append(scalar)
            }
        }
        return String(output)
    }

    static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
