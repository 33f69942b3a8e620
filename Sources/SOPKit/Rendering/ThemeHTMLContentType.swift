import Mustache

/// The HTML escaping of every theme template: `HTMLText`'s rule, on bytes. swift-mustache's own
/// HTML content type escapes by `Character` (a `"` with a combining mark after it stays as it is,
/// and would close a quoted attribute) and looks each `Character` of every value up in a
/// dictionary, a tenth of a build's time.
///
/// swift-mustache starts every template (and every partial) in its own HTML type, so the theme
/// compiler puts `{{% CONTENT_TYPE: SOPGEN_HTML}}` on a line of its own before each template's text
/// (`ThemeLibrary.compile`); a template's own pragma after it still wins, as before.
struct ThemeHTMLContentType: MustacheContentType {
    static let name = "SOPGEN_HTML"
    /// The line put before each template's text.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"

    /// Evaluated once, on first use, whichever thread gets there first.
    /// A theme's own `{{% CONTENT_TYPE: HTML}}` gets this rule too, not swift-mustache's.
    static let registered: Void = {
        MustacheContentTypes.register(ThemeHTMLContentType(), named: name)
        MustacheContentTypes.register(ThemeHTMLContentType(), named: "HTML")
    }()

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        HTMLText.escape(text)
    }

    /// `escape(text)` appended to a page's bytes (`CompiledRenderer`): the same rule.
    static func append(_ text: String, escapedTo output: inout [UInt8]) {
        HTMLText.append(text, escapedTo: &output)
    }
}
