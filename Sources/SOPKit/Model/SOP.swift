/// A standard operating procedure: front matter plus a Markdown body in sopgen's small syntax.
public struct SOP: Sendable, Hashable, Identifiable {
    public var id: String
    /// Pack-relative path of the source file, e.g. `procedures/support/refunds.md`.
    public var path: String
    public var title: String
    /// The SophMate surfaces the SOP covers; the first is the one it is filed under.
    public var surfaces: [Located<Surface>]
    public var surface: Located<Surface>? { surfaces.first }
    public var audience: [Located<String>]
    public var owner: Located<String>?
    /// Approval policies this SOP puts into practice, by id.
    public var policies: [Located<String>]
    public var reviewCadence: Located<String>?
    public var lastReviewed: Located<String>?
    /// Where the front matter is, for diagnostics about a field that is missing.
    public var frontMatterLocation: SourceLocation
    public var summary: String?
    public var body: Template
    public var location: SourceLocation
    /// Events that make the SOP due for review whatever its cadence (`review_on:`).
    public var reviewOn: [Located<ReviewTrigger.Kind>] = []
    /// Where the front-matter keys that `SOPChecks` requires are written (the key, even when its
    /// value is null: `owner: ~`, `audience: []`).
    public var keyLocations: [String: SourceLocation] = [:]

    /// Where a diagnostic about a missing or empty front-matter field goes: its key when it is
    /// written (`owner: ~` is reported there, not at line 1), else the front matter.
    public func location(ofMissing key: String) -> SourceLocation { keyLocations[key] ?? frontMatterLocation }
}

/// Markdown with values, includes and role blocks, parsed into pieces with their positions.
public struct Template: Sendable, Hashable {
    public indirect enum Piece: Sendable, Hashable {
        /// Markdown text copied as is: a slice of the file's text.
        case text(Located<Substring>)
        /// `{{path.to.value}}`; `width` is its length in the source, in scalars.
        case value(Located<String>, width: Int)
        /// `{{> snippet}}` on a line of its own, with the indentation it stands at.
        case include(Located<String>, indentation: String)
        /// `::: for a b` or `::: except a b` … `:::`.
        case roleBlock(RoleBlock)
    }

    public struct RoleBlock: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable { case `for`, except }
        public var kind: Kind
        public var roles: [Located<String>]
        public var indentation: String
        public var body: [Piece]
        public var location: SourceLocation

        public func isVisible(to role: String) -> Bool {
            let named = roles.contains { $0.value == role }
            return kind == .for ? named : !named
        }
    }

    public var pieces: [Piece]
    /// Line of the source file where the body starts (after front matter).
    public var firstLine: Int
}
