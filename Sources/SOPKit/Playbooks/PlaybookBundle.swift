import Crypto
import Foundation

/// The file an export writes and an import reads: a format version, a manifest and the playbook.
/// The checksum covers the playbook's canonical JSON (sorted keys, no whitespace).
public enum PlaybookBundle {
    public static let format = "sopgen-playbook-bundle"
    public static let formatVersion = 1

    static func canonicalJSON(_ value: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
    }

    static func prettyJSON(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]), as: UTF8.self) + "\n"
    }

    static func checksum(of playbook: Any) throws -> String {
        "sha256:" + SHA256.hash(data: try canonicalJSON(playbook)).map { String(format: "%02x", $0) }.joined()
    }

    /// A label for the source site that does not name the client: the agency can map it back.
    static func pseudonym(for site: String, in pack: String) -> String {
        "site-" + SHA256.hash(data: Data("\(pack)\u{0}\(site)".utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
    }
}
