import Crypto
import Foundation

/// The file an export writes and an import reads: a format version, a manifest and the playbook.
///
/// The checksum is a SHA-256 of the canonical JSON (keys sorted, no whitespace) of the whole
/// bundle but the checksum and signature themselves, so it covers the manifest as well as the
/// playbook. Anyone can recompute it: it catches damage and careless edits, not forgery. A bundle
/// signed with the agency's Ed25519 key (`--sign-key`) and checked with its public key
/// (`--verify-key`) is proof against forgery by anyone without the private key.
struct PlaybookBundle: Sendable, Hashable {
    static let format = "sopgen-playbook-bundle"
    /// 2: the checksum covers the manifest (version 1's covered the playbook only).
    static let formatVersion = 2
    static let checksumPrefix = "sha256:"
    static let signaturePrefix = "ed25519:"

    struct Manifest: Sendable, Hashable {
        struct Change: Sendable, Hashable {
            var id: String
            var change: String
        }

        var sourceSite: String
        var exportDate: String
        var version: String
        var owner: String
        var requiredLocalChanges: [Change]
        var checksum: String?
        var signature: String?

        static let keys = ["source_site", "export_date", "version", "owner", "required_local_changes", "checksum", "signature"]

        var json: JSONValue {
            var members: [JSONValue.Member] = [
                .init(key: "source_site", value: .string(sourceSite)),
                .init(key: "export_date", value: .string(exportDate)),
                .init(key: "version", value: .string(version)),
                .init(key: "owner", value: .string(owner)),
                .init(key: "required_local_changes", value: .array(requiredLocalChanges.map {
                    .object(["id": .string($0.id), "change": .string($0.change)])
                })),
            ]
            if let checksum { members.append(.init(key: "checksum", value: .string(checksum))) }
            if let signature { members.append(.init(key: "signature", value: .string(signature))) }
            return .object(members)
        }
    }

    var manifest: Manifest
    var playbook: JSONValue

    var json: JSONValue {
        .object(["format": .string(Self.format), "format_version": .number(String(Self.formatVersion)),
                 "manifest": manifest.json, "playbook": playbook])
    }

    /// What the checksum and the signature cover: everything but themselves.
    var coveredBytes: Data {
        var unsealed = self
        unsealed.manifest.checksum = nil
        unsealed.manifest.signature = nil
        return Data(unsealed.json.canonical.utf8)
    }

    var computedChecksum: String {
        Self.checksumPrefix + SHA256.hash(data: coveredBytes).hexDigits
    }

    /// The bundle with its checksum, and its signature when a key is given.
    func sealed(signingKey: BundleSigningKey?) throws(PlaybookError) -> PlaybookBundle {
        var sealed = self
        sealed.manifest.signature = nil
        sealed.manifest.checksum = computedChecksum
        if let signingKey { sealed.manifest.signature = try signingKey.signature(for: coveredBytes) }
        return sealed
    }

    /// A label for the source site that does not name the client: the agency can map it back.
    static func pseudonym(for site: String, in pack: String) -> String {
        "site-" + SHA256.hash(data: Data("\(pack)\u{0}\(site)".utf8)).prefix(4).hexDigits
    }
}
