import Foundation

/// HTML that is safe to place in a page as it is: what cmark-gfm rendered (raw HTML already
/// filtered by `GFMOptions`), or what the theme rendered with escaping. Nothing else can make one:
/// the only initialisers are internal to this module, and the theme's entry point is behind
/// `@_spi(ThemeRendering)`, which only the theme's rendering file imports. Templates write a
/// `SafeHTML` field with `{{{…}}}`; every other field is text and is escaped.
public struct SafeHTML: Sendable, Hashable {
    public let html: String

    init(trusted html: String) {
        self.html = html
    }

    /// Nothing: an empty fragment (a page without a table of contents).
    public static let empty = SafeHTML(trusted: "")

    public var isEmpty: Bool { html.isEmpty }

    /// Output of a template rendered with HTML escaping, or a stylesheet made inert inside
    /// `<style>`: only the theme renderer may call this.
    @_spi(ThemeRendering)
    public static func renderedByTheme(_ html: String) -> SafeHTML {
        SafeHTML(trusted: html)
    }

    /// A one-paragraph fragment without its `<p>` wrapper, so it sits inside a list item.
    public var inlineParagraph: SafeHTML {
        var text = html.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("<p>"), text.hasSuffix("</p>"), text.components(separatedBy: "<p>").count == 2 {
            text = String(text.dropFirst(3).dropLast(4))
        }
        return SafeHTML(trusted: text)
    }
}

extension GFMRendering {
    /// The rendered fragment as HTML a template may write unescaped.
    public var safeHTML: SafeHTML { SafeHTML(trusted: html) }
}

extension GFMDocument {
    /// Renders Markdown with the default view, as HTML a template may write unescaped.
    public static func safeHTML(from markdown: String, options: GFMOptions = GFMOptions()) -> SafeHTML {
        SafeHTML(trusted: html(from: markdown, options: options))
    }
}

extension SafeHTML: CustomStringConvertible {
    /// The HTML itself: what a template writes for `{{{field}}}`.
    public var description: String { html }
}
