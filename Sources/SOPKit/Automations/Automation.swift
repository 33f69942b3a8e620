/// An automation from `automations/<id>.yml`: a workflow, watcher, agent, custom tool or playbook,
/// with everything the seed asks to be defined before it is enabled — trigger, owner (a role and a
/// named person who can pause it and explain its last run), input, output, approval requirement,
/// retry behaviour, failure notification, kill switch — whether it can write, and its last run.
public struct Automation: Sendable, Hashable, Identifiable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case workflow, watcher, agent
        case customTool = "custom-tool"
        case playbook

        /// The SophMate surface it runs on: pausing it takes execute there, or the kill switch.
        public var surface: Surface {
            switch self {
            case .workflow: .workflows
            case .watcher: .watchers
            case .agent: .agents
            case .customTool: .customTools
            case .playbook: .playbooks
            }
        }
    }

    public enum Access: String, Sendable, Hashable, CaseIterable {
        case readOnly = "read-only"
        case write
    }

    public struct LastRun: Sendable, Hashable {
        public var date: String
        public var result: PlaybookRun.Result
        public var by: String?
        /// The audit record or trace.
        public var reference: String?
    }

    public var id: String
    public var path: String
    public var title: String
    public var kind: Located<Kind>?
    public var trigger: String?
    public var ownerRole: Located<String>?
    /// The named person who can pause it and explain its last run; checked against `people.yml` when the pack has one.
    public var ownerPerson: Located<String>?
    public var input: [String]
    public var output: String?
    /// The approval policy its actions go through.
    public var approval: Located<String>?
    public var retry: String?
    /// The roles told when it fails, and how.
    public var notify: [Located<String>]
    public var notifyHow: String?
    public var hasFailureNotification: Bool
    public var killSwitch: Located<String>?
    public var access: Located<Access>?
    public var rollback: String?
    /// For kind `playbook`: the playbook it runs.
    public var playbook: Located<String>?
    public var lastRun: LastRun?
    public var location: SourceLocation

    /// The fields the seed asks for before any automation is enabled, with what each holds
    /// (the kill switch and the failure notification have rules of their own).
    public var requiredFields: [(key: String, value: String?)] {
        [("trigger", trigger), ("owner.role", ownerRole?.value), ("owner.person", ownerPerson?.value),
         ("input", input.isEmpty ? nil : input.joined(separator: ", ")), ("output", output), ("approval", approval?.value),
         ("retry", retry), ("access", access?.value.rawValue)]
    }
}
