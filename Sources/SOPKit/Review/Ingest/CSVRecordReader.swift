/// RFC 4180 CSV, read incrementally from chunks of bytes: quoted fields (with `""` for a quote,
/// commas and line breaks inside), CRLF or LF line ends, a byte-order mark skipped. Each record
/// comes with the line it starts on and the column (in Unicode scalars) of each field, so a bad
/// value is reported where it stands. A record that breaks the format (text after a closing
/// quote, a quote inside an unquoted field, a quote never closed, a field over `maximumField`
/// bytes) is reported and skipped; reading goes on at the next line.
struct CSVRecordReader {
    /// One record, its fields' bytes back to back (UTF-8, checked): valid only during the call
    /// that hands it over (the reader reuses its buffers), so keep `fields`, not the record.
    struct Record {
        /// Every field's bytes, one after the other.
        var bytes: [UInt8]
        /// Where each field ends in `bytes` (it starts where the one before ends).
        var ends: [Int]
        /// The column each field starts at, in Unicode scalars.
        var columns: [Int]
        var line: Int

        var count: Int { ends.count }
        func range(_ index: Int) -> Range<Int> { (index == 0 ? 0 : ends[index - 1])..<ends[index] }
        func field(_ index: Int) -> String { String(decoding: bytes[range(index)], as: UTF8.self) }
        var fields: [String] { ends.indices.map(field) }
    }

    struct Problem: Error {
        var line: Int
        var column: Int
        var message: String
    }

    /// One field this long is a broken export (an unclosed quote swallowing the file), not data.
    static let maximumField = 1 << 20

    private enum State { case fieldStart, unquoted, quoted, afterQuote, skipping }

    private var state = State.fieldStart
    /// The record being read: its finished fields' bytes, then the current field's.
    private var buffer: [UInt8] = []
    private var ends: [Int] = []
    private var columns: [Int] = []
    /// Where the current field starts in `buffer`, and whether it holds a byte above ASCII.
    private var fieldStart = 0
    private var fieldHasNonASCII = false
    private var line = 1
    private var column = 1
    private var recordLine = 1
    private var fieldColumn = 1
    private var quoteLine = 1
    private var quoteColumn = 1
    private var atStart = true
    private var bomBytes = 0
    private var invalidText: (line: Int, column: Int)?

    /// Reads `bytes`, calling `record` for each complete record and `problem` for each broken one.
    mutating func feed(_ bytes: [UInt8], record: (Record) -> Void, problem: (Problem) -> Void) {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            // Most bytes are the plain text of an unquoted field: taken in one run up to the next
            // comma, line feed or quote, as far as the field stays under the limit (the byte past
            // it goes the slow way, which reports the field).
            let room = Self.maximumField - (buffer.count - fieldStart)
            if !atStart, room > 0, state == .fieldStart || state == .unquoted, byte != 0x2C, byte != 0x0A, byte != 0x22 {
                var end = index
                let limit = min(bytes.count, index - 1 + room)
                while end < limit, bytes[end] != 0x2C, bytes[end] != 0x0A, bytes[end] != 0x22 { end += 1 }
                let run = bytes[(index - 1)..<end]
                var scalars = 0
                var nonASCII: UInt8 = 0
                for runByte in run {
                    if runByte & 0xC0 != 0x80 { scalars += 1 }
                    nonASCII |= runByte
                }
                if nonASCII >= 0x80 { fieldHasNonASCII = true }
                column += scalars
                buffer.append(contentsOf: run)
                state = .unquoted
                index = end
                continue
            }
            if atStart {
                // EF BB BF at the very start is a byte-order mark, not data.
                if bomBytes < 3, byte == [0xEF, 0xBB, 0xBF][bomBytes] {
                    bomBytes += 1
                    if bomBytes == 3 { atStart = false }
                    continue
                }
                atStart = false
                if bomBytes > 0 {
                    let partial = [UInt8]([0xEF, 0xBB, 0xBF].prefix(bomBytes))
                    bomBytes = 0
                    feed(partial, record: record, problem: problem)
                }
            }
            let here = column
            if byte & 0xC0 != 0x80 { column += 1 }
            switch state {
            case .skipping:
                if byte == 0x0A { newLine(); resetRecord() }
            case .quoted:
                if byte == 0x22 {
                    state = .afterQuote
                } else {
                    append(byte, problem: problem)
                    if byte == 0x0A { newLine() }
                }
            case .afterQuote:
                switch byte {
                case 0x22:
                    append(byte, problem: problem)
                    state = .quoted
                case 0x2C: endField(nextColumn: column)
                case 0x0D: break
                case 0x0A:
                    endField(nextColumn: 1)
                    newLine()
                    endRecord(record: record, problem: problem)
                default:
                    fail(problem, line: line, column: here, "text after the closing quote of a field; double a quote inside a quoted field (\"\")")
                }
            case .fieldStart, .unquoted:
                switch byte {
                case 0x2C:
                    endField(nextColumn: column)
                case 0x0A:
                    if buffer.count > fieldStart, buffer.last == 0x0D { buffer.removeLast() }
                    endField(nextColumn: 1)
                    newLine()
                    endRecord(record: record, problem: problem)
                case 0x22 where state == .fieldStart:
                    state = .quoted
                    quoteLine = line
                    quoteColumn = here
                case 0x22:
                    fail(problem, line: line, column: here, "a quote inside an unquoted field; quote the whole field and double the quote (\"\")")
                default:
                    state = .unquoted
                    append(byte, problem: problem)
                }
            }
        }
    }

    /// The end of the input: the last record without a line break, or an unclosed quote.
    mutating func finish(record: (Record) -> Void, problem: (Problem) -> Void) {
        switch state {
        case .skipping: break
        case .quoted:
            problem(Problem(line: quoteLine, column: quoteColumn, message: "a quoted field is never closed; the export ends inside it"))
        case .fieldStart, .unquoted, .afterQuote:
            if buffer.count > fieldStart, buffer.last == 0x0D { buffer.removeLast() }
            if !ends.isEmpty || buffer.count > fieldStart || state != .fieldStart {
                endField(nextColumn: 1)
                endRecord(record: record, problem: problem)
            }
        }
        resetRecord()
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8, problem: (Problem) -> Void) {
        guard buffer.count - fieldStart < Self.maximumField else {
            fail(problem, line: recordLine, column: fieldColumn, "a field longer than \(Self.maximumField / 1_048_576) MiB; is a quote left open?")
            return
        }
        if byte >= 0x80 { fieldHasNonASCII = true }
        buffer.append(byte)
    }

    private mutating func newLine() {
        line += 1
        column = 1
    }

    private mutating func endField(nextColumn: Int) {
        if fieldHasNonASCII, String(validating: buffer[fieldStart...], as: UTF8.self) == nil {
            if invalidText == nil { invalidText = (recordLine, fieldColumn) }
            buffer.removeSubrange(fieldStart...)
        }
        ends.append(buffer.count)
        columns.append(fieldColumn)
        fieldStart = buffer.count
        fieldHasNonASCII = false
        fieldColumn = nextColumn
        state = .fieldStart
    }

    private mutating func endRecord(record: (Record) -> Void, problem: (Problem) -> Void) {
        defer { resetRecord() }
        if let invalidText {
            problem(Problem(line: invalidText.line, column: invalidText.column, message: "a field is not UTF-8 text"))
            return
        }
        // A blank line is not a record.
        if ends.count == 1, ends[0] == 0 { return }
        record(Record(bytes: buffer, ends: ends, columns: columns, line: recordLine))
    }

    private mutating func fail(_ problem: (Problem) -> Void, line: Int, column: Int, _ message: String) {
        problem(Problem(line: line, column: column, message: message))
        state = .skipping
        buffer.removeSubrange(fieldStart...)
    }

    private mutating func resetRecord() {
        buffer.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        columns.removeAll(keepingCapacity: true)
        fieldStart = 0
        fieldHasNonASCII = false
        invalidText = nil
        state = .fieldStart
        recordLine = line
        fieldColumn = 1
    }
}
