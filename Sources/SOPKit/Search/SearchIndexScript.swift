import Foundation

/// The search index as JavaScript files that assign data: a page opened from `file://` may not
/// `fetch()` a JSON file, but it may load a script. Every string is a JSON string escaped for any
/// JavaScript context it could land in: quotes, backslashes and control characters, U+2028 and
/// U+2029 (line ends to older JavaScript), and `<`, `>` and `&`, so that no value can close a
/// `<script>` element or open a comment even if a file is inlined. Positional arrays keep the
/// files small; one entry a line keeps them readable and their differences short.
enum SearchIndexScript {
    /// `search/common.js`: `[sop, anchor, heading, text]` per shared section. A build appends it
    /// batch by batch instead (`commonOpening`, `commonEntries`, `commonClosing`): the shared
    /// sections of every SOP are the largest file of a large site (22 MB at 5,000 SOPs).
    static func common(_ index: SearchIndex) -> String {
        let whole = commonOpening + commonEntries(index.common[...], first: true) + commonClosing
        return String(decoding: whole, as: UTF8.self)
    }

    /// `common.js` before its first entry.
    static let commonOpening = Data((prelude + "common = [\n").utf8)
    /// `common.js` after its last entry.
    static let commonClosing = Data("\n];\n".utf8)

    /// Entries of `common.js`, each after its separator but the file's first (`first`).
    static func commonEntries(_ sections: ArraySlice<SearchSection>, first: Bool) -> Data {
        var bytes: [UInt8] = []
        for (offset, section) in sections.enumerated() {
            if !first || offset > 0 { bytes += entrySeparator }
            append(entry: section, to: &bytes)
        }
        return Data(bytes)
    }

    /// A view's file: the folder its SOP pages are in, SOP titles, common sections it holds,
    /// its own sections.
    static func view(_ index: SearchIndex, _ scope: SearchIndex.Scope) -> String {
        let view = index.view(scope)
        let titles = view.titles.sorted { $0.key < $1.key }.map { "[\(string($0.key)),\(string($0.value))]" }
        return prelude + "view = {\n\"folder\": \(string(scope.pageFolder)),\n\"titles\": [\n"
            + titles.joined(separator: ",\n") + "\n],\n\"common\": ["
            + view.common.map(String.init).joined(separator: ",") + "],\n\"own\": [\n"
            + view.own.map(entry).joined(separator: ",\n") + "\n]\n};\n"
    }

    private static let entrySeparator = Array(",\n".utf8)

    private static func entry(_ section: SearchSection) -> String {
        var bytes: [UInt8] = []
        append(entry: section, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let prelude = "/* sopgen search index: generated, do not edit. */\n(window.sopgenSearch = window.sopgenSearch || {})."

    /// `[sop, anchor, heading, text]`, each a string literal, written onto `output`.
    private static func append(entry section: SearchSection, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "["))
        append(section.sopID, to: &output)
        output.append(UInt8(ascii: ","))
        append(section.anchor, to: &output)
        output.append(UInt8(ascii: ","))
        append(section.heading, to: &output)
        output.append(UInt8(ascii: ","))
        append(section.text, to: &output)
        output.append(UInt8(ascii: "]"))
    }

    /// `text` as a double-quoted JavaScript (and JSON) string literal, safe in any script context.
    /// Written byte by byte (the index holds every section of every view): U+2028 and U+2029 are
    /// the only non-ASCII scalars escaped, found as their UTF-8 bytes.
    static func string(_ text: String) -> String {
        var output: [UInt8] = []
        append(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// `string(text)` written onto `output`, without a `String` in between.
    private static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        output.reserveCapacity(output.count + text.utf8.count + 2)
        output.append(UInt8(ascii: "\""))
        text.withUTF8 { escape($0, to: &output) }
        output.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The bytes `escape` may write otherwise than as they are: the escaped ones, and 0xE2, which
    /// starts U+2028 and U+2029.
    private static let mayEscape: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in 0..<0x20 { table[byte] = true }
        for byte in [0x7F, 0xE2] { table[byte] = true }
        for byte in "\"\\<>&".utf8 { table[Int(byte)] = true }
        return table
    }()

    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        func escaped(_ value: UInt32, to output: inout [UInt8]) {
            output.append(UInt8(ascii: "\\"))
            output.append(UInt8(ascii: "u"))
            for shift in stride(from: 12, through: 0, by: -4) { output.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)]) }
        }
        func pair(_ second: Unicode.Scalar, to output: inout [UInt8]) {
            output.append(UInt8(ascii: "\\"))
            output.append(UInt8(ascii: second))
        }
        let mayEscape = Self.mayEscape
        var index = 0
        while index < bytes.count {
            // A run of bytes that stay as they are is copied at once, not a byte at a time.
            var end = index
            while end < bytes.count, !mayEscape[Int(bytes[end])] { end += 1 }
            if end > index {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                index = end
                guard index < bytes.count else { break }
            }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""): pair("\"", to: &output)
            case UInt8(ascii: "\\"): pair("\\", to: &output)
            case UInt8(ascii: "\n"): pair("n", to: &output)
            case UInt8(ascii: "\r"): pair("r", to: &output)
            case UInt8(ascii: "\t"): pair("t", to: &output)
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x00...0x1F, 0x7F: escaped(UInt32(byte), to: &output)
            case 0xE2 where index + 1 < bytes.count && bytes[index] == 0x80 && (bytes[index + 1] == 0xA8 || bytes[index + 1] == 0xA9):
                escaped(bytes[index + 1] == 0xA8 ? 0x2028 : 0x2029, to: &output)
                index += 2
            default: output.append(byte)
            }
        }
    }
}
