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
            let reviewed = sop.lastReviewed.flatMap { CalendarDate($0.value) }
            let kinds = Set(sop.reviewOn.map(\.value))
            let due = events.filter { event in kinds.contains(event.kind) && (reviewed.map { $0 <= event.date } ?? true) }
            guard let latest = due.max(by: { $0.date < $1.date }) else { continue }
            let detail = latest.detail.isEmpty ? "" : " (\(latest.detail))"
            diagnostics.append(.warning(.reviewTriggered,
                "SOP '\(sop.id)' is due for review: \(latest.kind.rawValue) on \(latest.date)\(detail); review it, then set last_reviewed after \(latest.date)",
                at: sop.lastReviewed?.location ?? sop.frontMatterLocation))
        }
        return diagnostics
    }
}
