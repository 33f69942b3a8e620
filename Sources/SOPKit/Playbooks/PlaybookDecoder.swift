import Foundation
import Yams

enum PlaybookDecoder {
    static let keys = ["id", "title", "version", "owner", "trigger", "input", "output", "approval", "retry",
                       "failure_notification", "kill_switch", "mode", "assumptions", "steps", "provenance", "private",
                       "connection", "example", "examples", "notes", "review_on", "last_reviewed"]
    static let assumptionKeys = ["provider_setup", "knowledge_base_sources", "roles", "approval_policy", "product_language",
                                 "coupon_rules", "order_status_conventions", "support_ownership"]

    static let provenanceKeys = ["source_site", "export_date", "version", "owner", "required_local_changes", "localisation", "first_run", "runs"]
    static let localChangeKeys = ["id", "change", "resolved", "resolved_by", "resolved_on"]
    static let localisationKeys = ["topic", "status", "detail", "resolved_by", "resolved_on"]
    static let firstRunKeys = ["result", "mode", "by", "date", "notes"]
    static let runKeys = ["date", "environment", "result", "by", "reference", "notes"]

    static func decode(_ context: DecodingContext) -> Playbook? {
        guard let root = context.compose() else { return nil }
        // Any `*_private` field is allowed: export removes it.
        let privateKeys = root.mapping?.keys.compactMap { $0.scalar?.string }.filter { $0.hasSuffix("_private") } ?? []
        guard let fields = YAMLFields(root, "a playbook", allowed: keys + privateKeys, context: context) else { return nil }
        let stem = PackDecoder.stem(of: context.file.path)
        if let id = fields.string("id"), id.value != stem {
            context.diagnostics.append(.error(.invalidId, "playbook id '\(id.value)' must match its file name '\(stem)'", at: id.location))
        }
        var assumptions = Playbook.Assumptions()
        if let section = fields.fields("assumptions", "assumptions", allowed: assumptionKeys) {
            assumptions.providerSetup = section.string("provider_setup")?.value
            assumptions.knowledgeBaseSources = section.strings("knowledge_base_sources").map(\.value)
            assumptions.roles = section.strings("roles").map(\.value)
            assumptions.approvalPolicy = section.string("approval_policy")?.value
            assumptions.productLanguage = section.string("product_language")?.value
            assumptions.couponRules = section.strings("coupon_rules").map(\.value)
            assumptions.orderStatusConventions = section.strings("order_status_conventions").map(\.value)
            assumptions.supportOwnership = section.string("support_ownership")?.value
        }
        var provenance: Playbook.Provenance?
        if let section = fields.fields("provenance", "provenance", allowed: provenanceKeys) {
            provenance = decodeProvenance(section, context: context)
        }
        let steps = fields.string("steps")
        return Playbook(
            id: stem,
            path: context.file.path,
            title: fields.string("title", required: true)?.value ?? stem,
            version: fields.string("version")?.value,
            owner: fields.string("owner"),
            trigger: fields.string("trigger")?.value,
            input: fields.strings("input").map(\.value),
            output: fields.string("output")?.value,
            approval: fields.string("approval"),
            retry: fields.string("retry")?.value,
            failureNotification: fields.string("failure_notification")?.value,
            killSwitch: fields.string("kill_switch"),
            mode: fields.enumeration("mode", Playbook.Mode.self, required: true),
            assumptions: assumptions,
            steps: steps?.value ?? "",
            stepsLocation: steps?.location,
            stepsOrigins: steps.flatMap { PlaybookStepsLines.origins(of: $0.value, startingAt: $0.location, in: context.file.text) },
            provenance: provenance,
            placeholders: placeholders(in: context.file),
            location: fields.location,
            reviewOn: ReviewTriggerChecks.kinds(fields.strings("review_on"), context: context),
            lastReviewed: lastReviewed(fields.string("last_reviewed"), context: context)
        )
    }

    /// `last_reviewed:` when it is a real day; an `invalid-date` error otherwise.
    static func lastReviewed(_ value: Located<String>?, context: DecodingContext) -> Located<String>? {
        guard let value else { return nil }
        guard case .success = CalendarDate.parse(value.value) else {
            context.diagnostics.append(.error(.invalidDate, CalendarDate.parse(value.value).problemMessage(value.value), at: value.location))
            return nil
        }
        return value
    }

    static func placeholders(in file: SourceFile) -> [Located<String>] {
        var found: [Located<String>] = []
        for (offset, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let start = rest.range(of: LocalPlaceholder.prefix) {
                let column = line[line.startIndex..<start.lowerBound].unicodeScalars.count + 1
                let after = rest[start.upperBound...]
                let end = after.range(of: ">>")
                let name = end.map { String(after[..<$0.lowerBound]) } ?? String(after)
                found.append(Located(name, at: SourceLocation(path: file.path, line: offset + 1, column: column)))
                rest = end.map { after[$0.upperBound...] } ?? ""
            }
        }
        return found
    }

    static func decodeProvenance(_ section: YAMLFields, context: DecodingContext) -> Playbook.Provenance {
        var record = Playbook.Provenance(sourceSite: section.string("source_site")?.value, exportDate: section.string("export_date")?.value,
                                         version: section.string("version")?.value, owner: section.string("owner")?.value)
        record.location = section.location
        for node in section.list("required_local_changes") {
            guard let change = YAMLFields(node, "a required local change", allowed: localChangeKeys, context: context),
                  let id = change.string("id", required: true) else { continue }
            record.requiredLocalChanges.append(.init(id: id.value, change: change.string("change")?.value ?? id.value,
                                                     resolved: change.bool("resolved", default: false),
                                                     resolvedBy: change.string("resolved_by")?.value,
                                                     resolvedOn: change.string("resolved_on")?.value))
        }
        if section.has("localisation") {
            record.localisation = section.list("localisation").compactMap { node in
                guard let item = YAMLFields(node, "a localisation item", allowed: localisationKeys, context: context),
                      let topic = item.enumeration("topic", LocalisationItem.Topic.self, required: true),
                      let status = item.enumeration("status", LocalisationItem.Status.self, required: true) else { return nil }
                return LocalisationItem(topic: topic.value, status: status.value, detail: item.string("detail")?.value ?? "",
                                        resolvedBy: item.string("resolved_by")?.value, resolvedOn: item.string("resolved_on")?.value)
            }
        }
        if let run = section.fields("first_run", "first_run", allowed: firstRunKeys) {
            record.firstRun = Playbook.FirstRun(result: run.enumeration("result", Playbook.FirstRun.Result.self)?.value ?? .pending,
                                                mode: run.string("mode")?.value, by: run.string("by")?.value,
                                                date: run.string("date")?.value, notes: run.string("notes")?.value)
        }
        for node in section.list("runs") {
            guard let run = YAMLFields(node, "a run", allowed: runKeys, context: context),
                  let date = run.string("date", required: true), let environment = run.enumeration("environment", Playbook.Mode.self, required: true),
                  let result = run.enumeration("result", PlaybookRun.Result.self, required: true),
                  let by = run.string("by", required: true) else { continue }
            if CalendarDate(date.value) == nil {
                context.diagnostics.append(.error(.invalidDate, "run date '\(date.value)' is not a date written YYYY-MM-DD", at: date.location))
            }
            record.runs.append(PlaybookRun(date: date.value, environment: environment.value, result: result.value, by: by.value,
                                           reference: run.string("reference")?.value, notes: run.string("notes")?.value))
        }
        return record
    }
}
