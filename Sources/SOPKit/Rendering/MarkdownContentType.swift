import Mustache

/// `{{% CONTENT_TYPE: MARKDOWN}}`: a template whose `{{name}}` values are escaped for Markdown
/// (`MarkdownText`), as an HTML template's are for HTML. Registered once, before the theme's
/// templates are parsed (swift-mustache looks the pragma up at parse time, in a global table).
struct MarkdownContentType: MustacheContentType {
    static let name = "MARKDOWN"

    /// Evaluated once, on first use, whichever thread gets there first.
    static let registered: Void = MustacheContentTypes.register(MarkdownContentType(), named: name)

    func escapeText(_ text: String) -> String {
        MarkdownText.escape(text)
    }
}

/// Markdown the pack's authors wrote, values already filled in and escaped for Markdown: what a
/// Markdown template writes with `{{{…}}}`, as an HTML template writes `SafeHTML`.
struct MarkdownSource: Sendable, Hashable, CustomStringConvertible {
    var text: String

    var description: String { text }
}
