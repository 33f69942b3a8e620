/// How a document is parsed and rendered.
public struct GFMOptions: Sendable, Hashable {
    /// Render raw HTML and dangerous link schemes (`javascript:`…) as written. Off by default:
    /// raw HTML is replaced by a comment and such links get an empty `href`.
    public var allowsRawHTML: Bool

    public init(allowsRawHTML: Bool = false) {
        self.allowsRawHTML = allowsRawHTML
    }
}
