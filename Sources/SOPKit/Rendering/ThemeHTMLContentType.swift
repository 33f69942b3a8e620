import Mustache

/// The HTML escaping of every theme template, as swift-mustache's own HTML content type does it
/// (the same bytes: `<`, `>`, `&`, `"` and `'` replaced where each is a whole `Character`), without
/// its cost: it looks each `Character` of every value up in a dictionary, a tenth of a build's
/// time. A value with none of those bytes comes back as it is; an ASCII value is escaped byte by
/// byte; any other goes through the `Character` rule (a combining mark after `<` makes one
/// `Character` that swift-mustache leaves alone, and so does this).
///
/// swift-mustache starts every template (and every partial) in its own HTML type, so the theme
/// compiler puts `{{% CONTENT_TYPE: SOPGEN_HTML}}` on a line of its own before each template's text
/// (`ThemeLibrary.compile`); a template's own pragma after it still wins, as before.
struct ThemeHTMLContentType: MustacheContentType {
    static let name = "SOPGEN_HTML"
    /// The line put before each template's text.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"

    /// Evaluated once, on first use, whichever thread gets there first.
    static let registered: Void = MustacheContentTypes.register(ThemeHTMLContentType(), named: name)

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        switch kind(of: text) {
        case .plain:
            return text
        case .nonASCII:
            return byCharacters(text)
        case .ascii:
            var output: [UInt8] = []
            output.reserveCapacity(text.utf8.count + 32)
            appendASCIIEscaped(text, to: &output)
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// `escape(text)` appended to a page's bytes (`CompiledRenderer`): the same rule.
    static func append(_ text: String, escapedTo output: inout [UInt8]) {
        switch kind(of: text) {
        case .plain: output.append(contentsOf: text.utf8)
        case .nonASCII: output.append(contentsOf: byCharacters(text).utf8)
        case .ascii: appendASCIIEscaped(text, to: &output)
        }
    }

    /// What escaping a text takes: nothing (none of `<>&"'`), a byte at a time (ASCII), or the
    /// `Character` rule.
    private enum Kind { case plain, ascii, nonASCII }

    private static func kind(of text: String) -> Kind {
        var special = false, ascii = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "'"): special = true
            case 0x80...: ascii = false
            default: break
            }
        }
        return !special ? .plain : ascii ? .ascii : .nonASCII
    }

    private static func appendASCIIEscaped(_ text: String, to output: inout [UInt8]) {
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

    /// swift-mustache's `htmlEscape()` (Sources/Mustache/String.swift), by `Character`.
    static func byCharacters(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}
