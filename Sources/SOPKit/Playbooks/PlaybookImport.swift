import Foundation
import GFM
import Yams

/// `sopgen playbook import`: reads a bundle strictly, checks its checksum (and signature, with a
/// verifying key), refuses it if export's own rule would change anything in it or a scan of every
/// decoded key and text still finds a secret, builds `playbooks/<id>.yml` in read-only mode with
/// its provenance, proves the file reads back exactly and passes the checks `sopgen check` runs,
/// and reviews the bundle's assumptions against the local site and pack. Writing is the caller's
/// (`PlaybookFile`).
public struct PlaybookImport: Sendable {
    public struct Outcome: Sendable {
        public var id: String
        public var path: String
        public var text: String
        public var review: [ReviewLine]
        /// What the user should know that did not stop the import.
        public var notes: [String] = []
    }

    public struct ReviewLine: Sendable, Hashable, CustomStringConvertible {
        public enum Status: String, Sendable { case matches, differs, missingLocally = "missing locally", toSet = "to set locally" }
        public var topicID: LocalisationItem.Topic
        public var status: Status
        public var detail: String
        public var topic: String { topicID.title }
        public var description: String { "  \(topic): \(status.rawValue) — \(detail)" }

        /// As the playbook keeps it: something missing locally is something to set.
        public var item: LocalisationItem {
            LocalisationItem(topic: topicID, status: status == .matches ? .matches : status == .differs ? .differs : .toSet, detail: detail)
        }
    }

    /// The first line of every file import writes: `--replace` replaces only files that start with it.
    public static let header = "# Imported with sopgen playbook import: runs read-only until a first run passes (sopgen playbook promote).\n"
    static let keyOrder = ["id", "title", "version", "owner", "trigger", "input", "output", "approval", "retry",
                           "failure_notification", "kill_switch", "mode", "assumptions", "steps", "provenance"]
    static let order: [String: [String]] = [
        "": keyOrder,
        "provenance": ["source_site", "export_date", "version", "owner", "required_local_changes", "localisation", "first_run"],
        "provenance.localisation": ["topic", "status", "detail"],
        "provenance.required_local_changes": ["id", "change", "resolved"],
        "provenance.first_run": ["result", "mode", "by", "date", "notes"],
    ]

    let pack: Pack

    public init(pack: Pack) {
        self.pack = pack
    }

    /// `existing` gives the text of the playbook file with an id (`PlaybookFile.existingText`), nil when there is none.
    public func importBundle(_ data: Data, site siteID: String, replace: Bool, verifyingKey: BundleVerifyingKey? = nil,
                             existing: (String) throws(PlaybookError) -> String?) throws(PlaybookError) -> Outcome {
        guard let site = pack.site(siteID) else { throw .unknownSite(siteID, pack.sites.map(\.id)) }
        let (bundle, positions) = try PlaybookBundle.decode(data)
        guard bundle.manifest.checksum == bundle.computedChecksum else { throw .tampered }
        var notes: [String] = []
        if let verifyingKey {
            guard let signature = bundle.manifest.signature else { throw .unsigned }
            guard verifyingKey.isValid(signature, for: bundle.coveredBytes) else { throw .badSignature }
        } else if bundle.manifest.signature != nil {
            notes.append("The bundle is signed, but the signature was not checked: pass --verify-key with the agency's public key.")
        }
        try checkAsExported(bundle, positions: positions)

        let candidate = bundle.playbook["id"]?.string ?? bundle.playbook["title"]?.string.map(HeadingAnchors.slugify) ?? ""
        if let problem = Identifier.problem(with: candidate) {
            throw .invalidBundle(Identifier.message(kind: "its playbook", candidate, problem))
        }
        let id = candidate
        let path = "playbooks/\(id).yml"
        if let current = try existing(id) {
            guard replace else { throw .exists(path) }
            guard current.hasPrefix(Self.header) else { throw .notWrittenBySopgen(path) }
        }
        let review = self.review(bundle.playbook, site: site)
        let record = Self.record(bundle, id: id, review: review)
        let text: String
        do {
            text = Self.header + (try Yams.serialize(node: try record.yamlNode(order: Self.order), allowUnicode: true))
        } catch {
            throw .wouldFailCheck(["\(path): the YAML emitter refused it: \(error)"])
        }
        try verify(text, as: record, at: path, bundleDate: bundle.manifest.exportDate)
        return Outcome(id: id, path: path, text: text, review: review, notes: notes)
    }

    /// Export's own rule over the decoded bundle: if it would remove or change anything, export did
    /// not write this bundle. Then every key and text of the manifest and playbook is scanned.
    func checkAsExported(_ bundle: PlaybookBundle, positions: [String: StrictJSONParser.Position]) throws(PlaybookError) {
        let redactor = PlaybookRedactor(references: [])
        var origins: [String: PlaybookRedactor.Origin] = [:]
        for (path, position) in positions where path.hasPrefix("playbook.") {
            origins[String(path.dropFirst("playbook.".count))] = .init(line: position.line, linesFollowText: false)
        }
        let redacted = redactor.redact(bundle.playbook, origins: origins)
        guard redacted.playbook == bundle.playbook else {
            let changes = redacted.redactions.map { "playbook.\($0.path) (bundle line \($0.line)): \($0.what) — \($0.why)" }
            throw .notAsExported(changes.isEmpty ? ["its playbook"] : changes)
        }
        let leftovers = redactor.leftovers(in: bundle.manifest.json.removing(["checksum", "signature"]), under: "manifest")
            + redactor.leftovers(in: bundle.playbook, under: "playbook")
        guard leftovers.isEmpty else { throw .leftoverSecrets(leftovers) }
    }

    /// The playbook as the file holds it: the bundle's fields, read-only, and its provenance.
    static func record(_ bundle: PlaybookBundle, id: String, review: [ReviewLine]) -> JSONValue {
        let manifest = bundle.manifest
        var members = (bundle.playbook.members ?? []).filter { $0.key != "id" && $0.key != "mode" && $0.key != "provenance" }
        members.append(.init(key: "id", value: .string(id)))
        members.append(.init(key: "mode", value: .string(Playbook.Mode.readOnly.rawValue)))
        members.append(.init(key: "provenance", value: .object([
            "source_site": .string(manifest.sourceSite),
            "export_date": .string(manifest.exportDate),
            "version": .string(manifest.version),
            "owner": .string(manifest.owner),
            "required_local_changes": .array(manifest.requiredLocalChanges.map {
                .object(["id": .string($0.id), "change": .string($0.change), "resolved": .bool(false)])
            }),
            "localisation": .array(review.map(\.item).map {
                .object(["topic": .string($0.topic.rawValue), "status": .string($0.status.rawValue), "detail": .string($0.detail)])
            }),
            "first_run": .object(["result": .string(Playbook.FirstRun.Result.pending.rawValue)]),
        ])))
        return .object(members)
    }

    /// Before anything is written: the file is within the pack file size limit, reads back as the
    /// same text, YAML reads every value back exactly as the bundle had it, and the decoder and the
    /// validator `sopgen check` runs report no error in it. The playbook is marked as imported.
    func verify(_ text: String, as record: JSONValue, at path: String, bundleDate: String) throws(PlaybookError) {
        let bytes = Data(text.utf8)
        guard bytes.count <= PackLoader.maximumFileSize else {
            throw .wouldFailCheck(["\(path) would be \(String(format: "%.1f", Double(bytes.count) / 1_048_576)) MiB; pack files may be "
                                   + "\(PackLoader.maximumFileSize / 1_048_576) MiB [file-too-large]"])
        }
        guard case .success(let loaded) = TextDecoding.decode(bytes), loaded == text,
              let node = try? Yams.compose(yaml: text), JSONValue.typed(from: node).canonical == record.canonical else {
            throw .wouldFailCheck(["\(path): a value would not read back exactly as the bundle has it"])
        }
        let file = SourceFile(path: path, text: text)
        let context = DecodingContext(file: file)
        let decoded = PlaybookDecoder.decode(context)
        var diagnostics = context.diagnostics
        if let decoded {
            // The pack as check will see it, validated whole, reporting what concerns this file. The
            // day only dates SOP reviews, which are not this file's; the export date stands in for it.
            var local = pack
            local.playbooks = pack.playbooks.filter { $0.id != decoded.id } + [decoded]
            local.sources[path] = file
            let today = CalendarDate(bundleDate) ?? CalendarDate(secondsSince1970: 0)
            diagnostics += PackValidator(today: today).validate(local).filter { $0.location.path == path }
        }
        let errors = diagnostics.filter { $0.severity == .error }
        guard let decoded, errors.isEmpty else {
            let report = DiagnosticFormatter(sources: [path: file]).format(errors)
            throw .wouldFailCheck(report.split(separator: "\n").dropLast().map { "  \($0)" })
        }
        guard decoded.isImported, decoded.mode?.value == .readOnly else {
            throw .wouldFailCheck(["\(path): would not read back as an imported, read-only playbook"])
        }
    }

    /// The bundle's assumptions against this site, topic by topic.
    func review(_ playbook: JSONValue, site: Site) -> [ReviewLine] {
        let assumptions = playbook["assumptions"]
        func list(_ key: String) -> [String] {
            switch assumptions?[key] {
            case .string(let text)?: [text]
            case .array(let items)?: items.compactMap(\.string)
            default: []
            }
        }
        func isPlaceholder(_ values: [String]) -> Bool { values.contains { $0.hasPrefix(LocalPlaceholder.prefix) } }
        var lines: [ReviewLine] = []

        func compare(_ topic: LocalisationItem.Topic, bundle: [String], local: [String], field: String) {
            if isPlaceholder(bundle) {
                lines.append(local.isEmpty
                    ? .init(topicID: topic, status: .missingLocally, detail: "the bundle leaves it to this site, and the site record has no \(field); add it, then fill the playbook's placeholder")
                    : .init(topicID: topic, status: .toSet, detail: "replace the placeholder with this site's: \(local.joined(separator: "; "))"))
            } else if bundle.isEmpty {
                lines.append(.init(topicID: topic, status: local.isEmpty ? .missingLocally : .matches, detail: local.isEmpty ? "neither the bundle nor the site record says; decide and record it" : "the bundle assumes nothing; this site has \(local.joined(separator: "; "))"))
            } else if local.isEmpty {
                lines.append(.init(topicID: topic, status: .missingLocally, detail: "the bundle assumes \(bundle.joined(separator: "; ")); the site record has no \(field)"))
            } else if Set(bundle.map(Self.loose)) == Set(local.map(Self.loose)) {
                lines.append(.init(topicID: topic, status: .matches, detail: local.joined(separator: "; ")))
            } else {
                let missing = bundle.filter { item in !local.contains { Self.loose($0) == Self.loose(item) } }
                let extra = local.filter { item in !bundle.contains { Self.loose($0) == Self.loose(item) } }
                var detail = "the bundle assumes \(bundle.joined(separator: "; ")); this site has \(local.joined(separator: "; "))"
                if !missing.isEmpty { detail += "; not here: \(missing.joined(separator: ", "))" }
                if !extra.isEmpty { detail += "; only here: \(extra.joined(separator: ", "))" }
                lines.append(.init(topicID: topic, status: .differs, detail: detail + " — localise the playbook"))
            }
        }

        compare(.providerSetup, bundle: list("provider_setup"),
                local: site.providers.map { [$0.name, $0.model].compactMap { $0 }.joined(separator: " ") }, field: "providers")
        compare(.knowledgeBaseSources, bundle: list("knowledge_base_sources"), local: site.knowledgeBaseSources, field: "knowledge_base_sources")
        let roles = list("roles")
        let unknownRoles = roles.filter { pack.role($0) == nil }
        lines.append(unknownRoles.isEmpty
            ? .init(topicID: .roles, status: .matches, detail: roles.isEmpty ? "the bundle names no roles" : roles.joined(separator: ", "))
            : .init(topicID: .roles, status: .differs, detail: "not in this pack: \(unknownRoles.joined(separator: ", ")); map them to this pack's roles in the playbook"))
        let policy = assumptions?["approval_policy"]?.string ?? playbook["approval"]?.string
        if let policy {
            lines.append(pack.policies.contains { $0.id == policy }
                ? .init(topicID: .approvalPolicy, status: .matches, detail: policy)
                : .init(topicID: .approvalPolicy, status: .missingLocally, detail: "policy '\(policy)' is not in policies.yml; add it or point approval at a local policy"))
        } else {
            lines.append(.init(topicID: .approvalPolicy, status: .missingLocally, detail: "the bundle names none; set approval to a policy of this pack"))
        }
        compare(.productLanguage, bundle: list("product_language"), local: site.language.map { [$0] } ?? [], field: "language")
        compare(.couponRules, bundle: list("coupon_rules"), local: site.couponRules, field: "woocommerce.coupon_rules")
        compare(.orderStatusConventions, bundle: list("order_status_conventions"), local: site.orderStatuses, field: "woocommerce.order_statuses")
        compare(.supportOwnership, bundle: list("support_ownership"), local: site.supportOwner.map { [$0] } ?? [], field: "support_owner")
        return lines
    }

    static func loose(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "_", with: "-").trimmingCharacters(in: .whitespaces)
    }
}
