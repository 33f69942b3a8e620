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

    /// Reads the export at `path` (`-` for standard input).
    public func read(path: String) throws(Failure) -> ActivityLog {
        let source: ExportByteSource
        do {
            source = try ExportByteSource(path: path)
        } catch {
            throw .unreadable(error.description)
        }
        return try read(source)
    }

    /// Reads an export held in memory (tests, the example pack).
    public func read(bytes: [UInt8], path: String) -> ActivityLog {
        var collector = Collector(settings: settings, path: path)
        collector.consume(bytes)
        collector.finish()
        return collector.log
    }

    private func read(_ source: ExportByteSource) throws(Failure) -> ActivityLog {
        var collector = Collector(settings: settings, path: source.shownPath)
        do {
            while let chunk = try source.next() { collector.consume(chunk) }
        } catch {
            throw .unreadable(error.description)
        }
        collector.finish()
        return collector.log
    }

    /// The state of one read: format detection, the CSV reader or the JSON Lines line buffer,
    /// the rows seen, and the log being filled.
    struct Collector {
        let settings: ReviewSettings
        var log: ActivityLog
        private var normaliser: EventNormaliser
        private var format: ExportFormat?
        private var csv = CSVRecordReader()
        private var header: [String: (index: Int, column: Int)]?
        private var lineBuffer: [UInt8] = []
        private var line = 1
        private var seen: Set<ActivityEvent.Identity> = []
        private var extraProblems = 0
        private var headerFailed = false

        init(settings: ReviewSettings, path: String) {
            self.settings = settings
            log = ActivityLog(path: path, format: .csv)
            normaliser = EventNormaliser(settings: settings, path: path)
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
                var records: [CSVRecordReader.Record] = []
                var problems: [CSVRecordReader.Problem] = []
                csv.feed(bytes, record: { records.append($0) }, problem: { problems.append($0) })
                deliver(records, problems)
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
                var records: [CSVRecordReader.Record] = []
                var problems: [CSVRecordReader.Problem] = []
                csv.finish(record: { records.append($0) }, problem: { problems.append($0) })
                deliver(records, problems)
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
            log.events.sort { ($0.time, $0.line) < ($1.time, $1.line) }
        }

        private mutating func deliver(_ records: [CSVRecordReader.Record], _ problems: [CSVRecordReader.Problem]) {
            // Problems and records interleave by line; reported in line order either way.
            for item in problems { problem(line: item.line, column: item.column, item.message, malformed: true) }
            for record in records { csvRecord(record) }
        }

        private mutating func csvRecord(_ record: CSVRecordReader.Record) {
            if skipAll { return }
            guard let header else {
                readHeader(record)
                return
            }
            if record.fields.count != header.count {
                problem(line: record.line, column: 1,
                        "this row has \(record.fields.count) fields; the header has \(header.count)", malformed: true)
                return
            }
            let value: (ReviewSettings.Field) -> (text: String, column: Int)? = { field in
                guard let place = header[settings.column(field)] else { return nil }
                return (record.fields[place.index], record.columns[place.index])
            }
            add(normaliser.event(line: record.line, value: value))
        }

        private mutating func readHeader(_ record: CSVRecordReader.Record) {
            var places: [String: (index: Int, column: Int)] = [:]
            for (index, name) in record.fields.enumerated() {
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                if places[trimmed] != nil {
                    problem(line: record.line, column: record.columns[index], header: true, "the column '\(trimmed)' appears twice in the header")
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
            var wrongType: (String, Int)?
            let value: (ReviewSettings.Field) -> (text: String, column: Int)? = { field in
                let name = settings.column(field)
                guard let member = members.first(where: { $0.key == name }) else { return nil }
                let column = parsed.positions[name]?.column ?? 1
                switch member.value {
                case .string(let text): return (text, column)
                case .number(let text): return (text, column)
                case .null: return nil
                default:
                    wrongType = (name, column)
                    return nil
                }
            }
            let event = normaliser.event(line: line, value: value)
            if let (name, column) = wrongType {
                problem(line: line, column: column, "'\(name)' must be text or a number", malformed: true)
                return
            }
            add(event)
        }

        private mutating func add(_ result: EventNormaliser.Outcome) {
            if skipAll { return }
            switch result {
            case .event(let event, let identity):
                log.rows += 1
                if seen.insert(identity).inserted {
                    log.events.append(event)
                } else {
                    log.duplicates += 1
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
