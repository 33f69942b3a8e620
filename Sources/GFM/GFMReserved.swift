import Foundation

/// Private-use scalars that sopgen reserves for its own markers. Callers replace them in any
/// input (`GFMReserved.sanitize`) so that a marker can only come from sopgen itself.
public enum GFMReserved {
    static let containerMark: Unicode.Scalar = "\u{F8F0}"
    /// Starts a value token; the caller defines what follows and substitutes it per view.
    public static let tokenStart: Unicode.Scalar = "\u{F8F1}"
    public static let tokenEnd: Unicode.Scalar = "\u{F8F2}"
    static let headingMarker = "\u{F8F3}"
    static let all: ClosedRange<Unicode.Scalar> = "\u{F8F0}"..."\u{F8F3}"

    /// The line that opens container `id`; put it on a line of its own, indented like its content.
    public static func containerOpen(_ id: Int) -> String { "<!--\(containerMark)open:\(id)-->" }
    public static func containerClose(_ id: Int) -> String { "<!--\(containerMark)close:\(id)-->" }

    private static let tokenStartUTF8 = Array(String(tokenStart).utf8)

    /// Whether UTF-8 `bytes` hold `tokenStart` (what `unicodeScalars.contains(tokenStart)` says of
    /// their text: its three bytes are a whole scalar wherever they occur, and no other scalar or
    /// repaired byte contains them).
    static func holdsTokenStart(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, bytes.count >= 3 else { return false }
        var index = 0
        while index <= bytes.count - 3 {
            guard let hit = memchr(base + index, Int32(tokenStartUTF8[0]), bytes.count - 2 - index) else { return false }
            let offset = base.distance(to: UnsafeRawPointer(hit))
            if bytes[offset + 1] == tokenStartUTF8[1], bytes[offset + 2] == tokenStartUTF8[2] { return true }
            index = offset + 1
        }
        return false
    }

    /// Replaces reserved scalars (and C0 controls other than tab, newline and carriage return,
    /// which HTML does not allow) with U+FFFD.
    public static func sanitize(_ text: String) -> String {
        // Bytes first: below 0x80 a byte is its scalar, and every reserved scalar starts with 0xEF.
        let suspicious: (UInt8) -> Bool = { $0 < 0x20 ? $0 != 0x09 && $0 != 0x0A && $0 != 0x0D : $0 == 0x7F || $0 == 0xEF }
        let suspect = text.utf8.withContiguousStorageIfAvailable { $0.contains(where: suspicious) } ?? text.utf8.contains(where: suspicious)
        guard suspect, text.unicodeScalars.contains(where: isForbidden) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isForbidden(scalar) ? "\u{FFFD}" : scalar)
        }
        return String(scalars)
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        all.contains(scalar) || (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r")
            || scalar.value == 0x7F
    }

    static func containerMarker(in literal: String) -> (id: Int, isOpen: Bool)? {
        let trimmed = literal.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("<!--\(containerMark)"), trimmed.hasSuffix("-->") else { return nil }
        let body = trimmed.dropFirst(5).dropLast(3)
        for (prefix, isOpen) in [("open:", true), ("close:", false)] where body.hasPrefix(prefix) {
            if let id = Int(body.dropFirst(prefix.count)) { return (id, isOpen) }
        }
        return nil
    }
}

