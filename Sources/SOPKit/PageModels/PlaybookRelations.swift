/// Which playbooks concern a role.
enum PlaybookRelations {
    /// Playbooks a role runs (owner or kill switch) or approves (approver of its policy).
    static func playbooks(for role: Role, in pack: Pack) -> [(playbook: Playbook, relation: String)] {
        pack.playbooks.compactMap { playbook in
            if playbook.owner?.value == role.id || playbook.killSwitch?.value == role.id {
                return (playbook, "you run it")
            }
            let approvers = pack.policies.first { $0.id == playbook.approval?.value }?.approvers.map(\.value) ?? []
            return approvers.contains(role.id) ? (playbook, "you approve its plans") : nil
        }
    }
}
