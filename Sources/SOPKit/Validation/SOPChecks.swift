/// SOPs that nobody owns, nobody reviews, nobody reads, or whose review is overdue.
enum SOPChecks {
    static func check(_ pack: Pack, today: CalendarDate) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for sop in pack.sops {
            if sop.audience.isEmpty {
                diagnostics.append(.error(.noAudience, "SOP '\(sop.id)' is addressed to no role; list them in audience:", at: sop.location(ofMissing: "audience")))
            }
            // A role listed twice reads the SOP once, but its name would print twice on the page.
            var listed: [String: SourceLocation] = [:]
            for role in sop.audience {
                if let first = listed[role.value] {
                    diagnostics.append(.warning(.duplicateId, "role '\(role.value)' is already in this SOP's audience (at \(first)); list each role once", at: role.location))
                } else {
                    listed[role.value] = role.location
                }
            }
            if sop.owner == nil {
                diagnostics.append(.error(.missingOwner, "SOP '\(sop.id)' has no owner; name the role that keeps it current", at: sop.location(ofMissing: "owner")))
            }
            var period: Int?
            if let cadence = sop.reviewCadence {
                period = ReviewCadence.days(in: cadence.value)
                if let days = period, days > ReviewCadence.maximumDays {
                    diagnostics.append(.error(.invalidValue,
                        "review_cadence '\(cadence.value)' is longer than a century; write how often the SOP is reviewed, like 'every 2 years'",
                        at: cadence.location))
                    period = nil
                } else if period == 0 || (period == nil && !ReviewCadence.namesEvents(cadence.value)) {
                    // Neither a period nor an event: the review could never fall due, and `review-overdue`
                    // would stay silent. A cadence of events alone ("after hosting changes") is kept:
                    // `review_on:` makes those due.
                    diagnostics.append(.error(.invalidValue,
                        "review_cadence '\(cadence.value)' names no period sopgen can count, so its review would never fall due; "
                        + "write one like 'weekly', 'monthly', 'quarterly', 'yearly' or 'every 6 weeks', or the events that call for it ('after hosting changes')",
                        at: cadence.location))
                    period = nil
                }
            } else {
                diagnostics.append(.warning(.missingReviewCadence, "SOP '\(sop.id)' has no review_cadence", at: sop.location(ofMissing: "review_cadence")))
            }
            guard let reviewed = sop.lastReviewed else {
                diagnostics.append(.warning(.missingLastReviewed, "SOP '\(sop.id)' has no last_reviewed date", at: sop.location(ofMissing: "last_reviewed")))
                continue
            }
            let date: CalendarDate
            switch CalendarDate.parse(reviewed.value) {
            case .success(let parsed):
                date = parsed
            case .failure(let problem):
                diagnostics.append(.error(.invalidDate, problem.message(for: reviewed.value), at: reviewed.location))
                continue
            }
            if let cadence = sop.reviewCadence, period != nil, let due = reviewDue(of: sop) {
                if due < today {
                    diagnostics.append(.warning(.reviewOverdue,
                        "review of '\(sop.id)' was due \(due) (\(cadence.value), last reviewed \(date)); review it and update last_reviewed",
                        at: reviewed.location))
                }
            }
        }
        return diagnostics
    }

    /// The day the SOP's next review falls due: its last review plus its cadence. Nil when either is
    /// missing or unreadable (the checks above report why). The one rule `review-overdue` and the
    /// pages' "review overdue" notes use.
    static func reviewDue(of sop: SOP) -> CalendarDate? {
        guard let cadence = sop.reviewCadence, let days = ReviewCadence.days(in: cadence.value), days > 0, days <= ReviewCadence.maximumDays,
              let reviewed = sop.lastReviewed, case .success(let date) = CalendarDate.parse(reviewed.value) else { return nil }
        return date.adding(days: days)
    }
}
