/// The record of one WordPress site: the seven rollout facts and who owns what.
public struct Site: Sendable, Hashable, Identifiable {
    public struct Theme: Sendable, Hashable {
        public var name: String
        public var slug: String?
        public var version: String?
        public var parent: String?

        public var summary: String {
            var text = name
            if let slug { text += " (\(slug))" }
            if let version { text += " \(version)" }
            if let parent { text += ", child of \(parent)" }
            return text
        }
    }

    public var id: String
    public var name: String
    public var setupOwner: String?
    public var productionURL: String?
    public var stagingURL: String?
    public var sophmateVersion: String?
    public var wordpressVersion: String?
    public var phpVersion: String?
    public var activeTheme: Theme?
    public var supportOwner: String?
    public var rollbackPath: String?
    public var location: SourceLocation
    /// Where each field was written, by YAML key.
    public var fieldLocations: [String: SourceLocation] = [:]

    /// The facts the seed asks to record before rollout, labelled, in its order.
    public var rolloutFacts: [(label: String, value: String?)] {
        [
            ("Setup owner", setupOwner),
            ("Production URL", productionURL),
            ("Staging URL", stagingURL),
            ("SophMate version", sophmateVersion),
            ("WordPress version", wordpressVersion),
            ("PHP version", phpVersion),
            ("Active theme", activeTheme?.summary),
        ]
    }
}
