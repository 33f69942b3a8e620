import Foundation

/// Amounts, limits and discount rules written in prose ("internal refund limit is 150 GBP",
/// "VIP customers get 20 % off"): a client's private policy that no key marks as private. Export
/// finds each clause that holds one and makes an explicit decision for it: the clause becomes a
/// `<<local: …>>` placeholder and a required local change, unless `--keep TEXT` names it, and
/// either way the export report lists it.
struct PrivatePolicyProse: Sendable {
    enum Kind: String, Sendable {
        case amount, limit
        case discount = "discount rule"
    }

    struct Finding: Sendable, Hashable {
        var kind: Kind
        /// The clause, without list markers and surrounding spaces.
        var range: Range<String.Index>
        var text: String
    }

    /// What `--keep` named: a clause that contains one of them (ignoring case) is exported as written.
    let keep: [String]

    static let changeID = "private-policy"
    static let change = "Set this site's amounts, limits and discount rules where the playbook has a placeholder"

    private static func regex(_ pattern: String) -> NSRegularExpression {
        // Literals checked by the tests.
        try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    private static let money = regex(#"[£$€¥]\s?\d|\b\d[\d,.]*\s?(?:gbp|usd|eur|aud|cad|nzd|chf|sek|nok|dkk|pounds?|dollars?|euros?|quid)\b|\b(?:gbp|usd|eur|aud|cad|nzd|chf)\s?\d"#)
    private static let percentage = regex(#"\d\s?(?:%|percent\b|per cent\b)"#)
    private static let digit = regex(#"\d"#)
    /// A limit word with a number at most three words after it: "limit is 150", "over £75", "more than 3 orders".
    private static let limit = regex(#"\b(?:limits?|limited|maximum|max|minimum|min|threshold|caps?|capped|up to|at most|at least|no more than|more than|less than|over|above|under|below|exceed(?:s|ing)?)\b[^\w£$€¥]+(?:\w+[^\w£$€¥]+){0,3}?[£$€¥]?\d"#)
    private static let discountWord = regex(#"\b(?:discounts?|discounted|off|vip|loyalty|free (?:shipping|delivery|gift)|price match(?:ing)?|cashback|store credit)\b"#)

    func findings(in text: String) -> [Finding] {
        var found: [Finding] = []
        for range in Self.clauses(in: text) {
            let clause = String(text[range])
            let whole = NSRange(clause.startIndex..., in: clause)
            func has(_ pattern: NSRegularExpression) -> Bool { pattern.firstMatch(in: clause, range: whole) != nil }
            let amount = has(Self.money) || has(Self.percentage)
            let number = has(Self.digit)
            let kind: Kind?
            if has(Self.discountWord), number || clause.lowercased().contains("free") {
                kind = .discount
            } else if has(Self.limit) {
                kind = .limit
            } else {
                kind = amount ? .amount : nil
            }
            if let kind { found.append(Finding(kind: kind, range: range, text: clause)) }
        }
        return found
    }

    func isKept(_ finding: Finding) -> Bool {
        keep.contains { !$0.isEmpty && finding.text.localizedCaseInsensitiveContains($0) }
    }

    static func placeholder(_ kind: Kind) -> String { LocalPlaceholder.make(kind.rawValue) }

    /// Clauses end at `;`, `!`, `?`, a line break, or a full stop before a space or the end (so
    /// `4.1` and `gpt-4.1-mini` stay whole); list markers and spaces around a clause are not part of it.
    static func clauses(in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var start = text.startIndex
        var index = text.startIndex
        func close(at end: String.Index) {
            var lower = start, upper = end
            while lower < upper, text[lower].isWhitespace || "-*•>".contains(text[lower]) { lower = text.index(after: lower) }
            // "12. " as a list marker.
            var digits = lower
            while digits < upper, text[digits].isNumber { digits = text.index(after: digits) }
            if digits > lower, digits < upper, text[digits] == ".", text.index(after: digits) < upper, text[text.index(after: digits)].isWhitespace {
                lower = text.index(after: digits)
                while lower < upper, text[lower].isWhitespace { lower = text.index(after: lower) }
            }
            while upper > lower, text[text.index(before: upper)].isWhitespace { upper = text.index(before: upper) }
            if lower < upper { ranges.append(lower..<upper) }
        }
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            let ends = ";!?".contains(character) || character.isNewline
                || (character == "." && (next == text.endIndex || text[next].isWhitespace) && !isListMarker(text, start, index))
            if ends {
                close(at: index)
                start = next
            }
            index = next
        }
        close(at: text.endIndex)
        return ranges
    }

    /// Whether `text[start..<dot]` is only spaces and digits: the `2` of `2. Check the policy`.
    private static func isListMarker(_ text: String, _ start: String.Index, _ dot: String.Index) -> Bool {
        let before = text[start..<dot].trimmingCharacters(in: .whitespaces)
        return !before.isEmpty && before.allSatisfy(\.isNumber)
    }
}
