/// Who is who for one review: each login of the export with the pack role it acts in, from
/// `people.yml` (a person named there wins) and the WordPress roster (its roles mapped through
/// `wordpress_roles`). A login with no role is `unknown-user`, a finding, never a crash.
struct ReviewDirectory: Sendable {
    let people: People
    let roster: WordPressRoster?
    /// Every known login's pack role (nil: known, but no role), looked up once per event.
    private let roles: [String: String?]

    init(people: People, roster: WordPressRoster?) {
        self.people = people
        self.roster = roster
        var roles: [String: String?] = [:]
        for login in roster?.roles.keys ?? [:].keys {
            roles[login] = .some(people.role(login: login, wordPressRoles: roster?.roles[login] ?? []))
        }
        for person in people.people where roles[person.login.value] == nil {
            roles[person.login.value] = .some(people.role(login: person.login.value, wordPressRoles: roster?.roles[person.login.value] ?? []))
        }
        self.roles = roles
    }

    func role(of login: String) -> String? {
        if let known = roles[login] { return known }
        return nil
    }

    /// Known to the roster (or named in people.yml) at all, whatever their role.
    func isKnown(_ login: String) -> Bool {
        people.person(login: login) != nil || roster?.roles[login] != nil
    }

    /// Every login the review knows, with its pack role when it has one.
    var logins: [String] {
        Set(people.people.map(\.login.value)).union(roster?.roles.keys ?? [:].keys).sorted()
    }
}
