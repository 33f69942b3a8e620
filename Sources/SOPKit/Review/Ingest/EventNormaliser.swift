/// Turns one row of an export (its cells by sopgen's field names) into an `ActivityEvent`: the
/// export's event name mapped, the time read with its offset, the surface and risk checked, the
/// prompt text scanned and dropped, the note redacted. A cell that cannot be read makes the row a
/// problem at that cell.
struct EventNormaliser {
    enum Outcome {
        case event(ActivityEvent, key: Int64)
        case unknownEvent(String)
        case problem(line: Int, column: Int, String)
    }

    let settings: ReviewSettings
    let path: String
    let keys: EventKeyMaker
    private let scanner = SensitiveDataScanner()
    private let scans = ScanCache()

    init(settings: ReviewSettings, path: String, keys: EventKeyMaker) {
        self.settings = settings
        self.path = path
        self.keys = keys
    }

    func event(line: Int, value: (ReviewSettings.Field) -> (text: String, column: Int)?) -> Outcome {
        func text(_ field: ReviewSettings.Field) -> String? {
            guard let cell = value(field) else { return nil }
            let trimmed = cell.text.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        func column(_ field: ReviewSettings.Field) -> Int { value(field)?.column ?? 1 }
        for field in ReviewSettings.Field.allCases where field.isRequired && text(field) == nil {
            return .problem(line: line, column: column(field), "no \(field.rawValue) in this row ('\(settings.column(field))' is empty)")
        }
        let eventName = text(.event)!
        guard let kind = settings.kind(eventName) else { return .unknownEvent(eventName) }
        let timeText = text(.time)!
        let time: (time: Int64, offset: Int32)
        switch ExportTime.parse(timeText, defaultOffset: settings.utcOffset) {
        case .success(let parsed): time = parsed
        case .failure(.noOffset):
            return .problem(line: line, column: column(.time),
                            "'\(timeText)' has no UTC offset; write 2026-11-02T09:15:00+01:00, or set review.utc_offset in sopgen.yml")
        case .failure:
            return .problem(line: line, column: column(.time), "'\(timeText)' is not an ISO 8601 time such as 2026-11-02T09:15:00+01:00")
        }
        var surface: Surface?
        if let name = text(.surface) {
            guard let known = Surface(rawValue: name) else {
                let names = Surface.allCases.map(\.rawValue)
                return .problem(line: line, column: column(.surface), "unknown surface '\(name)'\(Suggestion.didYouMean(name, in: names))")
            }
            surface = known
        }
        var risk: Policy.Risk?
        if let name = text(.risk) {
            guard let known = Policy.Risk(rawValue: name.lowercased()) else {
                return .problem(line: line, column: column(.risk), "'\(name)' is not a risk; expected low, medium or high")
            }
            risk = known
        }
        let user = text(.user)!
        guard user.unicodeScalars.allSatisfy({ !$0.properties.generalCategory.isControl }), user.count <= 200 else {
            return .problem(line: line, column: column(.user), "the user must be a WordPress login (printable text of up to 200 characters)")
        }
        let rawText = value(.text)?.text ?? ""
        let kinds = rawText.isEmpty ? [] : scans.kinds(of: rawText, scanner: scanner)
        let note = text(.note).map { scanner.redact($0).text }
        let event = ActivityEvent(time: time.time, utcOffset: time.offset, user: user, kind: kind, surface: surface,
                                  plan: text(.plan), policy: text(.policy), risk: risk, note: note,
                                  sensitiveKinds: kinds, line: line)
        let key = keys.key(time: time.time, user: user, kind: kind, surface: surface, plan: event.plan, policy: event.policy,
                           risk: risk, note: note, text: rawText)
        return .event(event, key: key)
    }
}

extension Unicode.GeneralCategory {
    var isControl: Bool { self == .control || self == .format || self == .lineSeparator || self == .paragraphSeparator }
}

/// What the scanner found in texts already seen in this export: exports repeat drafts and canned
/// prompts, and the scan (two dozen regular expressions) is most of the cost of reading a row.
/// The same text always gives the same kinds; at most `capacity` texts are kept.
final class ScanCache {
    static let capacity = 4096
    private var entries: [String: [String]] = [:]

    func kinds(of text: String, scanner: SensitiveDataScanner) -> [String] {
        if let known = entries[text] { return known }
        let kinds = scanner.scan(text).map(\.kind)
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[text] = kinds
        return kinds
    }
}
