/// Where a page sits in the site: what the menu marks as current, the way back to the root, and
/// which search index the page offers (a role's pages search the role's handbook; every other
/// page of the layout searches the trainer view, which holds everything).
enum PageLocation: Sendable, Hashable {
    case home
    /// `roles/<role>/index.html`.
    case handbook(role: String)
    /// Another page of a role's folder: an SOP as the role sees it.
    case roleSOP(role: String)
    /// `roles/<role>/check.html`.
    case knowledgeCheck(role: String)
    /// `sops/index.html`.
    case trainerIndex
    /// `sops/<sop>.html`.
    case trainerSOP
    case playbookRegister
    case playbook
    case automations

    /// `""`, `"../"` or `"../../"`: the way back to the site root from the page's folder.
    var root: String {
        switch self {
        case .home: ""
        case .trainerIndex, .trainerSOP, .playbookRegister, .playbook, .automations: "../"
        case .handbook, .roleSOP, .knowledgeCheck: "../../"
        }
    }

    var searchScope: SearchIndex.Scope {
        switch self {
        case .handbook(let role), .roleSOP(let role), .knowledgeCheck(let role): .role(role)
        default: .trainer
        }
    }

    /// Every location of a site with these roles: the menus to render, one each.
    static func all(roles: [String]) -> [PageLocation] {
        [.home, .trainerIndex, .trainerSOP, .playbookRegister, .playbook, .automations]
            + roles.flatMap { [PageLocation.handbook(role: $0), .roleSOP(role: $0), .knowledgeCheck(role: $0)] }
    }
}
