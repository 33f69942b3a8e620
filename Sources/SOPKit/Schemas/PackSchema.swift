/// The JSON Schema of each pack file kind, for editors that complete and check YAML (the YAML
/// language server). Built from the decoders' own key lists and enumerations, and tested both ways
/// against them: every file a schema accepts decodes without a shape error, and every file a
/// decoder rejects for its shape the schema rejects too (`PackSchemaTests`).
public enum PackSchema: String, Sendable, CaseIterable {
    case sopgen, roles, policies, site, sop, checklist, playbook, automation, people

    /// The file in `schemas/`, also the name `sopgen schema` takes.
    /// (`checklist.schema.json` is taken by the JSON a build writes for each checklist.)
    public var fileName: String { self == .checklist ? "checklist-front-matter.schema.json" : "\(rawValue).schema.json" }

    /// Which pack files the schema is for.
    public var summary: String {
        switch self {
        case .sopgen: "sopgen.yml: title, organisation, default site, options, requirements"
        case .roles: "roles.yml: the roles, their capabilities and escalation"
        case .policies: "policies.yml: what each automation may do and who approves it"
        case .site: "sites/<id>.yml: one WordPress site's record"
        case .sop: "the YAML front matter of an SOP in procedures/"
        case .checklist: "the YAML front matter of a checklist in checklists/"
        case .playbook: "playbooks/<id>.yml: one agency playbook"
        case .automation: "automations/<id>.yml: one automation, its owner and kill switch"
        case .people: "people.yml: who is who (WordPress roles to pack roles, named people)"
        }
    }

    /// The decoder's keys for the top-level mapping (SOP: its front matter).
    var keys: [String] {
        switch self {
        case .sopgen: PackDecoder.settingsKeys
        case .roles: ["roles"]
        case .policies: ["policies"]
        case .site: SiteDecoder.keys
        case .sop: SOPDecoder.keys
        case .checklist: ChecklistDecoder.keys
        case .playbook: PlaybookDecoder.keys
        case .automation: AutomationDecoder.keys
        case .people: PeopleDecoder.keys
        }
    }

    public var schema: JSONSchemaValue {
        let body: JSONSchemaValue = switch self {
        case .sopgen: Self.object([
            "title": Self.text(required: true), "organisation": Self.text(), "default_site": Self.text(),
            "options": Self.object(["unsafe_html": Self.bool]),
            "requirements": Self.object(Dictionary(uniqueKeysWithValues: RolloutGates.components.map { ($0.key, Self.text()) })),
            "review": Self.reviewSchema,
        ], required: ["title"], nullable: false)
        case .roles: Self.object(["roles": Self.list(Self.roleSchema, required: true)], required: ["roles"], nullable: false)
        case .policies: Self.object(["policies": Self.list(Self.policySchema, required: true)], required: ["policies"], nullable: false)
        case .site: Self.siteSchema
        case .sop: Self.sopSchema
        case .checklist: Self.checklistSchema
        case .playbook: Self.playbookSchema
        case .automation: Self.automationSchema
        case .people: Self.peopleSchema
        }
        return body.with("$schema", "http://json-schema.org/draft-07/schema#")
            .with("title", .string("sopgen \(rawValue)"))
            .with("description", .string(summary))
    }

    // MARK: - The kinds

    static let reviewSchema: JSONSchemaValue = {
        let threshold: JSONSchemaValue = ["type": ["integer", "null"], "minimum": .number(1), "maximum": .number(10_000)]
        return object([
            "columns": [
                "type": ["object", "null"],
                "propertyNames": ["enum": .array(ReviewSettings.Field.allCases.map { .string($0.rawValue) })],
                "additionalProperties": ["type": scalar, "pattern": "\\S"],
            ],
            "events": [
                "type": ["object", "null"],
                "additionalProperties": ["enum": .array(ActivityEvent.Kind.allCases.map { .string($0.rawValue) })],
            ],
            "utc_offset": ["type": ["string", "null"], "pattern": "^([Zz]|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)$"],
            "missing_context_threshold": threshold, "retry_limit": threshold, "escalation_hours": threshold,
        ])
    }()

    static let peopleSchema = object([
        "wordpress_roles": ["type": ["object", "null"], "additionalProperties": ["type": scalar, "pattern": "\\S"]],
        "people": list(object(["login": text(required: true), "name": text(), "role": text(required: true), "added": text()],
                              required: ["login", "role"], nullable: false)),
    ], nullable: false)

    static let roleSchema = object([
        "id": text(required: true), "name": text(required: true), "description": text(),
        "capabilities": [
            "type": ["object", "null"],
            "propertyNames": ["enum": .array(Surface.allCases.map { .string($0.rawValue) })],
            "additionalProperties": ["enum": .array(Capability.allCases.map { .string($0.rawValue) })],
        ],
        "escalates_to": text(), "refusals": texts, "first_week_focus": texts,
    ], required: ["id", "name"], nullable: false)

    static let policySchema = object([
        "id": text(required: true), "action": text(required: true),
        "surface": enumeration(Surface.self, required: true), "risk": enumeration(Policy.Risk.self, required: true),
        "mode": enumeration(Policy.Mode.self, required: true),
        "proposers": texts, "approvers": texts, "approvals_required": int,
        "reject_when": texts, "escalate_when": texts, "stop_when": texts,
        "kill_switch": text(), "rollback": text(), "self_approval": bool,
    ], required: ["id", "action", "surface", "risk", "mode"], nullable: false)

    static let siteSchema = object([
        "name": text(), "setup_owner": text(), "production_url": text(), "staging_url": text(),
        "sophmate_version": text(), "wordpress_version": text(), "php_version": text(), "woocommerce_version": text(),
        "active_theme": ["anyOf": [text(), object(["name": text(required: true), "slug": text(), "version": text(), "parent": text()],
                                                  required: ["name"])]],
        "sophmate_active": bool, "environment_type": text(), "language": text(), "time_zone": text(),
        "providers": list(object(["name": text(required: true), "model": text(), "credentials_owner": text()],
                                 required: ["name"], nullable: false)),
        "knowledge_base_sources": texts,
        "woocommerce": object(["order_statuses": texts, "coupon_rules": texts]),
        "support_owner": text(), "rollback": object(["backup": text(), "restored_by": text()]), "rollback_path": text(),
        "site_health": ["description": "written by `sopgen site import`"],
    ], nullable: false)

    static let sopSchema = object([
        "id": text(), "title": text(required: true),
        "surface": ["anyOf": [enumeration(Surface.self), ["type": "array", "items": enumeration(Surface.self, required: true)]]],
        "audience": texts, "owner": text(), "review_cadence": text(), "last_reviewed": text(), "summary": text(), "policies": texts,
        "review_on": ["anyOf": [enumeration(ReviewTrigger.Kind.self), ["type": "array", "items": enumeration(ReviewTrigger.Kind.self, required: true)]]],
    ], required: ["title"], nullable: false)

    static let checklistSchema = object(["title": text(), "summary": text(), "sign_off": texts], nullable: false)

    static let automationSchema = object([
        "id": text(), "title": text(required: true), "kind": enumeration(Automation.Kind.self, required: true),
        "trigger": text(), "owner": object(["role": text(), "person": text()]), "input": texts, "output": text(), "approval": text(),
        "retry": text(), "failure_notification": object(["to": texts, "how": text()]), "kill_switch": text(),
        "access": enumeration(Automation.Access.self), "rollback": text(), "playbook": text(),
        "last_run": object(["date": text(required: true), "result": enumeration(PlaybookRun.Result.self, required: true), "by": text(),
                            "reference": text()], required: ["date", "result"]),
        "notes": ["description": "kept as written"],
    ], required: ["title", "kind"], nullable: false)

    static let playbookSchema: JSONSchemaValue = {
        let assumptions = object(Dictionary(uniqueKeysWithValues: PlaybookDecoder.assumptionKeys.map { key in
            (key, ["provider_setup", "approval_policy", "product_language", "support_ownership"].contains(key) ? text() : texts)
        }))
        let change = object(["id": text(required: true), "change": text(), "resolved": bool, "resolved_by": text(), "resolved_on": text()],
                            required: ["id"], nullable: false)
        let localisation = object(["topic": enumeration(LocalisationItem.Topic.self, required: true),
                                   "status": enumeration(LocalisationItem.Status.self, required: true),
                                   "detail": text(), "resolved_by": text(), "resolved_on": text()], required: ["topic", "status"], nullable: false)
        let run = object(["date": text(required: true), "environment": enumeration(Playbook.Mode.self, required: true),
                          "result": enumeration(PlaybookRun.Result.self, required: true), "by": text(required: true),
                          "reference": text(), "notes": text()], required: ["date", "environment", "result", "by"], nullable: false)
        let firstRun = object(["result": enumeration(Playbook.FirstRun.Result.self), "mode": text(), "by": text(), "date": text(),
                               "notes": text()])
        let provenance = object(["source_site": text(), "export_date": text(), "version": text(), "owner": text(),
                                 "required_local_changes": list(change), "localisation": list(localisation), "first_run": firstRun,
                                 "runs": list(run)])
        var properties: [String: JSONSchemaValue] = [:]
        for key in PlaybookDecoder.keys { properties[key] = text() }
        properties["input"] = texts
        properties["mode"] = enumeration(Playbook.Mode.self, required: true)
        properties["assumptions"] = assumptions
        properties["provenance"] = provenance
        properties["title"] = text(required: true)
        properties["review_on"] = ["anyOf": [enumeration(ReviewTrigger.Kind.self),
                                             ["type": "array", "items": enumeration(ReviewTrigger.Kind.self, required: true)]]]
        for key in ["private", "connection", "example", "examples", "notes"] { properties[key] = ["description": "kept as written"] }
        return object(properties, required: ["title", "mode"], nullable: false)
            .with("patternProperties", ["_private$": ["description": "private to this copy: `sopgen playbook export` removes it"]])
    }()
}
