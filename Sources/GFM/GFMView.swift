/// What one rendering of a `GFMDocument` shows: which containers, how they are labelled,
/// what value tokens become, and where links point.
public struct GFMView: Sendable {
    public var hiddenContainers: Set<Int>
    /// The HTML around a visible container: its opening and closing tags.
    public var containerHTML: @Sendable (Int) -> (open: String, close: String)
    /// Applied to every literal (text, code, URL, title) that holds a value token.
    public var substitute: @Sendable (String) -> String
    /// Gives the destination of every link and image (after substitution) as it should be written.
    public var rewriteLink: @Sendable (GFMLink) -> String
    /// Prefixed to every heading id, so that several documents can share one page.
    public var headingIDPrefix: String
    /// Ids the page around the fragment already uses (a print page's section ids): no heading gets one.
    public var reservedIDs: Set<String>
    /// Ids, without the prefix, that no heading takes either: those of the page view when this is
    /// a print view, so that a heading gets the page's id with the prefix added (a heading
    /// "Content" is `content-1` on a page whose theme writes `id="content"`, and so `a--content-1`
    /// in print), and a link to it lands in both.
    public var unprefixedReservedIDs: Set<String>

    public init(
        hiddenContainers: Set<Int> = [],
        containerHTML: @escaping @Sendable (Int) -> (open: String, close: String) = { _ in ("", "") },
        substitute: @escaping @Sendable (String) -> String = { $0 },
        rewriteLink: @escaping @Sendable (GFMLink) -> String = { $0.destination },
        headingIDPrefix: String = "",
        reservedIDs: Set<String> = [],
        unprefixedReservedIDs: Set<String> = []
    ) {
        self.hiddenContainers = hiddenContainers
        self.containerHTML = containerHTML
        self.substitute = substitute
        self.rewriteLink = rewriteLink
        self.headingIDPrefix = headingIDPrefix
        self.reservedIDs = reservedIDs
        self.unprefixedReservedIDs = unprefixedReservedIDs
    }
}

/// An HTML fragment and the headings it holds, in order.
public struct GFMRendering: Sendable, Hashable {
    /// The fragment as cmark-gfm wrote it (valid UTF-8, as its input was) with its heading ids:
    /// kept as bytes, which is what every page, print page and search index reads of it. Made a
    /// `String` it was validated once per view, a fortieth of a build's time.
    public let bytes: [UInt8]
    public var headings: [GFMHeading]
    /// The other ids cmark wrote, without the prefix: footnotes (`fn-…`, `fnref-…`) and, when raw
    /// HTML is allowed, its ids. A link may point at them too.
    public var elementIDs: Set<String>

    /// The fragment as text.
    public var html: String { String(decoding: bytes, as: UTF8.self) }

    public init(html: String, headings: [GFMHeading], elementIDs: Set<String> = []) {
        self.init(bytes: Array(html.utf8), headings: headings, elementIDs: elementIDs)
    }

    /// Bytes the GFM wrapper wrote: valid UTF-8.
    init(bytes: [UInt8], headings: [GFMHeading], elementIDs: Set<String>) {
        self.bytes = bytes
        self.headings = headings
        self.elementIDs = elementIDs
    }

    /// Equal when their bytes, headings and ids are (the bytes with `memcmp`).
    public static func == (lhs: GFMRendering, rhs: GFMRendering) -> Bool {
        UTF8Bytes.same(lhs.bytes, rhs.bytes) && lhs.headings == rhs.headings && lhs.elementIDs == rhs.elementIDs
    }

    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        hasher.combine(headings)
        hasher.combine(elementIDs)
    }
}

public struct GFMHeading: Sendable, Hashable {
    public var level: Int
    public var id: String
    public var text: String

    public init(level: Int, id: String, text: String) {
        self.level = level
        self.id = id
        self.text = text
    }
}

/// A position in the Markdown text given to the parser: 1-based line, column in Unicode scalars.
public struct GFMPosition: Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

public struct GFMLink: Sendable, Hashable {
    public var destination: String
    public var isImage: Bool
    public var position: GFMPosition
    /// Inside an image's description (`![see [x](y)](a.png)`): rendered as the image's plain
    /// `alt` text, never as a link or an image.
    public var isInImageDescription = false
}
