/// One run of a playbook's history, as its page lists it.
struct PlaybookRunRow: Sendable {
    var date: String
    var environment: String
    /// "pass" or "fail", also the CSS class.
    var result: String
    var by: String
    /// The audit record or trace, or "—".
    var reference: String
    var notes: String
}
