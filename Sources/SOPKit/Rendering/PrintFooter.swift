/// The running footer of every printed page (handbooks, checklists): what it is, which inputs it
/// was built from, and the day it was built for, so two printouts can be told apart on paper.
/// "Page N of M" follows it in the stylesheet.
enum PrintFooter {
    static func text(_ parts: [String], inputHash: String, today: CalendarDate?) -> String {
        (parts + ["inputs \(inputHash)"] + (today.map { ["as of \($0)"] } ?? [])).joined(separator: " · ")
    }
}
