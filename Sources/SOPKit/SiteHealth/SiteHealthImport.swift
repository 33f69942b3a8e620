import Foundation

/// `sopgen site import`: a Site Health report into `sites/<id>.yml` of a pack. The id is held
/// to the one id rule; the record is read and replaced only inside the pack's `sites/` folder,
/// never through a link, and atomically; the edit is verified by reading it back; and the
/// record is written only if `check` would report no new error about it.
public struct SiteHealthImport: Sendable {
    public struct Outcome: Sendable {
        /// `sites/<id>.yml`.
        public var path: String
        public var record: SiteRecordImport.Outcome
        /// False when nothing changed, or conflicts or a mismatch stopped the import.
        public var written: Bool
        /// Warnings check reports about the record now and did not before: rollout gates the new
        /// facts trip (SophMate inactive, a version below the pack's minimum). Missing rollout
        /// facts are left out: `record.missingFacts` lists them.
        public var newWarnings: [Diagnostic]
        /// What the import changed of the hosting facts (`php_version 8.1.2 → 8.2.28`), recorded
        /// as a `hosting-change` in `reviews/triggers.yml`.
        public var hostingChanges: [String] = []
        /// What changed of the record's AI providers since the last import (`OpenAI gpt-4.1-mini
        /// replaced by Anthropic claude-haiku`), recorded as a `provider-change`.
        public var providerChanges: [String] = []
    }

    public let packRoot: URL

    public init(packRoot: URL) {
        self.packRoot = packRoot
    }

    /// `today`, when given, dates a `hosting-change` recorded in `reviews/triggers.yml` when the
    /// host, PHP, WordPress, SophMate or theme version differs from the record's.
    public func run(
        _ report: SiteHealthReport, site: String?, force: Bool, today: CalendarDate? = nil
    ) async throws(SiteHealthImportError) -> Outcome {
        var loaded = PackLoader().load(from: packRoot)
        guard let settings = loaded.files["sopgen.yml"] else { throw .noPack(packRoot.path) }
        loaded.files = loaded.files.filter { !$0.key.utf8.contains(UInt8(ascii: "/")) || $0.key.hasPrefix("sites/") }
        let id = try siteID(site, settings: settings)
        let path = "sites/\(id).yml"
        let store = PackFileStore(root: packRoot, folder: "sites")
        let existing: String?
        do {
            existing = try store.contents(of: "\(id).yml").map { data throws(SiteHealthImportError) in
                guard let text = String(validating: data, as: UTF8.self) else { throw .notUTF8(path) }
                return text
            }
        } catch let error as PackFileError {
            throw .file(error)
        } catch let error as SiteHealthImportError {
            throw error
        } catch {
            throw .file(.system(path, EIO))
        }
        let outcome: SiteRecordImport.Outcome
        do {
            outcome = try SiteRecordImport.apply(SiteHealthFacts(report), to: existing, siteID: id, force: force)
        } catch {
            throw .cannotEdit(error)
        }
        guard let text = outcome.text, text != existing else {
            var unchanged = Outcome(path: path, record: outcome, written: false, newWarnings: [])
            // The facts are as imported, but providers: may have been edited since.
            if outcome.text != nil, let existing, let today {
                do { unchanged.providerChanges = try ProviderChange.record(site: id, record: existing, path: path, today: today, packRoot: packRoot) }
                catch { throw .file(error) }
            }
            return unchanged
        }
        // The loader would refuse a larger record, so check would report it.
        guard text.utf8.count <= PackLoader.maximumFileSize else { throw .file(.tooLarge(path)) }
        let newWarnings = try await checkReportsNothingNew(loaded, path: path, before: existing, after: text)
        do {
            try store.replace("\(id).yml", with: Data(text.utf8))
        } catch {
            throw .file(error)
        }
        var result = Outcome(path: path, record: outcome, written: true, newWarnings: newWarnings)
        if let today, let existing {
            let changes = HostingChange.changes(from: existing, to: text, path: path)
            if !changes.isEmpty {
                do {
                    let triggers = PackFileStore(root: packRoot, folder: "reviews")
                    let old = try triggers.contents(of: ReviewTriggerLog.fileName).map { String(decoding: $0, as: UTF8.self) }
                    let log = ReviewTriggerLog.appending(kind: .hostingChange, date: today, site: id, changes: changes, to: old)
                    try triggers.replace(ReviewTriggerLog.fileName, with: Data(log.utf8))
                    result.hostingChanges = changes
                } catch {
                    throw .file(error)
                }
            }
        }
        if let today {
            do { result.providerChanges = try ProviderChange.record(site: id, record: text, path: path, today: today, packRoot: packRoot) }
            catch { throw .file(error) }
        }
        return result
    }

    /// The site named on the command line, or the pack's `default_site`, as an id.
    private func siteID(_ given: String?, settings: SourceFile) throws(SiteHealthImportError) -> String {
        if let given {
            if let problem = Identifier.problem(with: given) { throw .invalidSite(given, problem, "--site") }
            return given
        }
        guard let text = PackDecoder().decodeSettings(DecodingContext(file: settings)).defaultSite?.value else {
            throw .noSite
        }
        if let problem = Identifier.problem(with: text) {
            throw .invalidSite(text, problem, "default_site in sopgen.yml")
        }
        return text
    }

    /// What check says about the record before and after, from the pack's settings, roles,
    /// policies and sites read into memory: a new error refuses the import; new warnings are returned.
    private func checkReportsNothingNew(
        _ loaded: LoadedPack, path: String, before: String?,
        after: String
    ) async throws(SiteHealthImportError) -> [Diagnostic] {
        func report(_ text: String?) async -> (diagnostics: [Diagnostic], sources: [String: SourceFile]) {
            var files = loaded
            files.files[path] = text.map { SourceFile(path: path, text: TextDecoding.normalised($0)) }
            let (pack, decoded) = await PackDecoder().decode(files)
            let all = decoded + SiteChecks.check(pack) + IdentifierChecks.check(pack)
            return (all.filter { $0.location.path == path }, files.files)
        }
        let old = Set(await report(before).diagnostics.map { [$0.code.rawValue, $0.message] })
        let (now, sources) = await report(after)
        // Missing rollout facts are listed by the import itself.
        let new = now.filter { !old.contains([$0.code.rawValue, $0.message]) && $0.code != .missingRolloutFact }
        let errors = new.filter { $0.severity == .error }
        guard errors.isEmpty else { throw .checkWouldFail(errors, sources) }
        return new
    }
}

/// Why `site import` wrote nothing.
public enum SiteHealthImportError: Error, CustomStringConvertible {
    case noPack(String)
    case noSite
    case invalidSite(String, Identifier.Problem, String)
    case notUTF8(String)
    case file(PackFileError)
    case cannotEdit(YAMLEditError)
    /// The edited record would give these errors in `check`; the sources let them be quoted.
    case checkWouldFail([Diagnostic], [String: SourceFile])

    public var description: String {
        switch self {
        case .noPack(let path):
            "no pack at '\(path)' (it has no sopgen.yml)"
        case .noSite:
            "name the site with --site ID (the pack has no default_site)"
        case .invalidSite(let text, let problem, let source):
            "\(Identifier.message(kind: "site", text, problem)) (from \(source))"
        case .notUTF8(let path):
            "\(path) is not valid UTF-8 text"
        case .file(let error):
            error.description
        case .cannotEdit(let error):
            error.description
        case .checkWouldFail(let diagnostics, _):
            "the imported record would not pass check: "
                + diagnostics.map { "\($0.message) [\($0.code)]" }.joined(separator: "; ")
        }
    }
}
