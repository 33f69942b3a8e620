/// `review-triggered`: an SOP whose `review_on:` names an event that happened on or after its
/// `last_reviewed` is due for review, whatever its cadence, until it is reviewed after the event.
/// Events: `reviews/triggers.yml` (hosting changes from `site import`, provider changes), people
/// added in `people.yml` (`added:`), and every failed run in a playbook's run history.
enum ReviewTriggerChecks {
    static func events(_ pack: Pack) -> [ReviewTrigger] {
        var events = pack.reviewTriggers
        for person in pack.people?.people ?? [] {
            if let added = person.added {
                events.append(ReviewTrigger(kind: .newUsers, date: added.value, detail: "\(person.login.value) added",
                                            location: added.location))
            }
        }
        // Every failed run of a playbook's history (issue 13), the first run included.
        for playbook in pack.playbooks {
            let history = playbook.provenance?.history ?? []
            for (index, run) in history.enumerated() where run.result == .fail {
                guard let day = CalendarDate(run.date) else { continue }
                let which = index == 0 ? "its first run" : "a run"
                events.append(ReviewTrigger(kind: .failedRun, date: day, detail: "playbook \(playbook.id) failed \(which) (\(run.environment.rawValue))",
                                            location: playbook.location))
            }
        }
        return events
    }

    static func check(_ pack: Pack) -> [Diagnostic] {
        let events = events(pack)
        guard !events.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        for sop in pack.sops where !sop.reviewOn.isEmpty {
            diagnostics += due("SOP '\(sop.id)'", reviewOn: sop.reviewOn, lastReviewed: sop.lastReviewed, events: events,
                               at: sop.lastReviewed?.location ?? sop.frontMatterLocation)
        }
        for playbook in pack.playbooks where !playbook.reviewOn.isEmpty {
            diagnostics += due("playbook '\(playbook.id)'", reviewOn: playbook.reviewOn, lastReviewed: playbook.lastReviewed,
                               events: events, at: playbook.lastReviewed?.location ?? playbook.location)
        }
        return diagnostics
    }

    /// The warning for one SOP or playbook: the newest event it answers to that happened on or
    /// after its `last_reviewed` (every such event when it has none).
    private static func due(_ what: String, reviewOn: [Located<ReviewTrigger.Kind>], lastReviewed: Located<String>?,
                            events: [ReviewTrigger], at location: SourceLocation) -> [Diagnostic] {
        let reviewed = lastReviewed.flatMap { CalendarDate($0.value) }
        let kinds = Set(reviewOn.map(\.value))
        let due = events.filter { event in kinds.contains(event.kind) && (reviewed.map { $0 <= event.date } ?? true) }
        guard let latest = due.max(by: { $0.date < $1.date }) else { return [] }
        let detail = latest.detail.isEmpty ? "" : " (\(latest.detail))"
        return [.warning(.reviewTriggered,
            "\(what) is due for review: \(latest.kind.rawValue) on \(latest.date)\(detail); review it, then set last_reviewed after \(latest.date)",
            at: location)]
    }

    /// The `review_on:` names as trigger kinds; an unknown name is an `invalid-value` error.
    static func kinds(_ names: [Located<String>], context: DecodingContext) -> [Located<ReviewTrigger.Kind>] {
        names.compactMap { name in
            guard let kind = ReviewTrigger.Kind(rawValue: name.value) else {
                let names = ReviewTrigger.Kind.allCases.map(\.rawValue)
                context.diagnostics.append(.error(.invalidValue,
                    "'\(name.value)' is not a review trigger; expected one of \(names.joined(separator: ", "))\(Suggestion.didYouMean(name.value, in: names))",
                    at: name.location))
                return nil
            }
            return Located(kind, at: name.location)
        }
    }
}
