/// The ingest stage of `sopgen review`: streams an export (CSV or JSON Lines, gzipped or not, a
/// file or standard input) into normalised events. Rows are read one at a time from chunks, so
/// the raw export is never in memory; each event keeps only what the findings need (prompt text
/// is scanned and dropped). A malformed row is a located diagnostic and reading goes on.
public struct ActivityExportReader: Sendable {
    public var settings: ReviewSettings
    /// Diagnostics listed per export; the rest are counted in one last `too-many-problems`.
    static let maximumDiagnostics = 200

    public init(settings: ReviewSettings) {
        self.settings = settings
    }

    public enum Failure: Error, CustomStringConvertible {
        case unreadable(String)

        public var description: String {
            switch self {
            case .unreadable(let reason): reason
            }
        }
    }

    /// Reads the export at `path` (`-` for standard input) into memory, its events sorted.
    public func read(path: String) throws(Failure) -> ActivityLog {
        var sink = MemoryEventSink()
        var log = try stream(path: path, into: &sink, keys: EventKeyMaker(salt: []))
        log.events = sink.sortedEvents()
        return log
    }

    /// Reads an export held in memory (tests, the example pack).
    public func read(bytes: [UInt8], path: String) -> ActivityLog {
        var sink = MemoryEventSink()
        var collector = Collector(settings: settings, path: path, keys: EventKeyMaker(salt: []), sink: sink)
        collector.consume(bytes)
        collector.finish()
        sink = collector.sink
        var log = collector.log
        log.events = sink.sortedEvents()
        return log
    }

    /// Streams the export at `path` into `sink` one row at a time: the log that comes back has the
    /// counts and diagnostics, never the events (the sink has them).
    func stream<Sink: ActivityEventSink>(path: String, into sink: inout Sink, keys: EventKeyMaker) throws(Failure) -> ActivityLog {
        let source: ExportByteSource
        do {
            source = try ExportByteSource(path: path)
        } catch {
            throw .unreadable(error.description)
        }
        var collector = Collector(settings: settings, path: source.shownPath, keys: keys, sink: sink)
        do {
            while let chunk = try source.next() {
                collector.consume(chunk)
                if let failure = collector.sink.failure { throw failure }
            }
            collector.finish()
            if let failure = collector.sink.failure { throw failure }
        } catch {
            throw .unreadable("\(error)")
        }
        sink = collector.sink
        return collector.log
    }

    /// The state of one read: format detection, the CSV reader or the JSON Lines line buffer,
    /// the rows seen, and the log being filled.
    struct Collector<Sink: ActivityEventSink> {
        let settings: ReviewSettings
        var log: ActivityLog
        var sink: Sink
        private var normaliser: EventNormaliser
        private var format: ExportFormat?
        private var csv = CSVRecordReader()
        private var header: [String: (index: Int, column: Int)]?
        /// For each of sopgen's fields (`ReviewSettings.Field.index`), the record field that holds it.
        private var fieldIndices: [Int?] = []
        /// The current row's cells, reused from row to row.
        private var cells: [EventNormaliser.Cell?] = Array(repeating: nil, count: ReviewSettings.Field.allCases.count)
        private var lineBuffer: [UInt8] = []
        private var line = 1
        private var extraProblems = 0
        private var headerFailed = false

        init(settings: ReviewSettings, path: String, keys: EventKeyMaker, sink: Sink) {
            self.settings = settings
            self.sink = sink
            log = ActivityLog(path: path, format: .csv)
            normaliser = EventNormaliser(settings: settings, path: path, keys: keys)
        }

        mutating func consume(_ bytes: [UInt8]) {
            if format == nil {
                guard let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }) else {
                    lineBuffer += bytes
                    return
                }
                format = first == 0x7B ? .jsonLines : .csv
                log.format = format!
                let buffered = lineBuffer
                lineBuffer = []
                if !buffered.isEmpty { consume(buffered) }
            }
            switch format! {
            case .csv:
                // The reader is moved out while it reads, so each record goes to `csvRecord` as it
                // ends, its buffers borrowed rather than copied.
                var reader = csv
                csv = CSVRecordReader()
                reader.feed(bytes, record: { csvRecord($0) }, problem: { csvProblem($0) })
                csv = reader
            case .jsonLines:
                var start = 0
                for index in bytes.indices where bytes[index] == 0x0A {
                    lineBuffer += bytes[start..<index]
                    jsonLine()
                    start = index + 1
                }
                lineBuffer += bytes[start...]
                if lineBuffer.count > CSVRecordReader.maximumField {
                    problem(line: line, column: 1, "a line longer than 1 MiB")
                    lineBuffer = []
                }
            }
        }

        mutating func finish() {
            switch format {
            case .csv:
                var reader = csv
                csv = CSVRecordReader()
                reader.finish(record: { csvRecord($0) }, problem: { csvProblem($0) })
                csv = reader
                if header == nil, !headerFailed {
                    problem(line: 1, column: 1, header: true, "the export has no header row; the first row names the columns (time, user, event, …)")
                }
            case .jsonLines:
                if !lineBuffer.isEmpty { jsonLine() }
            case nil:
                break
            }
            if extraProblems > 0 {
                log.diagnostics.append(.error(.tooManyProblems, "\(extraProblems) more problems in \(log.path) are not listed",
                                              at: SourceLocation(path: log.path, line: line)))
            }
        }

        private mutating func csvProblem(_ item: CSVRecordReader.Problem) {
            problem(line: item.line, column: item.column, item.message, malformed: true)
        }

        private mutating func csvRecord(_ record: CSVRecordReader.Record) {
            if skipAll { return }
            guard let header else {
                readHeader(record)
                return
            }
            if record.count != header.count {
                problem(line: record.line, column: 1,
                        "this row has \(record.count) fields; the header has \(header.count)", malformed: true)
                return
            }
            for (field, index) in fieldIndices.enumerated() {
                cells[field] = index.map { EventNormaliser.Cell(range: record.range($0), column: record.columns[$0]) }
            }
            add(normaliser.event(line: record.line, bytes: record.bytes, cells: cells))
        }

        private mutating func readHeader(_ record: CSVRecordReader.Record) {
            var places: [String: (index: Int, column: Int)] = [:]
            for (index, name) in record.fields.enumerated() {
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                if places[trimmed] != nil {
                    problem(line: record.line, column: record.columns[index], header: true, "the column '\(IdentifierRedactor.shown(trimmed))' appears twice in the header")
                    headerFailed = true
                }
                places[trimmed] = (index, record.columns[index])
            }
            for field in ReviewSettings.Field.allCases where field.isRequired && places[settings.column(field)] == nil {
                let wanted = settings.column(field)
                problem(line: record.line, column: 1, header: true,
                        "the header has no '\(wanted)' column\(Suggestion.didYouMean(wanted, in: Array(places.keys).sorted())); map the export's own name in sopgen.yml: review: columns: {\(field.rawValue): …}")
                headerFailed = true
            }
            if headerFailed {
                // Without its columns no row can be read: stop here, one error rather than one a row.
                header = [:]
                skipAll = true
                return
            }
            header = places
            fieldIndices = ReviewSettings.Field.allCases.map { places[settings.column($0)]?.index }
        }

        private var skipAll = false

        private mutating func jsonLine() {
            defer {
                lineBuffer.removeAll(keepingCapacity: true)
                line += 1
            }
            var bytes = lineBuffer
            if bytes.last == 0x0D { bytes.removeLast() }
            guard bytes.contains(where: { ![0x20, 0x09].contains($0) }) else { return }
            let parsed: (value: JSONValue, positions: [String: StrictJSONParser.Position])
            do {
                parsed = try StrictJSONParser.parse(bytes)
            } catch {
                problem(line: line, column: error.column, "not a JSON object: \(error.message)", malformed: true)
                return
            }
            guard let members = parsed.value.members else {
                problem(line: line, column: 1, "each line must be a JSON object of one event", malformed: true)
                return
            }
            // The members' texts back to back, as the CSV reader holds a row.
            var text: [UInt8] = []
            var cells: [EventNormaliser.Cell?] = Array(repeating: nil, count: ReviewSettings.Field.allCases.count)
            var wrongType: (String, Int)?
            for field in ReviewSettings.Field.allCases {
                let name = settings.column(field)
                guard let member = members.first(where: { $0.key == name }) else { continue }
                let column = parsed.positions[name]?.column ?? 1
                let value: String
                switch member.value {
                case .string(let string): value = string
                case .number(let number): value = number
                case .null: continue
                default:
                    if wrongType == nil { wrongType = (name, column) }
                    continue
                }
                let start = text.count
                text += value.utf8
                cells[field.index] = EventNormaliser.Cell(range: start..<text.count, column: column)
            }
            let event = normaliser.event(line: line, bytes: text, cells: cells)
            if let (name, column) = wrongType {
                problem(line: line, column: column, "'\(IdentifierRedactor.shown(name))' must be text or a number", malformed: true)
                return
            }
            add(event)
        }

        private mutating func add(_ result: EventNormaliser.Outcome) {
            if skipAll { return }
            switch result {
            case .event(let event, let key):
                log.rows += 1
                if log.first.map({ (event.time, event.line) < ($0.time, $0.line) }) ?? true {
                    log.first = ActivityLog.FirstEvent(time: event.time, utcOffset: event.utcOffset, line: event.line)
                }
                log.lastTime = max(log.lastTime ?? event.time, event.time)
                switch sink.keep(event, key: key) {
                case .added: log.added += 1
                case .duplicate: log.duplicates += 1
                case .alreadyStored: log.alreadyStored += 1
                }
            case .unknownEvent(let name):
                log.rows += 1
                log.unknownEvents[name, default: 0] += 1
            case .problem(let line, let column, let message):
                problem(line: line, column: column, message, malformed: true)
            }
        }

        /// A problem with the header (`missing-column`: nothing can be read) or with one row
        /// (`malformed-row`: the row is skipped).
        private mutating func problem(line: Int, column: Int, header: Bool = false, _ message: String, malformed: Bool = false) {
            if malformed { log.malformedRows += 1 }
            guard log.diagnostics.count < ActivityExportReader.maximumDiagnostics else {
                extraProblems += 1
                return
            }
            let location = SourceLocation(path: log.path, line: line, column: column)
            log.diagnostics.append(header ? .error(.missingColumn, message, at: location) : .error(.malformedRow, message, at: location))
        }
    }
}
