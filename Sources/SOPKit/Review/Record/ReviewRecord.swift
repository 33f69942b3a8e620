/// `reviews/<date>.yml`, written by `sopgen review --record`: the window reviewed, the findings by
/// code and role, and the SOPs flagged. `check` reads it back: each flagged SOP is
/// `sop-update-due` until its `last_reviewed` is after the review's date.
public struct ReviewRecord: Sendable, Hashable {
    public struct FlaggedSOP: Sendable, Hashable {
        public var id: Located<String>
        /// The finding codes that flagged it.
        public var codes: [String]
    }

    public struct Count: Sendable, Hashable {
        public var code: String
        public var role: String
        public var count: Int
    }

    /// The day of the review: the file's name.
    public var date: CalendarDate
    public var from: CalendarDate?
    public var to: CalendarDate?
    public var findings: [Count] = []
    public var flagged: [FlaggedSOP] = []
    public var path: String
}
