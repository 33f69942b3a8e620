/// How a document is parsed and rendered.
public struct GFMOptions: Sendable, Hashable {
    /// Render raw HTML and dangerous link schemes (`javascript:`…) as written. Off by default:
    /// raw HTML is replaced by a comment and such links get an empty `href`.
    public var allowsRawHTML: Bool
    /// Give each task-list checkbox an accessible name ("Done" / "Not done"): cmark-gfm's bare
    /// `<input type="checkbox" disabled="" />` has none, which screen readers announce as an
    /// unlabelled control (axe-core's `label` rule, critical); its `<li>` gets `class="task"`
    /// for the stylesheet. Off only where output must match
    /// the cmark-gfm command byte for byte (`sopgen render`).
    public var labelsTaskItems: Bool

    public init(allowsRawHTML: Bool = false, labelsTaskItems: Bool = true) {
        self.allowsRawHTML = allowsRawHTML
        self.labelsTaskItems = labelsTaskItems
    }
}
