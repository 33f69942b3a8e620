/// A reader of the GIFT questions sopgen writes (multiple choice with a title, `=` right and `~`
/// wrong options, per-option feedback `#…` and general feedback `####…`), following Moodle's own
/// rules: `//` lines are comments, questions are separated by blank lines, a backslash escapes
/// `~ = # { } :` and itself, `\n` is a line break, and `[html]` before a text marks its format.
/// Written for the tests, independently of `GIFTExport`, to read its files back.
enum GIFTParser {
    struct Question: Equatable {
        var title: String
        var format: String?
        var text: String
        var options: [String]
        var correct: [Int]
        var feedback: [String]
        var generalFeedback: String?
    }

    enum Failure: Error, Equatable { case malformed(String) }

    static func parse(_ file: String) throws -> [Question] {
        let lines = file.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [[String]] = [[]]
        for line in lines {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !(blocks.last?.isEmpty ?? true) { blocks.append([]) }
            } else {
                blocks[blocks.count - 1].append(line)
            }
        }
        return try blocks.filter { !$0.isEmpty }.map { try question($0.joined(separator: "\n")) }
    }

    /// A piece of GIFT text: each character with whether a backslash escaped it.
    private typealias Piece = [(character: Character, escaped: Bool)]

    private static func pieces(_ text: String) -> Piece {
        var result: Piece = []
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            if character == "\\", let next = iterator.next() {
                result.append((next == "n" ? "\n" : next, true))
            } else {
                result.append((character, false))
            }
        }
        return result
    }

    private static func string(_ piece: Piece.SubSequence) -> String { String(piece.map(\.character)) }

    private static func question(_ block: String) throws -> Question {
        let all = pieces(block)
        var index = all.startIndex
        func isMark(_ mark: String, at position: Int) -> Bool {
            let marks = Array(mark)
            guard position + marks.count <= all.count else { return false }
            return marks.indices.allSatisfy { all[position + $0].character == marks[$0] && !all[position + $0].escaped }
        }
        var title = ""
        if isMark("::", at: index) {
            guard let end = (index + 2..<all.count).first(where: { isMark("::", at: $0) }) else { throw Failure.malformed(block) }
            title = string(all[(index + 2)..<end]).trimmingCharacters(in: .whitespacesAndNewlines)
            index = end + 2
        }
        guard let open = (index..<all.count).first(where: { isMark("{", at: $0) }),
              let close = (open..<all.count).last(where: { isMark("}", at: $0) }) else { throw Failure.malformed(block) }
        let (format, rawText) = formatted(string(all[index..<open]))
        let text = entities(rawText)
        var options: [String] = [], correct: [Int] = [], feedback: [String] = []
        var general: String?
        var position = open + 1
        var current: (right: Bool, start: Int)?
        func finish(at end: Int) {
            guard let answer = current else { return }
            let body = all[answer.start..<end]
            if let hash = body.indices.first(where: { isMark("#", at: $0) }) {
                options.append(entities(string(all[answer.start..<hash]).trimmingCharacters(in: .whitespacesAndNewlines)))
                feedback.append(entities(string(all[(hash + 1)..<end]).trimmingCharacters(in: .whitespacesAndNewlines)))
            } else {
                options.append(entities(string(body).trimmingCharacters(in: .whitespacesAndNewlines)))
                feedback.append("")
            }
            if answer.right { correct.append(options.count - 1) }
            current = nil
        }
        while position < close {
            if isMark("####", at: position) {
                finish(at: position)
                general = entities(string(all[(position + 4)..<close]).trimmingCharacters(in: .whitespacesAndNewlines))
                position = close
            } else if isMark("=", at: position) || isMark("~", at: position) {
                // An unescaped = or ~ starts the next option.
                finish(at: position)
                current = (all[position].character == "=", position + 1)
                position += 1
            } else {
                position += 1
            }
        }
        finish(at: close)
        return Question(title: title, format: format, text: text, options: options, correct: correct, feedback: feedback,
                        generalFeedback: general)
    }

    /// `[html]text` → ("html", "text").
    private static func formatted(_ text: String) -> (String?, String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        for format in ["html", "moodle", "plain", "markdown"] where trimmed.hasPrefix("[\(format)]") {
            return (format, String(trimmed.dropFirst(format.count + 2)).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return (nil, trimmed)
    }

    /// The entities an HTML text of sopgen's GIFT can hold.
    private static func entities(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#91;", with: "[")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
