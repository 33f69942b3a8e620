import Yams

/// Reads `reviews/<date>.yml` back (see `ReviewRecord`). The file name is the date; a record
/// edited by hand is read as far as it makes sense, every problem a located diagnostic.
enum ReviewRecordDecoder {
    static let keys = ["date", "from", "to", "export", "events", "findings", "flagged_sops"]

    static func decode(_ context: DecodingContext) -> ReviewRecord? {
        let path = context.file.path
        let stem = PackDecoder.stem(of: path)
        guard let date = CalendarDate(stem) else {
            context.diagnostics.append(.error(.invalidDate, "a review record is named by its date: reviews/YYYY-MM-DD.yml, not \(path)",
                                              at: SourceLocation(path: path)))
            return nil
        }
        guard let root = context.compose(),
              let fields = YAMLFields(root, "a review record", allowed: keys, context: context) else { return nil }
        func day(_ key: String) -> CalendarDate? {
            guard let text = fields.string(key) else { return nil }
            switch CalendarDate.parse(text.value) {
            case .success(let day): return day
            case .failure(let problem):
                context.diagnostics.append(.error(.invalidDate, problem.message(for: text.value), at: text.location))
                return nil
            }
        }
        if let written = day("date"), written != date {
            context.diagnostics.append(.error(.invalidValue, "date \(written) differs from the file's name (\(date))",
                                              at: fields.keyLocation("date")))
        }
        var record = ReviewRecord(date: date, from: day("from"), to: day("to"), path: path)
        for node in fields.list("findings") {
            guard let entry = YAMLFields(node, "a finding count", allowed: ["code", "role", "count"], context: context),
                  let code = entry.string("code", required: true) else { continue }
            record.findings.append(.init(code: code.value, role: entry.string("role")?.value ?? "", count: entry.int("count", default: 1)))
        }
        for node in fields.list("flagged_sops") {
            guard let entry = YAMLFields(node, "a flagged SOP", allowed: ["id", "codes"], context: context),
                  let id = entry.string("id", required: true) else { continue }
            record.flagged.append(.init(id: id, codes: entry.strings("codes").map(\.value)))
        }
        return record
    }
}
