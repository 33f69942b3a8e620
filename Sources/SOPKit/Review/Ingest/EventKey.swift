import Crypto

/// The stable key of one row of an export: the first 8 bytes of a salted SHA-256 of every field
/// the row holds (the prompt text included, so two prompts in the same second stay two events).
/// The same row in two overlapping exports has the same key, so the store keeps it once. The salt
/// is the store's own (random when it was created), so the key says nothing of the text to anyone
/// without the database; the text itself is never stored.
///
/// The bytes hashed, which stores already hold keys of and so never change: the salt, then each
/// field in a fixed order ended by 0x1F (a missing one is 0x1E): the time in seconds (decimal),
/// user, event, surface, plan, policy, risk, the note as redacted, and the text.
struct EventKeyMaker: Sendable {
    let salt: [UInt8]

    /// One row's fields as UTF-8 bytes, nil where missing (the text is never missing: "" at worst).
    struct Fields {
        var time: Int64
        var user: UnsafeBufferPointer<UInt8>
        var kind: ActivityEvent.Kind
        var surface: Surface?
        var plan: UnsafeBufferPointer<UInt8>?
        var policy: UnsafeBufferPointer<UInt8>?
        var risk: Policy.Risk?
        var note: String?
        var text: UnsafeBufferPointer<UInt8>
    }

    /// The key of a row given as text (tests; the same key as `key(_:scratch:)` of its bytes).
    func key(time: Int64, user: String, kind: ActivityEvent.Kind, surface: Surface?, plan: String?, policy: String?,
             risk: Policy.Risk?, note: String?, text: String) -> Int64 {
        let user = Array(user.utf8), plan = plan.map { Array($0.utf8) }, policy = policy.map { Array($0.utf8) }, text = Array(text.utf8)
        var scratch: [UInt8] = []
        return user.withUnsafeBufferPointer { user in
            text.withUnsafeBufferPointer { text in
                Self.optionalBuffer(plan) { plan in
                    Self.optionalBuffer(policy) { policy in
                        key(Fields(time: time, user: user, kind: kind, surface: surface, plan: plan, policy: policy,
                                   risk: risk, note: note, text: text), scratch: &scratch)
                    }
                }
            }
        }
    }

    private static func optionalBuffer<T>(_ bytes: [UInt8]?, _ body: (UnsafeBufferPointer<UInt8>?) -> T) -> T {
        guard let bytes else { return body(nil) }
        return bytes.withUnsafeBufferPointer { body($0) }
    }

    /// The key of one row; `scratch` is reused from row to row (grown, never shrunk).
    func key(_ fields: Fields, scratch: inout [UInt8]) -> Int64 {
        var note = fields.note
        return Self.withUTF8(&note) { note in
            // The time in decimal, at the end of a 24-byte buffer.
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
            return withUnsafeMutableBytes(of: &digits) { digitBytes in
                var time = fields.time.magnitude
                var first = 24
                repeat {
                    first -= 1
                    digitBytes[first] = 0x30 + UInt8(time % 10)
                    time /= 10
                } while time != 0
                if fields.time < 0 {
                    first -= 1
                    digitBytes[first] = 0x2D
                }
                let timeText = UnsafeBufferPointer(rebasing: UnsafeRawBufferPointer(digitBytes).bindMemory(to: UInt8.self)[first...])
                let kind = fields.kind.rawValue, surface = fields.surface?.rawValue, risk = fields.risk?.rawValue
                func length(_ bytes: UnsafeBufferPointer<UInt8>?) -> Int { (bytes?.count ?? 1) + 1 }
                func length(_ text: String?) -> Int { (text?.utf8.count ?? 1) + 1 }
                let total = salt.count + length(timeText) + length(fields.user) + length(kind) + length(surface) + length(fields.plan)
                    + length(fields.policy) + length(risk) + length(note) + length(fields.text)
                if scratch.count < total { scratch = [UInt8](repeating: 0, count: max(total, 2 * scratch.count)) }
                return scratch.withUnsafeMutableBufferPointer { out -> Int64 in
                    var next = 0
                    func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
                        (out.baseAddress! + next).update(from: base, count: bytes.count)
                        next += bytes.count
                    }
                    func field(_ bytes: UnsafeBufferPointer<UInt8>?) {
                        if let bytes {
                            put(bytes)
                        } else {
                            out[next] = 0x1E
                            next += 1
                        }
                        out[next] = 0x1F
                        next += 1
                    }
                    func field(_ text: String?) {
                        guard var text else { return field(UnsafeBufferPointer<UInt8>?.none) }
                        text.withUTF8 { field($0) }
                    }
                    salt.withUnsafeBufferPointer(put)
                    field(timeText)
                    field(fields.user)
                    field(kind)
                    field(surface)
                    field(fields.plan)
                    field(fields.policy)
                    field(risk)
                    field(note)
                    field(fields.text)
                    var hasher = SHA256()
                    hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: out[0..<next])))
                    var key: Int64 = 0
                    for byte in hasher.finalize().prefix(8) { key = key << 8 | Int64(byte) }
                    return key
                }
            }
        }
    }

    private static func withUTF8<T>(_ text: inout String?, _ body: (UnsafeBufferPointer<UInt8>?) -> T) -> T {
        guard text != nil else { return body(nil) }
        return text!.withUTF8 { body($0) }
    }
}
