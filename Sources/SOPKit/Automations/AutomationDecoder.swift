enum AutomationDecoder {
    static let keys = ["id", "title", "kind", "trigger", "owner", "input", "output", "approval", "retry", "failure_notification",
                       "kill_switch", "access", "rollback", "playbook", "last_run", "notes"]
    static let ownerKeys = ["role", "person"]
    static let notificationKeys = ["to", "how"]
    static let lastRunKeys = ["date", "result", "by", "reference"]

    static func decode(_ context: DecodingContext) -> Automation? {
        guard let root = context.compose() else { return nil }
        guard let fields = YAMLFields(root, "an automation", allowed: keys, context: context) else { return nil }
        let stem = PackDecoder.stem(of: context.file.path)
        if let id = fields.string("id"), id.value != stem {
            context.diagnostics.append(.error(.invalidId, "automation id '\(id.value)' must match its file name '\(stem)'", at: id.location))
        }
        let owner = fields.fields("owner", "owner", allowed: ownerKeys)
        let notification = fields.fields("failure_notification", "failure_notification", allowed: notificationKeys)
        var lastRun: Automation.LastRun?
        if let run = fields.fields("last_run", "last_run", allowed: lastRunKeys),
           let date = run.string("date", required: true), let result = run.enumeration("result", PlaybookRun.Result.self, required: true) {
            if CalendarDate(date.value) == nil {
                context.diagnostics.append(.error(.invalidDate, "last run date '\(date.value)' is not a date written YYYY-MM-DD", at: date.location))
            }
            lastRun = .init(date: date.value, result: result.value, by: run.string("by")?.value, reference: run.string("reference")?.value)
        }
        return Automation(
            id: stem, path: context.file.path,
            title: fields.string("title", required: true)?.value ?? stem,
            kind: fields.enumeration("kind", Automation.Kind.self, required: true),
            trigger: fields.string("trigger")?.value,
            ownerRole: owner?.string("role"),
            ownerPerson: owner?.string("person"),
            input: fields.strings("input").map(\.value),
            output: fields.string("output")?.value,
            approval: fields.string("approval"),
            retry: fields.string("retry")?.value,
            notify: notification?.strings("to") ?? [],
            notifyHow: notification?.string("how")?.value,
            hasFailureNotification: fields.has("failure_notification"),
            killSwitch: fields.string("kill_switch"),
            access: fields.enumeration("access", Automation.Access.self),
            rollback: fields.string("rollback")?.value,
            playbook: fields.string("playbook"),
            lastRun: lastRun,
            location: fields.location)
    }
}
