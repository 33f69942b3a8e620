/// Turns one row of an export (its cells by sopgen's field names) into an `ActivityEvent`: the
/// export's event name mapped, the time read with its offset, the surface and risk checked, the
/// prompt text scanned and dropped, the note redacted, and every identifier (login, plan, policy,
/// an unknown event's name) kept as `IdentifierRedactor` keeps it. A cell that cannot be read makes the row a
/// problem at that cell. Works on the row's UTF-8 bytes: text is made only for what the event keeps.
struct EventNormaliser {
    enum Outcome {
        case event(ActivityEvent, key: Int64)
        case unknownEvent(String)
        case problem(line: Int, column: Int, String)
    }

    /// Where one field's cell lies in the row's bytes, and the column it starts at.
    struct Cell {
        var range: Range<Int>
        var column: Int
    }

    let settings: ReviewSettings
    let path: String
    let keys: EventKeyMaker
    private let scanner = SensitiveDataScanner()
    private var scans = ScanCache()
    private var redactions = ScanCache()
    /// The bytes a row's key is hashed from, reused from row to row.
    private var keyScratch: [UInt8] = []
    private var policies: TextInterner
    private var identifiers: IdentifierRedactor

    init(settings: ReviewSettings, path: String, keys: EventKeyMaker) {
        self.settings = settings
        self.path = path
        self.keys = keys
        let identifiers = IdentifierRedactor(salt: keys.salt)
        self.identifiers = identifiers
        policies = TextInterner(making: { identifiers.kept(String(decoding: $0, as: UTF8.self)) })
    }

    /// `cells` by `ReviewSettings.Field.index`: nil where the export has no such column (or JSON null).
    mutating func event(line: Int, bytes: [UInt8], cells: [Cell?]) -> Outcome {
        bytes.withUnsafeBufferPointer { event(line: line, row: $0, cells: cells) }
    }

    private mutating func event(line: Int, row: UnsafeBufferPointer<UInt8>, cells: [Cell?]) -> Outcome {
        func cell(_ field: ReviewSettings.Field) -> Cell? { cells[field.index] }
        func column(_ field: ReviewSettings.Field) -> Int { cell(field)?.column ?? 1 }
        /// The cell without the white space around it; nil when that leaves nothing.
        func trimmed(_ field: ReviewSettings.Field) -> UnsafeBufferPointer<UInt8>? {
            guard let cell = cell(field) else { return nil }
            let range = Self.trimmingWhitespace(row, cell.range)
            return range.isEmpty ? nil : UnsafeBufferPointer(rebasing: row[range])
        }
        func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        /// A cell's text quoted in a problem: as an identifier, so a secret in a bad cell is not printed.
        func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String { IdentifierRedactor.shown(bytes) }

        guard let timeBytes = trimmed(.time) else { return missing(.time, line: line, column: column(.time)) }
        guard let userBytes = trimmed(.user) else { return missing(.user, line: line, column: column(.user)) }
        guard let eventBytes = trimmed(.event) else { return missing(.event, line: line, column: column(.event)) }
        // sopgen's own event names told from the bytes; a pack that maps names goes through text.
        let kind: ActivityEvent.Kind
        if settings.events.isEmpty, let known = ActivityEvent.Kind.byteNames.value(eventBytes) {
            kind = known
        } else {
            let eventName = text(eventBytes)
            guard let known = settings.kind(eventName) else { return .unknownEvent(identifiers.text(eventBytes)) }
            kind = known
        }
        let time: (time: Int64, offset: Int32)
        switch ExportTime.parse(timeBytes, defaultOffset: settings.utcOffset) {
        case .success(let parsed): time = parsed
        case .failure(.noOffset):
            return .problem(line: line, column: column(.time),
                            "'\(quoted(timeBytes))' has no UTC offset; write 2026-11-02T09:15:00+01:00, or set review.utc_offset in sopgen.yml")
        case .failure:
            return .problem(line: line, column: column(.time), "'\(quoted(timeBytes))' is not an ISO 8601 time such as 2026-11-02T09:15:00+01:00")
        }
        var surface: Surface?
        if let bytes = trimmed(.surface), let known = Surface.byteNames.value(bytes) {
            surface = known
        } else if let bytes = trimmed(.surface) {
            let name = text(bytes)
            guard let known = Surface(rawValue: name) else {
                let names = Surface.allCases.map(\.rawValue)
                return .problem(line: line, column: column(.surface), "unknown surface '\(quoted(bytes))'\(Suggestion.didYouMean(name, in: names))")
            }
            surface = known
        }
        var risk: Policy.Risk?
        if let bytes = trimmed(.risk), let known = Policy.Risk.byteNames.value(bytes) {
            risk = known
        } else if let bytes = trimmed(.risk) {
            let name = text(bytes)
            guard let known = Policy.Risk(rawValue: name) ?? Policy.Risk(rawValue: name.lowercased()) else {
                return .problem(line: line, column: column(.risk), "'\(quoted(bytes))' is not a risk; expected low, medium or high")
            }
            risk = known
        }
        guard Self.isLogin(userBytes, text(userBytes)) else {
            return .problem(line: line, column: column(.user), "the user must be a WordPress login (printable text of up to 200 characters)")
        }
        let user = identifiers.text(userBytes)
        let rawText = cell(.text).map { UnsafeBufferPointer(rebasing: row[$0.range]) } ?? UnsafeBufferPointer(start: nil, count: 0)
        let scanner = self.scanner
        let kinds = rawText.isEmpty ? [] : scans.kinds(of: text(rawText)) { scanner.scan($0).map(\.kind) }
        var note: String?
        if let bytes = trimmed(.note) { note = redactions.kinds(of: text(bytes)) { [scanner.redact($0).text] }[0] }
        let planBytes = trimmed(.plan), policyBytes = trimmed(.policy)
        let event = ActivityEvent(time: time.time, utcOffset: time.offset, user: user, kind: kind, surface: surface,
                                  plan: planBytes.map { identifiers.text($0) }, policy: policyBytes.map { policies.text($0) }, risk: risk, note: note,
                                  sensitiveKinds: kinds, line: line)
        let key = keys.key(.init(time: time.time, user: userBytes, kind: kind, surface: surface, plan: planBytes, policy: policyBytes,
                                 risk: risk, note: note, text: rawText), scratch: &keyScratch)
        return .event(event, key: key)
    }

    private func missing(_ field: ReviewSettings.Field, line: Int, column: Int) -> Outcome {
        .problem(line: line, column: column, "no \(field.rawValue) in this row ('\(settings.column(field))' is empty)")
    }

    /// A WordPress login: no control or format characters, at most 200 characters. Printable
    /// ASCII (every login in practice) is told from the bytes alone.
    static func isLogin(_ bytes: UnsafeBufferPointer<UInt8>, _ user: String) -> Bool {
        if bytes.count <= 200, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return true }
        return user.unicodeScalars.allSatisfy({ !$0.properties.generalCategory.isControl }) && user.count <= 200
    }

    /// `range` of `bytes` without the white space at either end that Foundation's
    /// `.whitespaces` names (tab and the space separators, Unicode category Zs).
    static func trimmingWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start < end {
            let byte = bytes[start]
            if byte == 0x20 || byte == 0x09 {
                start += 1
            } else if byte >= 0x80, let (scalar, length) = scalar(bytes, at: start, end: end), isSpace(scalar) {
                start += length
            } else {
                break
            }
        }
        while end > start {
            let byte = bytes[end - 1]
            if byte == 0x20 || byte == 0x09 {
                end -= 1
                continue
            }
            guard byte >= 0x80 else { break }
            // Back to the lead byte of the last scalar.
            var lead = end - 1
            while lead > start, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            guard let (scalar, length) = scalar(bytes, at: lead, end: end), lead + length == end, isSpace(scalar) else { break }
            end = lead
        }
        return start..<end
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
    }

    /// The scalar whose UTF-8 starts at `index`, and its length in bytes.
    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> (Unicode.Scalar, Int)? {
        var iterator = bytes[index..<end].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
        return (scalar, UTF8.width(scalar))
    }
}

extension Unicode.GeneralCategory {
    var isControl: Bool { self == .control || self == .format || self == .lineSeparator || self == .paragraphSeparator }
}

extension ReviewSettings.Field {
    /// The field's place in `allCases`: where its cell is in a row's cells.
    var index: Int {
        switch self {
        case .time: 0
        case .user: 1
        case .event: 2
        case .surface: 3
        case .plan: 4
        case .policy: 5
        case .risk: 6
        case .note: 7
        case .text: 8
        }
    }
}

/// Results already computed for texts seen in this export: exports repeat drafts, canned prompts
/// and reviewer notes, and the scanner (two dozen regular expressions) is most of the cost of
/// reading a row. The same text always gives the same result; at most `capacity` texts are kept.
struct ScanCache {
    static let capacity = 4096
    private var entries: [String: [String]] = [:]

    mutating func kinds(of text: String, _ compute: (String) -> [String]) -> [String] {
        if let known = entries[text] { return known }
        let result = compute(text)
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[text] = result
        return result
    }
}
