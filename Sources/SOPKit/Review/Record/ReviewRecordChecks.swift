/// The review loop made mechanical: an SOP flagged by a recorded review is `sop-update-due` until
/// its `last_reviewed` is after the review's date.
enum ReviewRecordChecks {
    static func check(_ pack: Pack) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (sop, review) in flags(pack) {
            let codes = review.flagged.first { $0.id.value == sop.id }?.codes ?? []
            let why = codes.isEmpty ? "" : " (\(codes.joined(separator: ", ")))"
            diagnostics.append(.warning("sop-update-due",
                "SOP '\(sop.id)' was flagged by the review of \(review.date)\(why); update it, then set last_reviewed after \(review.date)",
                at: sop.lastReviewed?.location ?? sop.frontMatterLocation))
        }
        return diagnostics
    }

    /// Each SOP still due, with the latest review that flagged it.
    static func flags(_ pack: Pack) -> [(sop: SOP, review: ReviewRecord)] {
        var result: [(SOP, ReviewRecord)] = []
        for sop in pack.sops {
            let reviewed = sop.lastReviewed.flatMap { CalendarDate($0.value) }
            let due = pack.reviews.filter { review in
                review.flagged.contains { $0.id.value == sop.id } && (reviewed.map { $0 <= review.date } ?? true)
            }
            if let latest = due.max(by: { $0.date < $1.date }) { result.append((sop, latest)) }
        }
        return result
    }

    /// The date of the latest review that flagged `sop` and is still open, for the page banners.
    static func flaggedDate(of sop: SOP, in pack: Pack) -> CalendarDate? {
        flags(pack).first { $0.sop.id == sop.id }?.review.date
    }
}
