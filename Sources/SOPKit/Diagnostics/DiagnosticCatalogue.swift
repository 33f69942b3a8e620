/// Every diagnostic code sopgen reports: what it means and a one-line example of the fix.
/// SARIF output lists these as rules; the README's table is checked against this list by a test.
public enum DiagnosticCatalogue {
    public struct Entry: Sendable, Hashable {
        public var code: DiagnosticCode
        public var summary: String
        public var fix: String
    }

    public static func entry(_ code: DiagnosticCode) -> Entry? { byCode[code] }

    private static let byCode = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    public static let all: [Entry] = [
        // Files
        Entry(code: .packNotFound, summary: "The pack folder does not exist.", fix: "`sopgen check sops` with the folder that holds sopgen.yml"),
        Entry(code: .missingFile, summary: "A required pack file is missing.", fix: "create `roles.yml` with `roles:`"),
        Entry(code: .notAFile, summary: "A folder, pipe or device stands where a file belongs.", fix: "replace the folder `roles.yml/` with a file"),
        Entry(code: .notAFolder, summary: "A file stands where a folder belongs.", fix: "turn `procedures` into a folder of .md files"),
        Entry(code: .unreadableFile, summary: "A file or folder cannot be read.", fix: "`chmod a+r procedures/refunds.md`"),
        Entry(code: .invalidUtf8, summary: "A file is not UTF-8 text.", fix: "re-save the file as UTF-8"),
        Entry(code: .fileTooLarge, summary: "A file is over 2 MiB.", fix: "split the SOP into several shorter ones"),
        Entry(code: .symlinkLoop, summary: "A symbolic link leads back to a folder already read.", fix: "remove the link `procedures/again -> ..`"),
        Entry(code: .brokenSymlink, summary: "A symbolic link points at nothing.", fix: "remove or repoint the link"),
        Entry(code: .tooManyProblems, summary: "A file has more than 200 problems; the rest are counted, not listed.", fix: "fix the problems listed, then `sopgen check` again"),
        // YAML
        Entry(code: .yamlSyntax, summary: "The YAML cannot be parsed.", fix: "`name: [unclosed` → `name: Store manager`"),
        Entry(code: .duplicateKey, summary: "A key appears twice in one mapping.", fix: "remove the second `title:`"),
        Entry(code: .unknownKey, summary: "A key sopgen does not know (a suggestion is given).", fix: "`aprovers:` → `approvers:`"),
        Entry(code: .wrongType, summary: "A value of the wrong type.", fix: "`refusals: {a: b}` → `refusals: [Never share keys.]`"),
        Entry(code: .missingField, summary: "A required field is missing.", fix: "add `title:` to the front matter"),
        Entry(code: .invalidValue, summary: "A value outside the allowed set.", fix: "`risk: hgh` → `risk: high`"),
        Entry(code: .duplicateId, summary: "Two roles, policies, SOPs, snippets, sites, checklists or playbooks share an id.", fix: "rename one of the two `refunds` SOPs"),
        Entry(code: .invalidId, summary: "An id that is not safe as a file name.", fix: "`id: ../etc` → `id: etc`"),
        Entry(code: .reservedId, summary: "An SOP or playbook id that is the name of a page sopgen writes beside it, or an id the theme's print handbook page already has.", fix: "`id: index` → `id: index-of-refunds`"),
        Entry(code: .missingFrontMatter, summary: "An SOP without `---` front matter.", fix: "start the file with `---`, `title: …`, `---`"),
        Entry(code: .controlCharacter, summary: "A YAML value holds a control or bidi-override character (U+0000–U+001F but tab and line feed, U+007F–U+009F, U+200E/F, U+202A–U+202E, U+2066–U+2069), usually written as an escape in double quotes.", fix: "delete the escape that writes U+202E from `name:`"),
        // References
        Entry(code: .unknownRole, summary: "A role id that roles.yml does not define.", fix: "`audience: [agnet]` → `audience: [agent]`"),
        Entry(code: .unknownSurface, summary: "A surface that SophMate does not have.", fix: "`suport-drafts` → `support-drafts`"),
        Entry(code: .unknownPolicy, summary: "A policy id that policies.yml does not define.", fix: "`policies: [refund]` → `policies: [refunds-and-coupons]`"),
        Entry(code: .unknownSite, summary: "A site id with no sites/<id>.yml.", fix: "`default_site: shop` → `default_site: harbour-store`"),
        Entry(code: .unknownSnippet, summary: "An include of a snippet that does not exist.", fix: "`{{> escalation}}` → `{{> escalation-path}}`"),
        Entry(code: .unknownValue, summary: "A `{{value}}` that names nothing.", fix: "`{{site.prodution_url}}` → `{{site.production_url}}`"),
        Entry(code: .unknownPartial, summary: "A template includes a partial the theme does not have.", fix: "`{{> sidebar}}` → create templates/sidebar.mustache"),
        Entry(code: .noSite, summary: "`{{site.…}}` is used but the pack has no default site.", fix: "add sites/shop.yml and `default_site: shop`"),
        Entry(code: .missingSiteValue, summary: "A `{{site.…}}` value the default site's record lacks: it would render as \"(not recorded)\".", fix: "add `staging_url: https://staging.shop.example.com` to the site record"),
        // SOP syntax
        Entry(code: .invalidValueName, summary: "A `{{…}}` tag that is not a value name.", fix: "`{{ a b }}` → `{{site.name}}`"),
        Entry(code: .unclosedTag, summary: "`{{` without `}}` on the same line.", fix: "`{{site.name` → `{{site.name}}`"),
        Entry(code: .inlineInclude, summary: "An include that does not stand on its own line.", fix: "move `{{> escalation-path}}` to a line of its own"),
        Entry(code: .includeCycle, summary: "A snippet includes itself.", fix: "remove `{{> a}}` from snippets/a.md"),
        Entry(code: .includeTooDeep, summary: "Snippets include snippets more than 16 levels deep.", fix: "paste the innermost snippet into the one that includes it"),
        Entry(code: .includeTooLarge, summary: "Includes make a snippet, SOP or checklist longer than 2 MiB with its snippets pasted in.", fix: "include the long snippet once, not in every step"),
        Entry(code: .unknownBlock, summary: "A `:::` block that is not a role block.", fix: "`::: note` → `::: for store-manager`"),
        Entry(code: .blockWithoutRoles, summary: "A role block that names no role.", fix: "`::: for` → `::: for store-manager`"),
        Entry(code: .unclosedBlock, summary: "A role block never closed.", fix: "add `:::` after the block"),
        Entry(code: .unmatchedBlockEnd, summary: "A `:::` that closes nothing.", fix: "remove the stray `:::`"),
        Entry(code: .misplacedBlock, summary: "A role block that opens and closes at different list or quote levels.", fix: "indent the closing `:::` like the opening one"),
        Entry(code: .nestingTooDeep, summary: "Markdown nested more than 32 quote, list or role-block levels (by markers or by indentation).", fix: "flatten the nested quotes into a list"),
        Entry(code: .valuesTooLarge, summary: "Long values used so often that an SOP or checklist would pass 2 MiB.", fix: "name the site once in the introduction, not in every step"),
        Entry(code: .tableTooLarge, summary: "A table with more than 100,000 cells (columns × rows).", fix: "split the table, or make it a list"),
        Entry(code: .remoteImage, summary: "An image loaded from another host: pages load nothing from the network.", fix: "`![map](https://…/map.png)` → `[map](https://…/map.png)`"),
        Entry(code: .brokenLink, summary: "A link to an SOP that does not exist.", fix: "`(polcy.md)` → `(policy.md)`"),
        Entry(code: .brokenAnchor, summary: "A link to a heading that does not exist (in the view the reader lands in).", fix: "`(policy.md#rule)` → `(policy.md#rules)`"),
        Entry(code: .rawHtml, summary: "Raw HTML that the handbook leaves out.", fix: "write it in Markdown, or set `options.unsafe_html: true`"),
        Entry(code: .unsafeLink, summary: "A link or image to a `javascript:`, `vbscript:`, `file:` or `data:` address (but a `data:image/png`, `gif`, `jpeg`, `webp`), which the handbook empties.", fix: "`(javascript:open())` → `(https://…)`, or set `options.unsafe_html: true`"),
        // Roles
        Entry(code: .escalationLoop, summary: "Escalation comes back to where it started.", fix: "remove `escalates_to` from the top role of the loop"),
        Entry(code: .noEscalation, summary: "A role other than the top has nobody to escalate to.", fix: "add `escalates_to: site-admin`"),
        Entry(code: .trainingGap, summary: "A role may act on a surface no SOP for it covers.", fix: "add the role to the audience of an SOP with that surface"),
        Entry(code: .knowledgeCheckGap, summary: "A role with capabilities that no policy involves: its knowledge check cannot ask when to ask, approve, reject, escalate or stop.", fix: "add the role to a policy's `proposers`, or give it a capability on a policy's surface"),
        // Policies
        Entry(code: .noApprover, summary: "A policy nobody can approve.", fix: "add `approvers: [site-admin]`"),
        Entry(code: .approverLacksCapability, summary: "An approver without approve or execute on the policy's surface.", fix: "`knowledge-base: draft` → `knowledge-base: approve`"),
        Entry(code: .proposerLacksCapability, summary: "A proposer without at least draft on the policy's surface.", fix: "`approvals: read` → `approvals: draft`, or remove the proposer"),
        Entry(code: .selfApproval, summary: "The only proposer is also the only approver.", fix: "add a second approver, or `self_approval: true`"),
        Entry(code: .tooManyApprovals, summary: "More approvals required than approver roles.", fix: "`approvals_required: 3` → `2`, or add an approver"),
        Entry(code: .noKillSwitch, summary: "A high-risk policy without a kill-switch owner.", fix: "add `kill_switch: operations-lead`"),
        Entry(code: .noRollback, summary: "A policy that can write with no rollback or support path.", fix: "add `rollback: Restore the previous revision.`"),
        // SOP records
        Entry(code: .noAudience, summary: "An SOP addressed to no role.", fix: "`audience: [support-agent]`"),
        Entry(code: .missingOwner, summary: "An SOP without an owner.", fix: "`owner: store-manager`"),
        Entry(code: .missingReviewCadence, summary: "An SOP without a review cadence.", fix: "`review_cadence: quarterly`"),
        Entry(code: .missingLastReviewed, summary: "An SOP without a last-reviewed date.", fix: "`last_reviewed: 2026-11-02`"),
        Entry(code: .invalidDate, summary: "A date that is not a real day written YYYY-MM-DD, or is outside 1900–9999.", fix: "`last_reviewed: 2/11/26` → `2026-11-02`"),
        Entry(code: .reviewOverdue, summary: "An SOP whose review is overdue.", fix: "review it, then `last_reviewed: <today>`"),
        // Sites
        Entry(code: .missingRolloutFact, summary: "A site record lacks one of the seven rollout facts.", fix: "add `php_version: 8.2.28`"),
        Entry(code: .invalidUrl, summary: "A URL that is not a web address.", fix: "`shop.example.com` → `https://shop.example.com`"),
        Entry(code: .insecureProductionUrl, summary: "The production site is not on https.", fix: "`http://shop…` → `https://shop…`"),
        Entry(code: .stagingIsProduction, summary: "Staging and production are the same site.", fix: "`staging_url: https://staging.shop.example.com`"),
        Entry(code: .invalidVersion, summary: "A site or `requirements` version that is not a dotted version number.", fix: "`php_version: eight` → `php_version: 8.2.28`"),
        Entry(code: .versionBelowMinimum, summary: "A site runs a version below the pack's requirements.", fix: "upgrade PHP, then `php_version: 8.2.28`"),
        Entry(code: .sophmateInactive, summary: "SophMate is installed but not active on the site.", fix: "activate the plugin, then `sopgen site import`"),
        Entry(code: .secretInSite, summary: "A site record holds a credential.", fix: "`api_key: sk-…` → `credentials_owner: Priya Raman`"),
        Entry(code: .providerWithoutOwner, summary: "A provider with nobody named as owner of its credentials.", fix: "add `credentials_owner: Priya Raman`"),
        // Playbooks
        Entry(code: .playbookIncomplete, summary: "A playbook lacks a trigger, owner, input, output, approval, retry, failure notification or kill switch.", fix: "add `kill_switch: operations-lead`"),
        Entry(code: .unresolvedPlaceholder, summary: "An imported playbook still holds a `<<local: …>>` placeholder.", fix: "`<<local: coupon rules>>` → this site's coupon rules"),
        Entry(code: .productionWithoutFirstRun, summary: "A playbook in production without a passing first run.", fix: "`sopgen playbook promote ID --to production --first-run pass --by NAME`"),
        Entry(code: .automationIncomplete, summary: "An automation lacks a trigger, owner role or named person, input, output, approval, retry, access or failure notification.", fix: "add `owner: {role: operations-lead, person: Priya Raman}`"),
        Entry(code: .notificationToNobody, summary: "An automation's failure notification names no role that exists.", fix: "`failure_notification: {to: [operations-lead], how: Email with the run id}`"),
        Entry(code: .ownerCannotPause, summary: "An automation's owner is neither its kill-switch holder nor has execute on its surface.", fix: "`kill_switch: operations-lead` (the owner)"),
        Entry(code: .unknownPerson, summary: "An automation's owner person whom people.yml does not name (checked when the pack has people.yml).", fix: "`person: Sam Ibrahm` → `person: Sam Ibrahim`"),
        Entry(code: .unknownPlaybook, summary: "An automation of kind playbook names a playbook the pack does not have.", fix: "`playbook: refund-triag` → `playbook: refund-triage`"),
        Entry(code: .unlocalisedPlaybook, summary: "An imported playbook whose import review or required local changes are still open (an error in production).", fix: "`sopgen playbook localise refund-triage knowledge-base-sources --by \"Priya Raman\"`"),
        Entry(code: .failedRun, summary: "A playbook whose last run failed: its review is due and promotion is blocked until a later run passes (an error in production).", fix: "`sopgen playbook run refund-triage --result pass --by NAME --reference \"audit 4812\"`"),
        // People and reviews
        Entry(code: .sopUpdateDue, summary: "An SOP flagged by a recorded review (`reviews/<date>.yml`) and not reviewed since.", fix: "update the SOP, then `last_reviewed: <a day after the review>`"),
        Entry(code: .reviewTriggered, summary: "An SOP whose `review_on:` names an event (hosting change, provider change, new users, failed run) since its last review.", fix: "review it, then `last_reviewed: <a day after the event>`"),
        Entry(code: .malformedRow, summary: "A row of an activity export or roster that cannot be read; the other rows still are.", fix: "`2026-11-02 9:15` → `2026-11-02T09:15:00+01:00`"),
        Entry(code: .missingColumn, summary: "An export or roster header without a column sopgen needs.", fix: "`review: columns: {user: Login}` in sopgen.yml"),
        // Checklists
        Entry(code: .emptyChecklist, summary: "A checklist file with no task-list items.", fix: "add `- [ ] Record the staging URL`"),
        Entry(code: .emptyChecklistItem, summary: "A task-list line with nothing after its box.", fix: "`- [ ]` → `- [ ] Record the staging URL`"),
        Entry(code: .valueOutsideItem, summary: "A `{{value}}` in a checklist's title, summary, heading, introduction or sign-off line, which are printed as typed.", fix: "move `{{site.staging_url}}` into a `- [ ]` item"),
        // Templates
        Entry(code: .templateSyntax, summary: "A Mustache template that does not parse.", fix: "close `{{#roles}}` with `{{/roles}}`"),
        Entry(code: .missingTemplate, summary: "A page template missing from the theme.", fix: "restore templates/sop.mustache"),
        Entry(code: .partialCycle, summary: "A template includes itself through its partials or parents.", fix: "remove `{{> nav}}` from templates/nav.mustache"),
        Entry(code: .templateTooDeep, summary: "Mustache sections and partials nested more than 32 levels deep.", fix: "close each `{{#section}}` before opening the next"),
        Entry(code: .dynamicPartial, summary: "A partial named by data (`{{>*name}}`), which cannot be checked for loops.", fix: "`{{>*kind}}` → `{{#isSOP}}{{> sop-header}}{{/isSOP}}`"),
    ]
}
