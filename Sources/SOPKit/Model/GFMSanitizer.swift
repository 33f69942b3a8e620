import GFM

/// Text from a pack never carries sopgen's reserved marker scalars or stray control characters.
enum GFMSanitizer {
    static func clean(_ text: String) -> String { GFMReserved.sanitize(text) }
}
