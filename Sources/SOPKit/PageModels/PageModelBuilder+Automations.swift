extension PageModelBuilder {
    func automationRegister() -> AutomationRegisterPage {
        AutomationRegisterPage(automations: pack.automations.map { automation in
            let run = automation.lastRun
            var runText = "none recorded"
            if let run {
                runText = run.result.rawValue + (run.by.map { " by \($0)" } ?? "") + ", \(run.date)" + (run.reference.map { " (\($0))" } ?? "")
            }
            return .init(
                id: automation.id, title: automation.title, kind: automation.kind?.value.rawValue ?? "—",
                ownerRole: automation.ownerRole.map { roleName($0.value) } ?? "—", ownerPerson: automation.ownerPerson?.value ?? "—",
                trigger: automation.trigger ?? "—", access: automation.access?.value.rawValue ?? "—",
                approval: automation.approval.map { resolved.names.policyAction($0.value) } ?? "—",
                killSwitch: automation.killSwitch.map { roleName($0.value) } ?? "—",
                notify: ([automation.notify.map { roleName($0.value) }.joined(separator: ", ")] + [automation.notifyHow].compactMap { $0 })
                    .filter { !$0.isEmpty }.joined(separator: ": "),
                lastRun: run?.result.rawValue ?? "none", lastRunText: runText)
        })
    }

    /// Automations a role owns, holds the kill switch of, or approves (an approver of its policy).
    func automationLinks(for role: Role) -> [AutomationLink] {
        pack.automations.compactMap { automation in
            let relation: String
            if automation.ownerRole?.value == role.id {
                relation = "you own it"
            } else if automation.killSwitch?.value == role.id {
                relation = "you hold its kill switch"
            } else if pack.policies.first(where: { $0.id == automation.approval?.value })?.approvers.contains(where: { $0.value == role.id }) == true {
                relation = "you approve its actions"
            } else {
                return nil
            }
            return AutomationLink(title: automation.title, href: "../../automations/index.html#\(automation.id)", relation: relation,
                                  access: automation.access?.value.rawValue ?? "—")
        }
    }
}
