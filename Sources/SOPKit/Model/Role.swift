/// A real user group of the site (never a vague label) and what it may do, surface by surface.
public struct Role: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var description: String
    public var capabilities: [Surface: Capability]
    /// Where each capability was written, for diagnostics about it.
    public var capabilityLocations: [Surface: SourceLocation] = [:]
    /// The role this one hands problems to; nil only for the top of the chain.
    public var escalatesTo: Located<String>?
    public var refusals: [String]
    public var firstWeekFocus: [String]
    public var location: SourceLocation

    public func capability(on surface: Surface) -> Capability? { capabilities[surface] }
}
