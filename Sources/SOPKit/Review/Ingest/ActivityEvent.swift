/// One event of an activity export, normalised: the export's own column and event names already
/// mapped (`ReviewSettings`), the time an instant with the offset it was written in, the prompt or
/// draft text already scanned and dropped. No field holds a secret or personal data: `sensitiveKinds`
/// names what the text held, never the value, and reviewer notes are kept redacted.
public struct ActivityEvent: Sendable, Hashable {
    /// What happened: SophMate's audit events, then the operator actions the review reads.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
        case proposed, approved, rejected, executed, failed, retried, exported, purged
        case prompt
        case draftSent = "draft_sent"
        case draftEdited = "draft_edited"
        case draftDiscarded = "draft_discarded"
        case escalated, paused

        /// The capability a user needs on the surface to cause this event.
        public var requiredCapability: Capability {
            switch self {
            case .prompt, .exported: .read
            case .proposed, .draftSent, .draftEdited, .draftDiscarded, .retried, .escalated: .draft
            case .approved, .rejected: .approve
            case .executed, .failed, .purged, .paused: .execute
            }
        }

        /// Events that carry text an operator wrote (a prompt or a support draft).
        public var carriesText: Bool {
            switch self {
            case .prompt, .draftSent, .draftEdited, .draftDiscarded: true
            default: false
            }
        }

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    public var time: Int64
    /// The offset from UTC the time was written with, in seconds.
    public var utcOffset: Int32
    public var user: String
    public var kind: Kind
    public var surface: Surface?
    public var plan: String?
    public var policy: String?
    public var risk: Policy.Risk?
    /// The reviewer note or decision reason, with anything the scanner finds replaced.
    public var note: String?
    /// What the scanner found in the prompt or draft text (the kind, never the value), in order.
    public var sensitiveKinds: [String] = []
    /// The line of the export the event was read from.
    public var line: Int
    /// The ingest of the review store that first held the event (0 when read without a store).
    public var source: Int64 = 0
}
