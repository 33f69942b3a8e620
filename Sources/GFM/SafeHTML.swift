import Foundation

/// HTML that is safe to place in a page as it is: what cmark-gfm rendered (raw HTML already
/// filtered by `GFMOptions`), or what the theme rendered with escaping. Nothing else can make one:
/// the only initialisers are internal to this module, and the theme's entry point is behind
/// `@_spi(ThemeRendering)`, which only the theme's rendering file imports. Templates write a
/// `SafeHTML` field with `{{{…}}}`; every other field is text and is escaped.
public struct SafeHTML: Sendable, Hashable {
    /// Text, or the bytes of a fragment cmark-gfm rendered (valid UTF-8), kept as bytes so that a
    /// page writes them without making them a `String` first.
    private enum Storage: Sendable {
        case text(String)
        case bytes([UInt8])
    }

    private let storage: Storage

    init(trusted html: String) {
        storage = .text(html)
    }

    init(trustedBytes bytes: [UInt8]) {
        storage = .bytes(bytes)
    }

    /// The HTML as text.
    public var html: String {
        switch storage {
        case .text(let text): text
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The HTML's UTF-8 bytes where they are, whichever way they are kept.
    private func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch storage {
        case .text(var text): text.withUTF8(body)
        case .bytes(let bytes): bytes.withUnsafeBufferPointer(body)
        }
    }

    /// The HTML's UTF-8 bytes appended to `output`, as a page writes them.
    public func append(to output: inout [UInt8]) {
        withUTF8 { output.append(contentsOf: $0) }
    }

    /// The HTML's UTF-8 bytes, as a file holds them.
    public var data: Data { withUTF8 { Data(buffer: $0) } }

    /// Nothing: an empty fragment (a page without a table of contents).
    public static let empty = SafeHTML(trusted: "")

    public var isEmpty: Bool { withUTF8 { $0.isEmpty } }

    /// Equal when their bytes are: a fragment compares the same whichever way it is kept.
    public static func == (lhs: SafeHTML, rhs: SafeHTML) -> Bool {
        lhs.withUTF8 { first in rhs.withUTF8 { second in UTF8Bytes.same(first, second) } }
    }

    public func hash(into hasher: inout Hasher) {
        withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

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
    public var safeHTML: SafeHTML { SafeHTML(trustedBytes: bytes) }
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
