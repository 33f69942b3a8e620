import Foundation
import GFM
import Yams

/// `sopgen playbook import`: checks a bundle (format, checksum, a last scan for secrets), writes
/// `playbooks/<id>.yml` in read-only mode with its provenance, and reviews the bundle's
/// assumptions against the local site and pack.
public struct PlaybookImport: Sendable {
    public struct Outcome: Sendable {
        public var id: String
        public var path: String
        public var text: String
        public var review: [ReviewLine]
    }

    public struct ReviewLine: Sendable, Hashable, CustomStringConvertible {
        public enum Status: String, Sendable { case matches, differs, missingLocally = "missing locally", toSet = "to set locally" }
        public var topic: String
        public var status: Status
        public var detail: String
        public var description: String { "  \(topic): \(status.rawValue) — \(detail)" }
    }

    static let keyOrder = ["id", "title", "version", "owner", "trigger", "input", "output", "approval", "retry",
                           "failure_notification", "kill_switch", "mode", "assumptions", "steps", "provenance"]

    let pack: Pack

    public init(pack: Pack) {
        self.pack = pack
    }

    public func importBundle(_ data: Data, site siteID: String, replace: Bool, existing: (String) -> Bool) throws(PlaybookError) -> Outcome {
        guard let site = pack.site(siteID) else { throw .unknownSite(siteID, pack.sites.map(\.id)) }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch { throw .unreadableBundle("it is not JSON") }
        guard let bundle = object as? [String: Any] else { throw .unreadableBundle("it is not a JSON object") }
        guard bundle["format"] as? String == PlaybookBundle.format, bundle["format_version"] as? Int == PlaybookBundle.formatVersion else {
            throw .unsupportedFormat("format \(bundle["format"] ?? "none"), version \(bundle["format_version"] ?? "none")")
        }
        guard let manifest = bundle["manifest"] as? [String: Any], let playbook = bundle["playbook"] as? [String: Any] else {
            throw .unreadableBundle("it has no manifest or no playbook")
        }
        let checksum = try? PlaybookBundle.checksum(of: playbook)
        guard checksum != nil, checksum == manifest["checksum"] as? String else { throw .tampered }
        var scanned = manifest
        scanned.removeValue(forKey: "checksum")
        let text = (try? PlaybookBundle.prettyJSON(["manifest": scanned, "playbook": playbook])) ?? ""
        let findings = SensitiveDataScanner().scan(text)
        guard findings.isEmpty else { throw .leftoverSecrets(findings.map { "\($0.kind) \($0.text.prefix(8))…" }) }

        guard let id = playbook["id"] as? String ?? (playbook["title"] as? String).map(HeadingAnchors.slugify), Identifier.isValid(id) else {
            throw .unreadableBundle("its playbook has no usable id")
        }
        let path = "playbooks/\(id).yml"
        if existing(path), !replace { throw .exists(path) }

        var record = playbook
        record["id"] = id
        record["mode"] = Playbook.Mode.readOnly.rawValue
        record["provenance"] = [
            "source_site": manifest["source_site"] ?? "unknown",
            "export_date": manifest["export_date"] ?? "unknown",
            "version": manifest["version"] ?? "unversioned",
            "owner": manifest["owner"] ?? "unassigned",
            "required_local_changes": ((manifest["required_local_changes"] as? [[String: Any]]) ?? []).map { change in
                ["id": change["id"] ?? "change", "change": change["change"] ?? "", "resolved": false] as [String: Any]
            },
            "first_run": ["result": "pending"],
        ] as [String: Any]
        let yaml = "# Imported with sopgen playbook import: runs read-only until a first run passes (sopgen playbook promote).\n"
            + ((try? Yams.serialize(node: Self.node(record, order: Self.keyOrder))) ?? "")
        return Outcome(id: id, path: path, text: yaml, review: review(playbook, site: site))
    }

    /// The bundle's assumptions against this site, topic by topic.
    func review(_ playbook: [String: Any], site: Site) -> [ReviewLine] {
        let assumptions = playbook["assumptions"] as? [String: Any] ?? [:]
        func list(_ key: String) -> [String] { (assumptions[key] as? [Any])?.compactMap { $0 as? String } ?? (assumptions[key] as? String).map { [$0] } ?? [] }
        func isPlaceholder(_ values: [String]) -> Bool { values.contains { $0.hasPrefix(LocalPlaceholder.prefix) } }
        var lines: [ReviewLine] = []

        func compare(_ topic: String, bundle: [String], local: [String], field: String) {
            if isPlaceholder(bundle) {
                lines.append(local.isEmpty
                    ? .init(topic: topic, status: .missingLocally, detail: "the bundle leaves it to this site, and the site record has no \(field); add it, then fill the playbook's placeholder")
                    : .init(topic: topic, status: .toSet, detail: "replace the placeholder with this site's: \(local.joined(separator: "; "))"))
            } else if bundle.isEmpty {
                lines.append(.init(topic: topic, status: local.isEmpty ? .missingLocally : .matches, detail: local.isEmpty ? "neither the bundle nor the site record says; decide and record it" : "the bundle assumes nothing; this site has \(local.joined(separator: "; "))"))
            } else if local.isEmpty {
                lines.append(.init(topic: topic, status: .missingLocally, detail: "the bundle assumes \(bundle.joined(separator: "; ")); the site record has no \(field)"))
            } else if Set(bundle.map(Self.loose)) == Set(local.map(Self.loose)) {
                lines.append(.init(topic: topic, status: .matches, detail: local.joined(separator: "; ")))
            } else {
                let missing = bundle.filter { item in !local.contains { Self.loose($0) == Self.loose(item) } }
                let extra = local.filter { item in !bundle.contains { Self.loose($0) == Self.loose(item) } }
                var detail = "the bundle assumes \(bundle.joined(separator: "; ")); this site has \(local.joined(separator: "; "))"
                if !missing.isEmpty { detail += "; not here: \(missing.joined(separator: ", "))" }
                if !extra.isEmpty { detail += "; only here: \(extra.joined(separator: ", "))" }
                lines.append(.init(topic: topic, status: .differs, detail: detail + " — localise the playbook"))
            }
        }

        compare("provider setup", bundle: list("provider_setup"),
                local: site.providers.map { [$0.name, $0.model].compactMap { $0 }.joined(separator: " ") }, field: "providers")
        compare("Knowledge Base sources", bundle: list("knowledge_base_sources"), local: site.knowledgeBaseSources, field: "knowledge_base_sources")
        let roles = list("roles")
        let unknownRoles = roles.filter { pack.role($0) == nil }
        lines.append(unknownRoles.isEmpty
            ? .init(topic: "roles", status: .matches, detail: roles.isEmpty ? "the bundle names no roles" : roles.joined(separator: ", "))
            : .init(topic: "roles", status: .differs, detail: "not in this pack: \(unknownRoles.joined(separator: ", ")); map them to this pack's roles in the playbook"))
        let policy = (assumptions["approval_policy"] as? String) ?? (playbook["approval"] as? String)
        if let policy {
            lines.append(pack.policies.contains { $0.id == policy }
                ? .init(topic: "approval policy", status: .matches, detail: policy)
                : .init(topic: "approval policy", status: .missingLocally, detail: "policy '\(policy)' is not in policies.yml; add it or point approval at a local policy"))
        } else {
            lines.append(.init(topic: "approval policy", status: .missingLocally, detail: "the bundle names none; set approval to a policy of this pack"))
        }
        compare("product language", bundle: list("product_language"), local: site.language.map { [$0] } ?? [], field: "language")
        compare("coupon rules", bundle: list("coupon_rules"), local: site.couponRules, field: "woocommerce.coupon_rules")
        compare("order status conventions", bundle: list("order_status_conventions"), local: site.orderStatuses, field: "woocommerce.order_statuses")
        compare("support ownership", bundle: list("support_ownership"), local: site.supportOwner.map { [$0] } ?? [], field: "support_owner")
        return lines
    }

    static func loose(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "_", with: "-").trimmingCharacters(in: .whitespaces)
    }

    /// JSON values as YAML nodes, mapping keys in `order` first, the rest alphabetically.
    static func node(_ value: Any, order: [String] = []) -> Node {
        switch value {
        case let text as String:
            return text.contains("\n") ? Node(text, .implicit, .literal) : Node(text)
        case let flag as Bool:
            return Node(flag ? "true" : "false")
        case let number as NSNumber:
            return Node(number.stringValue)
        case let list as [Any]:
            return Node(list.map { node($0, order: order) })
        case let map as [String: Any]:
            let keys = map.keys.sorted { (order.firstIndex(of: $0) ?? Int.max, $0) < (order.firstIndex(of: $1) ?? Int.max, $1) }
            let nested = ["provenance": ["source_site", "export_date", "version", "owner", "required_local_changes", "first_run"],
                          "first_run": ["result", "mode", "by", "date", "notes"], "required_local_changes": ["id", "change", "resolved"]]
            return Node(keys.map { key in (Node(key), node(map[key]!, order: nested[key] ?? ["id", "change", "resolved"])) })
        default:
            return Node("")
        }
    }
}
