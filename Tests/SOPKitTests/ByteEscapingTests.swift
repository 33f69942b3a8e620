import Foundation
import Mustache
import Testing
@testable import SOPKit

/// The escapers rewritten on UTF-8 bytes for speed give exactly the bytes of the rules they
/// replace: swift-mustache's HTML escaping (by `Character`) and the search index's string
/// literals (by scalar).
@Suite struct ByteEscapingTests {
    static let samples: [String] = [
        "", "plain", "Fish & chips", "<script>alert('x')</script>", "\"quoted\"", "it's", "a<b>c&d\"e'f",
        "café & crème", "<\u{301}", "&\u{301}x", "e\u{301}<", "😀<😀", "👩‍👩‍👧 & 🇬🇧", "\u{2028}<\u{2029}", "≮", "<\u{338}",
        "tab\there\nline\r\nend",
        // U+0D4E joins the scalar after it into its `Character`: `<` went through unescaped (helper 45).
        "\u{D4E}<img src=x onerror=alert(1)>", "\u{D4E}\"\u{D4E}'\u{D4E}&", "\u{0}\u{1F}\u{7F}", "back\\slash", "\u{E2}\u{80}", "— em — dash <",
    ]

    /// Every sample, and every pair of them.
    static var corpus: [String] { samples + samples.flatMap { first in samples.map { first + $0 } } }

    /// Every `<>&"'` scalar is escaped, with a combining mark after it too. swift-mustache's own
    /// rule (by `Character`) gives the same bytes except there: it left `"\u{301}` as it was.
    @Test func themeEscapingEscapesEveryReservedScalar() throws {
        let template = try MustacheTemplate(string: "{{value}}")
        for text in Self.corpus {
            #expect(ThemeHTMLContentType.escape(text) == Self.escapedByScalars(text), "\(text.debugDescription)")
            var bytes: [UInt8] = []
            ThemeHTMLContentType.append(text, escapedTo: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == Self.escapedByScalars(text), "\(text.debugDescription)")
            // Where each reserved scalar is a whole `Character`, swift-mustache's bytes.
            let reserved = "<>&\"'".unicodeScalars
            if !text.contains(where: { $0.unicodeScalars.count > 1 && $0.unicodeScalars.contains(where: reserved.contains) }) {
                #expect(ThemeHTMLContentType.escape(text) == template.render(["value": text]), "\(text.debugDescription)")
            }
        }
    }

    /// A value in a quoted attribute stays in it, whichever way the theme renders: compiled, through
    /// swift-mustache (a lambda is not compiled), or with its own `HTML` content type pragma.
    @Test(arguments: ["<a title=\"{{value}}\">x</a>", "{{% CONTENT_TYPE: HTML}}<a title=\"{{value}}\">x</a>",
                      "{{#wrap}}<a title=\"{{value}}\">x</a>{{/wrap}}"])
    func aQuoteWithACombiningMarkNeverLeavesItsAttribute(template: String) {
        let theme = ThemeLibrary.load(defaults: ["page.mustache": Data(template.utf8)], overrides: [:])
        let value = "x\"\u{301} onmouseover=alert(1) x=\"\u{301}"
        let context: TemplateObject = ["value": TemplateText(value), "wrap": MustacheLambda { $0 }]
        let html = theme.renderTemplate(context, named: "page")
        #expect(html.hasSuffix("<a title=\"x&quot;\u{301} onmouseover=alert(1) x=&quot;\u{301}\">x</a>"), "\(html.debugDescription)")
    }

    /// The rule, by Unicode scalar.
    static func escapedByScalars(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// The pragma line put before each template takes nothing of the template: a leading blank
    /// line, a template's own content type and a partial render as swift-mustache renders them.
    @Test func thePragmaLineChangesNoTemplatesOutput() throws {
        let templates = [
            "page": "\n\n<p>{{value}}</p>\n{{>part}}\n",
            "part": "  <em>{{value}}</em>\n",
            "text": "{{% CONTENT_TYPE: TEXT}}\n{{value}}\n",
            "block": "{{<layout}}\n{{$body}}<b>{{value}}</b>{{/body}}\n{{/layout}}\n",
            "layout": "<main>\n{{$body}}{{/body}}\n</main>\n",
            "standalone": "{{#value}}\n<i>{{value}}</i>\n{{/value}}\n",
            "crlf": "{{#value}}\r\n{{value}}\r\n{{/value}}\r\n",
            "delimiters": "{{=<% %>=}}\n<%value%>\n",
            "empty": "",
        ]
        let theme = ThemeLibrary.load(defaults: Dictionary(uniqueKeysWithValues: templates.map { ("\($0.key).mustache", Data($0.value.utf8)) }),
                                      overrides: [:])
        var plain = MustacheLibrary()
        for (name, text) in templates { plain.register(try MustacheTemplate(string: text), named: name) }
        for name in templates.keys {
            for value in ["a < b & 'c'", "café \"x\"", "plain"] {
                let expected = plain.render(["value": value], withTemplate: name)
                #expect(theme.mustache.render(["value": value], withTemplate: name) == expected, "\(name) \(value.debugDescription)")
            }
        }
    }

    /// Where swift-mustache finds the error in the template's own text, less nothing for the pragma.
    @Test(arguments: ["<p>\n{{#open}}\nx\n", "{{/close}}", "a\n  b {{#x}}{{/y}}"])
    func aTemplateSyntaxErrorKeepsItsOwnLineAndColumn(text: String) {
        var expected: [String] = []
        do {
            _ = try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            let column = error.context.line.prefix(max(error.context.columnNumber - 1, 0)).unicodeScalars.count + 1
            expected = ["\(error.context.lineNumber):\(column)"]
        } catch {}
        let theme = ThemeLibrary.load(defaults: ["broken.mustache": Data(text.utf8)], overrides: [:])
        let lines = theme.diagnostics.filter { $0.code == .templateSyntax }.map { "\($0.location.line):\($0.location.column)" }
        #expect(!expected.isEmpty)
        #expect(lines == expected, "\(lines)")
    }

    @Test func searchStringsGiveTheScalarRulesBytes() {
        for text in Self.corpus {
            #expect(SearchIndexScript.string(text) == Self.literalByScalars(text), "\(text.debugDescription)")
        }
    }

    /// The rule `SearchIndexScript.string` had, by Unicode scalar.
    static func literalByScalars(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}", "\u{0}"..."\u{1F}", "\u{7F}":
                output += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
