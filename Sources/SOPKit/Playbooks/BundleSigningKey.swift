import Crypto
import Foundation

/// The agency's Ed25519 key for signing bundles, read from the PEM file OpenSSL writes:
/// `openssl genpkey -algorithm ed25519 -out agency.pem` (it stays with the agency);
/// `openssl pkey -in agency.pem -pubout -out agency.pub.pem` gives the public half for every site.
public struct BundleSigningKey: Sendable {
    /// PKCS#8 and SubjectPublicKeyInfo DER for Ed25519 are a fixed prefix and the 32-byte key.
    static let privatePrefix: [UInt8] = [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
    static let publicPrefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]

    /// The 32-byte seed; Crypto's key type is not `Sendable`, its bytes are.
    let seed: Data
    public let publicKey: BundleVerifyingKey

    public init(pem: String) throws(PlaybookError) {
        let seed = try Self.der(pem, label: "PRIVATE KEY", prefix: Self.privatePrefix)
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else { throw .badKey("not an Ed25519 private key") }
        self.init(key)
    }

    /// A new random key.
    public static func generate() -> BundleSigningKey {
        BundleSigningKey(Curve25519.Signing.PrivateKey())
    }

    private init(_ key: Curve25519.Signing.PrivateKey) {
        seed = key.rawRepresentation
        publicKey = BundleVerifyingKey(rawKey: key.publicKey.rawRepresentation)
    }

    /// The private key as OpenSSL writes it.
    public var pem: String { Self.pem(Self.privatePrefix + seed, label: "PRIVATE KEY") }

    func signature(for data: Data) throws(PlaybookError) -> String {
        do {
            let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
            return PlaybookBundle.signaturePrefix + (try key.signature(for: data)).base64EncodedString()
        } catch {
            throw .badKey("signing failed: \(error)")
        }
    }

    /// The 32 key bytes of a PEM file whose DER is `prefix` and the key.
    static func der(_ pem: String, label: String, prefix: [UInt8]) throws(PlaybookError) -> Data {
        let lines = pem.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let begin = lines.firstIndex(of: "-----BEGIN \(label)-----"),
              let end = lines.firstIndex(of: "-----END \(label)-----"), begin < end else {
            let how = label == "PUBLIC KEY" ? "openssl pkey -in agency.pem -pubout" : "openssl genpkey -algorithm ed25519"
            throw .badKey("expected a PEM file with a '-----BEGIN \(label)-----' line (\(how) writes one)")
        }
        guard let der = Data(base64Encoded: lines[(begin + 1)..<end].joined()), der.count == prefix.count + 32,
              der.prefix(prefix.count).elementsEqual(prefix) else {
            throw .badKey("the PEM file does not hold an Ed25519 key")
        }
        return Data(der.suffix(32))
    }

    static func pem(_ der: [UInt8], label: String) -> String {
        "-----BEGIN \(label)-----\n\(Data(der).base64EncodedString())\n-----END \(label)-----\n"
    }
}
