/// The review loop made mechanical: an SOP flagged by a recorded review is `sop-update-due` until
/// its `last_reviewed` is after the review's date.
enum ReviewRecordChecks {
    static func check(_ pack: Pack) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (sop, review) in flags(pack) {
            let codes = review.flagged.first { $0.id.value == sop.id }?.codes ?? []
            let why = codes.isEmpty ? "" : " (\(codes.joined(separator: ", ")))"
            diagnostics.append(.warning(.sopUpdateDue,
                "SOP '\(sop.id)' was flagged by the review of \(review.date)\(why); update it, then set last_reviewed after \(review.date)",
                at: sop.lastReviewed?.location ?? sop.frontMatterLocation))
        }
        return diagnostics
    }

    /// Each SOP still due, with the latest review that flagged it.
    static func flags(_ pack: Pack) -> [(sop: SOP, review: ReviewRecord)] {
        guard !pack.reviews.isEmpty else { return [] }
        return pack.sops.compactMap { sop in latestOpenReview(of: sop, in: pack).map { (sop, $0) } }
    }

    /// The latest recorded review that flagged `sop` and is not yet answered by its `last_reviewed`.
    static func latestOpenReview(of sop: SOP, in pack: Pack) -> ReviewRecord? {
        guard !pack.reviews.isEmpty else { return nil }
        let reviewed = sop.lastReviewed.flatMap { CalendarDate($0.value) }
        return pack.reviews.filter { review in
            review.flagged.contains { $0.id.value == sop.id } && (reviewed.map { $0 <= review.date } ?? true)
        }.max { $0.date < $1.date }
    }
}
