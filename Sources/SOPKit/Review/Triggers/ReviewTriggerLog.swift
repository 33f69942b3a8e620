import Foundation
import Yams

/// `reviews/triggers.yml`: events `site import` records (a hosting change, with the old and new
/// values) and events a person records by hand (a provider change):
///
/// ```yaml
/// - kind: hosting-change
///   date: "2026-11-21"
///   site: harbour-store
///   changes: ["php_version 8.1.2 → 8.2.28"]
/// - {kind: provider-change, date: "2026-11-25", changes: [Anthropic replaced by OpenAI]}
/// ```
enum ReviewTriggerLog {
    static let fileName = "triggers.yml"
    static let path = "reviews/triggers.yml"
    static let keys = ["kind", "date", "site", "changes"]

    static func decode(_ context: DecodingContext) -> [ReviewTrigger] {
        guard let root = context.compose() else { return [] }
        guard case .sequence(let entries) = root else {
            context.error(.wrongType, "reviews/triggers.yml must be a list of events (kind, date, changes)", at: root)
            return []
        }
        return entries.compactMap { node in
            guard let fields = YAMLFields(node, "a review trigger", allowed: keys, context: context),
                  let kind = fields.enumeration("kind", ReviewTrigger.Kind.self, required: true),
                  let dateText = fields.string("date", required: true) else { return nil }
            guard case .success(let date) = CalendarDate.parse(dateText.value) else {
                context.diagnostics.append(.error(.invalidDate, CalendarDate.parse(dateText.value).problemMessage(dateText.value),
                                                  at: dateText.location))
                return nil
            }
            let site = fields.string("site")?.value
            let changes = fields.strings("changes").map(\.value)
            let detail = ([site].compactMap { $0 } + changes).joined(separator: "; ")
            return ReviewTrigger(kind: kind.value, date: date, detail: detail, location: context.location(node))
        }
    }

    /// The log with one more entry: the old text (nil when there is none) with the entry appended.
    static func appending(kind: ReviewTrigger.Kind, date: CalendarDate, site: String, changes: [String], to old: String?) -> String {
        let entry = Node([
            (YAMLValue.text("kind"), YAMLValue.text(kind.rawValue)),
            (YAMLValue.text("date"), YAMLValue.text(date.description)),
            (YAMLValue.text("site"), YAMLValue.text(site)),
            (YAMLValue.text("changes"), Node(changes.map(YAMLValue.text), Tag(.seq))),
        ])
        let text = (try? Yams.serialize(node: Node([entry], Tag(.seq)), width: -1, allowUnicode: true)) ?? ""
        var base = old ?? "# Events that make SOPs with review_on: due for review (sopgen site import adds hosting changes).\n"
        if !base.isEmpty, !base.hasSuffix("\n") { base += "\n" }
        return base + text
    }
}

extension Result where Success == CalendarDate, Failure == CalendarDate.Problem {
    func problemMessage(_ text: String) -> String {
        if case .failure(let problem) = self { return problem.message(for: text) }
        return ""
    }
}
