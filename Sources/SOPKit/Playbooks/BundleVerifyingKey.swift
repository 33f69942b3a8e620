import Crypto
import Foundation

/// The public half of the agency's key: checks that a bundle was signed with the private half
/// and not changed since. Read from the PEM file `openssl pkey -pubout` writes.
public struct BundleVerifyingKey: Sendable {
    let rawKey: Data

    public init(pem: String) throws(PlaybookError) {
        rawKey = try BundleSigningKey.der(pem, label: "PUBLIC KEY", prefix: BundleSigningKey.publicPrefix)
    }

    init(rawKey: Data) {
        self.rawKey = rawKey
    }

    public var pem: String { BundleSigningKey.pem(BundleSigningKey.publicPrefix + rawKey, label: "PUBLIC KEY") }

    func isValid(_ signature: String, for data: Data) -> Bool {
        guard signature.hasPrefix(PlaybookBundle.signaturePrefix),
              let bytes = Data(base64Encoded: String(signature.dropFirst(PlaybookBundle.signaturePrefix.count))),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawKey) else { return false }
        return key.isValidSignature(bytes, for: data)
    }
}
