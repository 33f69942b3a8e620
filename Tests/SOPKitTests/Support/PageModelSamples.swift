@testable import GFM
@testable import SOPKit

/// One value of every page model with every optional set and every list holding one element, so a
/// walk over it by `Mirror` reaches every field a template can name: the template-field checks and
/// docs/theme-variables.md are made from these. The memberwise initialisers keep them complete.
enum PageModelSamples {
    static let html = SafeHTML(trusted: "<p>…</p>")

    /// Every template of the default theme and the model it renders with; partials and the layout
    /// are listed under the page models that include them.
    static let templates: [(template: String, partials: [String], model: any Sendable)] = [
        ("home", ["layout", "site-record"], page(home, bodyClass: "home")),
        ("handbook", ["layout", "decision-guide", "role-essentials"], page(handbook, bodyClass: "handbook")),
        ("print", ["layout", "site-record", "decision-guide", "role-essentials"], page(print, bodyClass: "print")),
        ("sop", ["layout"], page(sop, bodyClass: "sop role-view")),
        ("playbooks", ["layout"], page(PlaybookRegisterPage(playbooks: [playbookSummary]), bodyClass: "playbooks")),
        ("playbook", ["layout"], page(playbook, bodyClass: "playbook")),
        ("automations", ["layout"], page(AutomationRegisterPage(automations: [automationRow]), bodyClass: "automations")),
        ("checklist", [], checklist),
        ("checklist.md", [], checklist),
        ("nav", [], navigation),
        ("pager", [], Pager(previous: .init(title: "Approvals", href: "approvals.html"), next: .init(title: "Returns", href: "returns.html"))),
        ("trainer", ["layout"], page(TrainerIndexPage(sops: [sopSummary], hasSOPs: true), bodyClass: "trainer-index")),
        ("toc", [], TableOfContents(toc: [.init(text: "Before you start", id: "before-you-start")])),
        ("sop-header", [], sopHeader),
        ("check", ["layout"], page(knowledgeCheck, bodyClass: "check")),
        ("check-sheet", [], questionSheet),
        ("sign-off", [], signOff),
        ("review", [], review),
        ("review.md", [], review),
    ]

    static func page<Content: Sendable>(_ content: Content, bodyClass: String) -> Page<Content> {
        Page(chrome: chrome(bodyClass: bodyClass), content: content)
    }

    static func chrome(bodyClass: String) -> PageChrome {
        PageChrome(pageTitle: "Support agent handbook", root: "../../", bodyClass: bodyClass, pack: packTitle, navHTML: html,
                   homeHref: "../../index.html",
                   search: SearchBox(label: "Search the Support agent handbook", placeholder: "Search this handbook",
                                     index: "../../search/common.js ../../search/roles/agent.js", script: "../../assets/search.js"))
    }

    static let packTitle = PackTitle(title: "SophMate rollout handbook", organisation: "Harbour & Vine")

    static let site = SiteRecordModel(
        id: "harbour-store", name: "Harbour & Vine online store",
        facts: [.init(label: "WordPress version", value: "6.2", missing: false, failing: "below the pack's minimum 6.5"),
                .init(label: "Setup owner", value: "Priya Raman", missing: false)],
        supportOwner: "Tom Okafor", rollbackPath: "Nightly host backups, restored by Priya Raman")

    static let sopSummary = SOPSummary(
        id: "refunds", title: "Handling refunds", href: "refunds.html", surface: "Support", audience: "Support agent, Store manager",
        summary: "When to draft a refund reply and who approves it.", flaggedBy: "2026-11-21",
        reviewOverdue: "2026-10-01")

    static let home = HomePage(
        site: site,
        blockedSites: [.init(id: "harbour-store", name: "Harbour & Vine online store",
                             reasons: ["WordPress 6.2 is below the pack's minimum 6.5; upgrade before rollout"],
                             checklists: [.init(title: "Rollout checklist", base: "checklists/harbour-store/rollout")])],
        roles: [.init(id: "agent", name: "Support agent", description: "Answers customers.", href: "roles/agent/index.html",
                      sopCount: "3 SOPs", decisionCount: "1 decision")],
        sops: [sopSummary],
        checklistSites: [.init(name: "Harbour & Vine online store",
                               checklists: [.init(title: "First-run checklist", base: "checklists/harbour-store/first-run")])],
        hasChecklists: true, hasPlaybooks: true, hasAutomations: true,
        policies: [.init(action: "Issue a refund", surface: "Commerce", risk: "high", mode: "approval", approvers: "Store manager",
                         approvalsRequired: 1, killSwitch: "Site administrator")])

    static let role = RoleHeading(id: "agent", name: "Support agent", description: "Answers customers.")

    static let guide = DecisionGuideItem(
        policyID: "refunds", action: "Issue a refund", surface: "Commerce", risk: "high", mode: "approval",
        involvement: "You propose", ask: "Ask the store manager.", approve: "You do not approve refunds.",
        reject: ["The order is older than 30 days."], hasReject: true, escalate: ["The customer threatens a chargeback."],
        hasEscalate: true, escalateTo: "Store manager", stop: ["The plan touches other orders."], hasStop: true,
        stopCall: "Call the site administrator.")

    static let escalation = EscalationStep(name: "Store manager", href: "../../roles/manager/index.html", isSelf: false, isLast: true)

    static let handbook = HandbookPage(
        role: role, capabilities: [.init(surface: "Support", level: "draft", meaning: "Drafts replies for review.")],
        guide: [guide], escalationPath: [escalation], isTop: false, refusals: ["Refunds over £100."],
        firstWeekFocus: ["Read every support SOP."], hasRefusals: true, hasFirstWeekFocus: true, site: site, sops: [sopSummary],
        hasSOPs: true, packHasPlaybooks: true,
        playbooks: [.init(title: "Refund triage", href: "../../playbooks/refund-triage.html", relation: "you run it", mode: "draft")],
        packHasAutomations: true,
        automations: [.init(title: "Low-stock watcher", href: "../../automations/index.html#low-stock", relation: "you own it", access: "read-only")])

    static let automationRow = AutomationRegisterPage.Row(
        id: "low-stock", title: "Low-stock watcher", kind: "watcher", ownerRole: "Operations lead", ownerPerson: "Priya Raman",
        trigger: "Daily at 07:00", access: "read-only", approval: "Enable a workflow, watcher or agent", killSwitch: "Operations lead",
        notify: "Operations lead: Email with the run id", lastRun: "pass", lastRunText: "pass by Priya Raman, 2026-11-20 (trace 12)")

    static let print = PrintPage(
        role: role, guide: [guide], escalationPath: [escalation], isTop: false, refusals: ["Refunds over £100."],
        firstWeekFocus: ["Read every support SOP."], hasRefusals: true, hasFirstWeekFocus: true, site: site,
        sops: [.init(id: "refunds", headerHTML: html, bodyHTML: html)], contents: [.init(id: "refunds", title: "Handling refunds")],
        footerCSS: SafeHTML(trusted: "\"…\""))

    static let sop = SOPPage(
        sop: .init(title: "Handling refunds", id: "refunds"), sopHeaderHTML: html, bodyHTML: html, tocHTML: html,
        isTrainerView: false, role: .init(id: "agent", name: "Support agent", href: "index.html"),
        trainerHref: "../../sops/refunds.html", previous: .init(title: "Approvals", href: "approvals.html"),
        next: .init(title: "Returns", href: "returns.html"), hasPager: true,
        roleViews: [.init(id: "agent", name: "Support agent", href: "../roles/agent/refunds.html")], hasRoleViews: true)

    static let navigation = Navigation(sections: [
        .init(title: "Handbooks", href: "", isLink: false, isPage: false, isArea: true, links: [
            .init(name: "Site administrator", href: "../../roles/admin/index.html", isPage: true, isArea: false),
        ]),
        .init(title: "Trainer view", href: "../../sops/index.html", isLink: true, isPage: false, isArea: false, links: []),
    ])

    static let sopHeader = SOPHeader(title: "Handling refunds", id: "refunds", facts: [.init(label: "Owner", value: "Store manager")],
                                         flaggedBy: "2026-11-21", reviewOverdue: "2026-10-01")

    static let playbookSummary = PlaybookSummary(
        id: "refund-triage", title: "Refund triage", version: "1.2.0", owner: "Store manager", mode: "draft",
        sourceSite: "agency-demo", exportDate: "2026-10-01", changes: "1 open, 0 resolved", firstRun: "passed",
        firstRunText: "passed in staging by Priya Raman, 2026-10-03")

    static let playbook = PlaybookPage(
        id: "refund-triage", title: "Refund triage", version: "1.2.0", owner: "Store manager", mode: "draft",
        sourceSite: "agency-demo", exportDate: "2026-10-01", changes: "1 open, 0 resolved", firstRun: "passed",
        firstRunText: "passed in staging by Priya Raman, 2026-10-03",
        fields: [.init(label: "Owner", value: "Store manager", missing: false)],
        assumptions: [.init(label: "Roles", value: "agent, manager")], hasProvenance: true, provenanceVersion: "1.2.0",
        provenanceOwner: "Store manager", localChanges: [.init(id: "kb-sources", change: "Name this site's sources", resolved: false)],
        hasChanges: true,
        runs: [.init(date: "2026-11-12", environment: "read-only", result: "pass", by: "Priya Raman", reference: "Audit Log 1041", notes: "Five tickets.")],
        hasRuns: true, stepsHTML: html)

    static let checklist = ChecklistPage(
        pageTitle: "First-run checklist — Harbour & Vine online store", title: "First-run checklist", root: "../../",
        homeHref: "../../index.html", pack: packTitle, site: .init(id: "harbour-store", name: "Harbour & Vine online store"),
        facts: [.init(label: "WordPress version", value: "6.2", missing: false, failing: "below the pack's minimum 6.5"),
                .init(label: "Setup owner", value: "Priya Raman", missing: false)],
        details: [.init(label: "WooCommerce", value: "9.4.2")],
        blocking: [.init(code: "missing-rollback", message: "No rollback path is recorded.")], hasBlocking: true,
        sections: [.init(title: "Before the first run", items: [.init(id: "first-run-1.1", html: html, markdown: MarkdownSource(text: "The site record is *complete*."))], hasTitle: true,
                         intro: "Complete before anyone is invited.")],
        signOff: [.init(role: "Site administrator")], inputHash: "ad058601d4f2", footerCSS: SafeHTML(trusted: "\"…\""),
        summary: "What to check before the first run.", inlineCSS: SafeHTML(trusted: "body { … }"))

    static let question = CheckQuestionModel(
        id: "q-kill-switch-refunds", number: 1, kind: "kill-switch", prompt: "Who holds the kill switch for “Issue a refund”?",
        options: [.init(name: "q-kill-switch-refunds", letter: "A", text: "Site administrator", isAnswer: true)],
        answerLetter: "A", answerText: "Site administrator", explanation: "Stop and tell Site administrator, who holds the kill switch.",
        links: [.init(label: "Decision guide: Issue a refund", href: "index.html#policy-refunds")])

    static let knowledgeCheck = KnowledgeCheckPage(role: role, questions: [question], hasQuestions: true, questionCount: 1, questionsLabel: "1 question",
                                                   version: "ad058601d4f2")

    static let questionSheet = QuestionSheetPage(
        pageTitle: "Support agent: knowledge check", root: "../../", homeHref: "../../index.html", pack: packTitle, role: role,
        questions: [question], hasQuestions: true, questionCount: 1, questionsLabel: "1 question", isAnswerKey: false, version: "ad058601d4f2",
        footerCSS: SafeHTML(trusted: "\"…\""))

    static let signOff = SignOffPage(
        pageTitle: "Support agent: handbook sign-off", root: "../../", homeHref: "../../index.html", handbookHref: "index.html",
        pack: packTitle, role: role,
        version: "ad058601d4f2", versionDate: "2026-11-12",
        sops: [.init(id: "refunds", title: "Handling refunds", lastReviewed: "2026-11-02", reviewCadence: "monthly")], hasSOPs: true,
        refusals: ["Refunds over £100."], hasRefusals: true,
        changes: .init(since: "1a33d10b7a08 of 2026-11-02", added: [.init(id: "refunds", title: "Handling refunds")],
                       changed: [.init(id: "returns", title: "Returns")], removed: [.init(id: "coupons", title: "Coupons")],
                       hasAdded: true, hasChanged: true, hasRemoved: true, hasNone: false, knowsChanges: true),
        person: "Priya Raman", footerCSS: SafeHTML(trusted: "\"…\""))

    static let reviewFinding = ReviewPage.Finding(
        code: "self-approval", severity: "error", message: "tom approved plan p1, which they proposed", user: "tom", plan: "p1",
        surface: "approvals", evidence: [.init(place: "week.csv:12", event: "approved", time: "2026-11-02 09:15", user: "tom")],
        moreEvidence: "and 3 more events", notes: ["No order number."], hasNotes: true, sops: [.init(text: "Refunds", href: "../../sops/refunds.html")],
        cards: [.init(text: "Store manager: refunds", href: "../../roles/manager/index.html#policy-refunds")], hasUpdates: true)

    static let review = ReviewPage(
        pageTitle: "First-week review", title: "Review of 2026-11-02 to 2026-11-08", pack: packTitle,
        inlineCSS: SafeHTML(trusted: "body { … }"), date: "2026-11-21", window: "2026-11-02 to 2026-11-08", export: "week.csv",
        roster: "roster.csv", figures: [.init(label: "Events", value: "12")],
        codes: [.init(code: "self-approval", severity: "error", count: 1, summary: "A user approved their own plan.")],
        hasFindings: true, errors: "1 error", warnings: "0 warnings", infos: "0 notes", unknownEvents: [.init(label: "user_login", value: "2")],
        hasUnknownEvents: true,
        // The trend chart first: its lines are the only list the other charts leave empty.
        charts: [ReviewChart.lines(id: "trend", title: "Findings against earlier windows", summary: "Errors per window.",
                                   categories: ["10-26", "11-02"], series: [("error", [0, 1])], classes: ["error"]),
                 ReviewChart.stackedColumns(id: "per-day", title: "Events per day", summary: "Events per day by role.",
                                            categories: ["11-02"], series: [("Store manager", [3])])],
        trend: [.init(label: "2026-10-26 to 2026-11-01", value: "10 events, 0 errors, 1 warning, 0 notes")], hasTrend: true,
        roles: [.init(id: "manager", name: "Store manager", handbook: .init(text: "Handbook", href: "../../roles/manager/index.html"),
                      figures: [.init(label: "Prompts", value: "3")], hasFigures: true, findings: [reviewFinding], hasFindings: true,
                      sops: [.init(text: "Refunds", href: "../../sops/refunds.html")], hasSOPs: true)],
        flaggedSOPs: [.init(text: "Refunds", href: "../../sops/refunds.html")], hasFlaggedSOPs: true, version: "0.1.0")
}
