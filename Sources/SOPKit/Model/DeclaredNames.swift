/// Names a pack declares, including those whose definition has an error or whose file could not be
/// read. A reference to one of them is not "unknown": the definition's own diagnostic is the
/// cause, and an error at every reference would only repeat it.
public struct DeclaredNames: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case role, policy, site, snippet, sop
    }

    public var roles: Set<String> = []
    public var policies: Set<String> = []
    /// Site ids (file stems under `sites/`).
    public var sites: Set<String> = []
    /// Snippet names (file stems under `snippets/`).
    public var snippets: Set<String> = []
    /// Pack paths of SOP files (`procedures/…/x.md`): links name SOPs by path.
    public var sopPaths: Set<String> = []
    /// Kinds whose names are not all known (a file that could not be parsed, a folder that could
    /// not be listed, an entry without an id): references of such a kind are not checked.
    public var incomplete: Set<Kind> = []

    public init() {}

    /// Whether a reference to `name` should be reported as unknown.
    public func isUnknown(_ name: String, _ kind: Kind) -> Bool {
        guard !incomplete.contains(kind) else { return false }
        switch kind {
        case .role: return !roles.contains(name)
        case .policy: return !policies.contains(name)
        case .site: return !sites.contains(name)
        case .snippet: return !snippets.contains(name)
        case .sop: return !sopPaths.contains(name)
        }
    }

    /// Names from file paths, for every file the loader found, read or not.
    mutating func addFile(_ path: String) {
        if PathText.isInside(path, "sites"), PathText.hasExtension(path, "yml") { sites.insert(PackDecoder.stem(of: path)) }
        if PathText.isInside(path, "snippets"), PathText.hasExtension(path, "md") { snippets.insert(PackDecoder.stem(of: path)) }
        if PathText.isInside(path, "procedures"), PathText.hasExtension(path, "md") { sopPaths.insert(path) }
    }

    /// A folder that could not be listed hides every name below it.
    mutating func addUnlistedFolder(_ path: String) {
        let top = PathText.components(path).first ?? path
        switch top {
        case "sites": incomplete.insert(.site)
        case "snippets": incomplete.insert(.snippet)
        case "procedures": incomplete.insert(.sop)
        default: break
        }
    }
}

extension DeclaredNames {
    /// These names with the names `pack` decoded added: a pack built without the decoder (a test,
    /// an import) still knows its own roles and sites.
    func including(_ pack: Pack) -> DeclaredNames {
        var names = self
        names.roles.formUnion(pack.roles.map(\.id))
        names.policies.formUnion(pack.policies.map(\.id))
        names.sites.formUnion(pack.sites.map(\.id))
        names.snippets.formUnion(pack.snippets.keys)
        names.sopPaths.formUnion(pack.sops.map(\.path))
        if pack.brokenFiles.contains("roles.yml") { names.incomplete.insert(.role) }
        if pack.brokenFiles.contains("policies.yml") { names.incomplete.insert(.policy) }
        return names
    }
}
