/// Inputs cmark-gfm handles badly, found before it parses them or while sopgen walks the tree.
/// cmark-gfm 0.29's table extension gives every row as many cells as the header has: a header of
/// 40,000 columns over 40,000 one-cell rows (240 KB) builds 1.6 billion nodes and exhausts memory.
/// Deep nesting makes its parse time grow with the square of the depth.
public enum GFMLimits {
    /// Block quotes and list items open at once.
    public static let maximumNesting = 32
    /// Cells in one table: columns times rows, padded rows included.
    public static let maximumTableCells = 100_000

    public struct Table: Sendable, Hashable {
        /// The delimiter row (`|---|---|`).
        public var position: GFMPosition
        public var columns: Int
        public var rows: Int
    }

    /// Every table that would have more than `maximumTableCells` cells, and `markdown` with the
    /// delimiter row of each blanked, so that its lines parse as a paragraph and every other line
    /// keeps its place. Conservative: a table is taken to run to the next blank line.
    public static func defuseTables(in markdown: String) -> (markdown: String, tables: [Table]) {
        var bytes = Array(markdown.utf8)
        let tables = defuseTables(in: &bytes)
        return tables.isEmpty ? (markdown, []) : (String(decoding: bytes, as: UTF8.self), tables)
    }

    /// The tables `defuseTables(in:)` would blank, without making the blanked text.
    public static func oversizedTables(in markdown: some StringProtocol) -> [Table] {
        var bytes = Array(markdown.utf8)
        return defuseTables(in: &bytes)
    }

    /// `defuseTables(in:)` on the UTF-8 bytes, in place.
    static func defuseTables(in bytes: inout [UInt8]) -> [Table] {
        var lines: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            lines.append(start..<end)
            start = end + 1
        }
        var tables: [Table] = []
        var index = 0
        while index < lines.count {
            guard let columns = delimiterColumns(bytes[lines[index]]) else {
                index += 1
                continue
            }
            var rows = 1  // the header
            var next = index + 1
            while next < lines.count, !isBlank(bytes[lines[next]]) {
                rows += 1
                next += 1
            }
            if columns * rows > maximumTableCells {
                let line = lines[index]
                let indentation = bytes[line].prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
                tables.append(Table(position: GFMPosition(line: index + 1, column: indentation + 1), columns: columns, rows: rows))
                for offset in line { bytes[offset] = UInt8(ascii: " ") }
            }
            index = next
        }
        return tables
    }

    /// The cells of a table delimiter row (`| --- | :-: |`, inside quotes or indented), or nil.
    static func delimiterColumns(_ line: ArraySlice<UInt8>) -> Int? {
        let content = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: ">") }
        var columns = 0, pipes = 0
        var inCell = false
        for byte in content {
            switch byte {
            case UInt8(ascii: "|"):
                pipes += 1
                inCell = false
            case UInt8(ascii: "-"):
                if !inCell { columns += 1 }
                inCell = true
            case UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                continue
            default:
                return nil
            }
        }
        return pipes > 0 && columns > 0 ? columns : nil
    }

    static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\r") }
    }
}
