import Crypto

/// The stable key of one row of an export: the first 8 bytes of a salted SHA-256 of every field
/// the row holds (the prompt text included, so two prompts in the same second stay two events).
/// The same row in two overlapping exports has the same key, so the store keeps it once. The salt
/// is the store's own (random when it was created), so the key says nothing of the text to anyone
/// without the database; the text itself is never stored.
struct EventKeyMaker: Sendable {
    let salt: [UInt8]

    /// Fields in a fixed order, each ended by 0x1F; a missing one is 0x1E.
    func key(time: Int64, user: String, kind: ActivityEvent.Kind, surface: Surface?, plan: String?, policy: String?,
             risk: Policy.Risk?, note: String?, text: String) -> Int64 {
        var hasher = SHA256()
        hasher.update(data: salt)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        func add(_ value: String?) {
            if let value { bytes += value.utf8 } else { bytes.append(0x1E) }
            bytes.append(0x1F)
        }
        add(String(time))
        add(user)
        add(kind.rawValue)
        add(surface?.rawValue)
        add(plan)
        add(policy)
        add(risk?.rawValue)
        add(note)
        add(text)
        hasher.update(data: bytes)
        var key: Int64 = 0
        for byte in hasher.finalize().prefix(8) { key = key << 8 | Int64(byte) }
        return key
    }
}
