import Foundation

/// Bytes to text the way a pack's author meant them: UTF-8, an optional byte-order mark
/// dropped, CRLF and lone CR turned into LF.
enum TextDecoding {
    struct InvalidPosition: Error {
        var line: Int
        var column: Int
    }

    static func decode(_ data: Data) -> Result<String, InvalidPosition> {
        let mark = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // Validated where the bytes lie: copying each file to an array first was a fiftieth of a `check`.
        let text = data.withUnsafeBytes { raw in
            String(validating: UnsafeBufferPointer(rebasing: raw.assumingMemoryBound(to: UInt8.self)[mark...]), as: UTF8.self)
        }
        guard let text else {
            return .failure(firstInvalidPosition(in: Array(data.dropFirst(mark))))
        }
        return .success(normalised(text))
    }

    /// Text that came in another way (a paste, standard input) made the same: no byte-order mark,
    /// LF line endings. Splitting on "\n" is then safe: Swift counts "\r\n" as one Character.
    static func normalised(_ text: String) -> String {
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        guard containsCarriageReturn(&text) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// `memchr` over the text's bytes: the generic search went byte by byte through every file.
    private static func containsCarriageReturn(_ text: inout String) -> Bool {
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(UInt8(ascii: "\r")), buffer.count) != nil
        } ?? text.utf8.contains(UInt8(ascii: "\r"))
    }

    private static func firstInvalidPosition(in bytes: [UInt8]) -> InvalidPosition {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let length = validSequenceLength(bytes, at: index)
            if length == 0 {
                let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1
                return InvalidPosition(line: line, column: column)
            }
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            index += length
        }
        return InvalidPosition(line: line, column: 1)
    }

    private static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        let sequence = Array(bytes[index..<index + length])
        return String(validating: sequence, as: UTF8.self) == nil ? 0 : length
    }
}
