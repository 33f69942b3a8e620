/// Escaping for text that lands in HTML element content or a quoted attribute: each `&`, `<`, `>`,
/// `"` and `'` becomes its entity. The one rule for every value a page holds, the theme's
/// `{{value}}`s included (`ThemeHTMLContentType`). It works on UTF-8 bytes: those five are ASCII, and
/// an ASCII byte is never part of another character. Not by `Character`, as swift-mustache's own
/// escaping is: a combining mark after a quote makes one `Character` with it, which that rule
/// left as it was, so `"\u{301} onclick=…` closed a quoted attribute and opened another.
enum HTMLText {
    static func escape(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 32)
        appendEscaped(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// `escape(text)` appended to a page's bytes (`CompiledRenderer`).
    static func append(_ text: String, escapedTo output: inout [UInt8]) {
        guard needsEscaping(text) else {
            output.append(contentsOf: text.utf8)
            return
        }
        appendEscaped(text, to: &output)
    }

    private static func needsEscaping(_ text: String) -> Bool {
        // On the bytes where they are: `String.UTF8View`'s own iteration costs an index check a byte.
        let escaped: (UInt8) -> Bool = { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        return text.utf8.withContiguousStorageIfAvailable { $0.contains(where: escaped) } ?? text.utf8.contains(where: escaped)
    }

    private static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"): output += "&lt;".utf8
            case UInt8(ascii: ">"): output += "&gt;".utf8
            case UInt8(ascii: "&"): output += "&amp;".utf8
            case UInt8(ascii: "\""): output += "&quot;".utf8
            case UInt8(ascii: "'"): output += "&#39;".utf8
            default: output.append(byte)
            }
        }
    }
}
