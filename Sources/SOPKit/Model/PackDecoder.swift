import Foundation
import Yams

/// The decode stage: text files to a `Pack`, every problem a diagnostic with its position.
public struct PackDecoder: Sendable {
    public init() {}

    public func decode(_ loaded: LoadedPack) async -> (pack: Pack, diagnostics: [Diagnostic]) {
        var cache = SOPDecodeCache()
        return await decode(loaded, reusing: &cache)
    }

    /// `decode`, taking each SOP whose text `cache` holds from it, and leaving in `cache` every SOP
    /// file as now decoded (what `sopgen serve` keeps between updates).
    func decode(_ loaded: LoadedPack, reusing cache: inout SOPDecodeCache) async -> (pack: Pack, diagnostics: [Diagnostic]) {
        var diagnostics = loaded.diagnostics
        var brokenFiles: Set<String> = []
        var brokenIDs: [String: Set<String>] = [:]
        func run<T>(_ file: SourceFile, _ body: (DecodingContext) -> T) -> T {
            let context = DecodingContext(file: file)
            let result = body(context)
            diagnostics += context.diagnostics
            if context.isBroken { brokenFiles.insert(file.path) }
            brokenIDs[file.path] = context.brokenIDs
            return result
        }

        let settings = loaded.files["sopgen.yml"].map { file in run(file) { decodeSettings($0) } } ?? PackSettings()
        let roles = loaded.files["roles.yml"].map { file in run(file) { RoleDecoder.decode($0) } } ?? []
        let policies = loaded.files["policies.yml"].map { file in run(file) { PolicyDecoder.decode($0) } } ?? []
        let sites = loaded.files(under: "sites", withExtension: "yml").compactMap { file in run(file) { SiteDecoder.decode($0) } }

        var snippets: [String: Template] = [:]
        var snippetPaths: [String: String] = [:]
        for file in loaded.files(under: "snippets", withExtension: "md") {
            let name = Self.stem(of: file.path)
            // `{{> name}}` names a file by its stem: a second file with that stem could never be included.
            if let earlier = snippetPaths[name] {
                diagnostics.append(.error(.duplicateId, "snippet name '\(name)' is already used by \(earlier); '{{> \(name)}}' could mean either",
                                          at: SourceLocation(path: file.path)))
                continue
            }
            snippetPaths[name] = file.path
            var parser = TemplateParser(path: file.path, firstLine: 1)
            let snippet = parser.parse(GFMSanitizer.clean(file.text))
            diagnostics += parser.diagnostics
            let tooDeep = parser.diagnostics.contains { $0.code == .nestingTooDeep }
            snippets[name] = tooDeep ? Template(pieces: [], firstLine: 1) : snippet
        }
        let templates = Self.templates(in: loaded)
        // The theme and the input hash need no SOP: they are made while the SOPs decode.
        async let theme = ThemeLibrary.load(defaults: loaded.defaultTheme, overrides: templates)
        async let inputHash = loaded.inputHash
        let (sops, sopDiagnostics) = await Self.decodeSOPs(loaded.files(under: "procedures", withExtension: "md"), cache: &cache)
        diagnostics += sopDiagnostics
        var pack = Pack(settings: settings, roles: roles, policies: policies, sites: sites, sops: sops,
                        snippets: snippets, templates: templates, sources: loaded.files)
        pack.checklists = loaded.files(under: "checklists", withExtension: "md").compactMap { file in run(file) { ChecklistDecoder.decode($0) } }
        pack.playbooks = loaded.files(under: "playbooks", withExtension: "yml").compactMap { file in run(file) { PlaybookDecoder.decode($0) } }
        pack.automations = loaded.files(under: "automations", withExtension: "yml").compactMap { file in run(file) { AutomationDecoder.decode($0) } }
        pack.people = loaded.files["people.yml"].map { file in run(file) { PeopleDecoder.decode($0) } }
        pack.reviews = loaded.files(under: "reviews", withExtension: "yml").filter { $0.path != ReviewTriggerLog.path && $0.path != ProviderChange.path }
            .compactMap { file in run(file) { ReviewRecordDecoder.decode($0) } }
        pack.reviewTriggers = loaded.files[ReviewTriggerLog.path].map { file in run(file) { ReviewTriggerLog.decode($0) } } ?? []
        pack.inputHash = await inputHash
        pack.theme = await theme
        pack.brokenFiles = brokenFiles
        for required in ["sopgen.yml", "roles.yml", "policies.yml"] where loaded.files[required] == nil {
            pack.brokenFiles.insert(required)
        }
        pack.declared = Self.declaredNames(loaded, pack: pack, brokenIDs: brokenIDs)
        return (pack, diagnostics)
    }

    /// The theme's templates the pack overrides, by their path under `templates/`.
    static func templates(in loaded: LoadedPack) -> [String: SourceFile] {
        var templates: [String: SourceFile] = [:]
        for (path, file) in loaded.files where PathText.isInside(path, "templates") {
            templates[String(Substring(path.utf8.dropFirst("templates/".utf8.count)))] = file
        }
        return templates
    }

    /// What the pack names, read or not: decoded ids, ids of entries with errors, and the names
    /// files give (sites, snippets, SOP paths) whether or not the file could be read.
    static func declaredNames(_ loaded: LoadedPack, pack: Pack, brokenIDs: [String: Set<String>]) -> DeclaredNames {
        var declared = DeclaredNames()
        declared.roles = Set(pack.roles.map(\.id))
        declared.policies = Set(pack.policies.map(\.id)).union(brokenIDs["policies.yml"] ?? [])
        if pack.brokenFiles.contains("roles.yml") { declared.incomplete.insert(.role) }
        if pack.brokenFiles.contains("policies.yml") { declared.incomplete.insert(.policy) }
        for path in loaded.files.keys { declared.addFile(path) }
        for diagnostic in loaded.diagnostics {
            let path = diagnostic.location.path
            if PathText.hasExtension(path, "md") || PathText.hasExtension(path, "yml") {
                declared.addFile(path)
            } else if [DiagnosticCode.unreadableFile, .notAFolder].contains(diagnostic.code) {
                declared.addUnlistedFolder(path)
            }
        }
        return declared
    }

    /// SOPs are most of a pack and independent of each other: decode them concurrently (those
    /// `cache` does not hold as they are now), keep file order.
    private static func decodeSOPs(_ files: [SourceFile], cache: inout SOPDecodeCache) async -> ([SOP], [Diagnostic]) {
        let known = cache
        let decoded = await withTaskGroup(of: (Int, SOPDecodeCache.Entry).self) { group in
            var results = [SOPDecodeCache.Entry?](repeating: nil, count: files.count)
            for (index, file) in files.enumerated() {
                if let entry = known.entry(for: file) {
                    results[index] = entry
                    continue
                }
                group.addTask {
                    let context = DecodingContext(file: file)
                    let sop = SOPDecoder.decode(context)
                    return (index, SOPDecodeCache.Entry(text: file.text, sop: sop, diagnostics: context.diagnostics))
                }
            }
            for await (index, entry) in group { results[index] = entry }
            return results.map { $0! }
        }
        cache = SOPDecodeCache(Dictionary(zip(files.map(\.path), decoded)) { $1 })
        // Held for the whole build: made at its size, not grown by doubling.
        var sops: [SOP] = []
        sops.reserveCapacity(decoded.count)
        for entry in decoded { if let sop = entry.sop { sops.append(sop) } }
        return (sops, decoded.flatMap(\.diagnostics))
    }

    static let settingsKeys = ["title", "organisation", "default_site", "options", "requirements", "review"]

    func decodeSettings(_ context: DecodingContext) -> PackSettings {
        guard let root = context.compose() else { return PackSettings() }
        guard let fields = YAMLFields(root, "sopgen.yml", allowed: Self.settingsKeys, context: context) else {
            return PackSettings()
        }
        var settings = PackSettings(
            title: fields.string("title", required: true)?.value ?? "SOP handbook",
            organisation: fields.string("organisation")?.value ?? "",
            defaultSite: fields.string("default_site")
        )
        if let options = fields.fields("options", "options", allowed: ["unsafe_html"]) {
            settings.unsafeHTML = options.bool("unsafe_html", default: false)
        }
        if let requirements = fields.fields("requirements", "requirements", allowed: RolloutGates.components.map(\.key)) {
            for key in RolloutGates.components.map(\.key) {
                if let version = requirements.string(key) { settings.requirements[key] = version }
            }
        }
        if let review = fields.fields("review", "review", allowed: ReviewSettings.keys) {
            settings.review = ReviewSettings.decode(review)
        }
        return settings
    }

    static func stem(of path: String) -> String {
        // The last part between slashes, as `PathText.components(path).last` gives it, less what
        // follows its last dot; on bytes, as the file system reads the name (a `/` or `.` with a
        // mark joined to it is one `Character`).
        let name = PathText.componentBytes(path).last.map { String(Substring($0)) } ?? path
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) else { return name }
        return String(Substring(name.utf8[..<dot]))
    }
}
