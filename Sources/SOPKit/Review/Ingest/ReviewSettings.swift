/// The `review:` section of `sopgen.yml`: how to read this site's activity export (its column
/// names and event names, mapped to sopgen's) and the thresholds of the findings.
///
/// ```yaml
/// review:
///   columns: {time: Date, user: Login, event: Action}   # sopgen's name: the export's header
///   events: {plan_created: proposed, ai_prompt: prompt}  # the export's event name: sopgen's
///   utc_offset: "+01:00"            # for times written without an offset
///   missing_context_threshold: 3    # rejections of one user's plans in the window
///   retry_limit: 2                  # retries of a failed plan before it counts as escalated late
///   escalation_hours: 4             # hours a failed plan may wait for escalated or paused
/// ```
public struct ReviewSettings: Sendable, Hashable {
    /// The normalised event's fields, in the order of the export's documented columns.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case time, user, event, surface, plan, policy, risk, note, text

        var isRequired: Bool { [.time, .user, .event].contains(self) }
    }

    /// The export's header for each field, where it is not the field's own name.
    public var columns: [Field: String] = [:]
    /// sopgen's event for each of the export's own event names.
    public var events: [String: ActivityEvent.Kind] = [:]
    public var utcOffset: Int32?
    public var missingContextThreshold = 3
    public var retryLimit = 2
    public var escalationHours = 4

    public init() {}

    static let keys = ["columns", "events", "utc_offset", "missing_context_threshold", "retry_limit", "escalation_hours"]

    /// The header that holds `field` in an export.
    func column(_ field: Field) -> String { columns[field] ?? field.rawValue }

    /// The event an export's name stands for: a mapped name first, then sopgen's own names.
    func kind(_ name: String) -> ActivityEvent.Kind? {
        // Most packs map nothing: no hashing of the name then.
        events.isEmpty ? ActivityEvent.Kind(rawValue: name) : events[name] ?? ActivityEvent.Kind(rawValue: name)
    }

    static func decode(_ fields: YAMLFields) -> ReviewSettings {
        var settings = ReviewSettings()
        let context = fields.context
        for (key, value) in fields.entries("columns") {
            let name = key.scalar?.string ?? ""
            guard let field = Field(rawValue: name) else {
                let names = Field.allCases.map(\.rawValue)
                context.error(.unknownKey, "unknown column '\(name)' in review.columns; sopgen's columns are \(names.joined(separator: ", "))\(Suggestion.didYouMean(name, in: names))", at: key)
                continue
            }
            guard let header = value.scalar?.string.trimmingCharacters(in: .whitespaces), !YAMLFields.isNull(value), !header.isEmpty else {
                context.error(.wrongType, "review.columns.\(name) must be the export's header for it", at: value)
                continue
            }
            settings.columns[field] = header
        }
        for (key, value) in fields.entries("events") {
            let name = key.scalar?.string ?? ""
            let target = value.scalar?.string ?? ""
            guard let kind = ActivityEvent.Kind(rawValue: target) else {
                let names = ActivityEvent.Kind.allCases.map(\.rawValue)
                context.error(.invalidValue, "'\(target)' is not one of sopgen's events (\(names.joined(separator: ", ")))\(Suggestion.didYouMean(target, in: names))", at: value)
                continue
            }
            settings.events[name] = kind
        }
        if let offset = fields.string("utc_offset") {
            if let seconds = ExportTime.offset(offset.value) {
                settings.utcOffset = seconds
            } else {
                context.diagnostics.append(.error(.invalidValue, "'\(offset.value)' is not a UTC offset; write +01:00, -05:30 or Z", at: offset.location))
            }
        }
        func positive(_ key: String, _ defaultValue: Int) -> Int {
            let value = fields.int(key, default: defaultValue)
            guard value >= 1, value <= 10_000 else {
                context.diagnostics.append(.error(.invalidValue, "'\(key)' must be a whole number from 1 to 10000", at: fields.keyLocation(key)))
                return defaultValue
            }
            return value
        }
        settings.missingContextThreshold = positive("missing_context_threshold", 3)
        settings.retryLimit = positive("retry_limit", 2)
        settings.escalationHours = positive("escalation_hours", 4)
        return settings
    }
}
