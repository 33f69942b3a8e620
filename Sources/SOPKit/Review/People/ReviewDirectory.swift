/// Who is who for one review: each login of the export with the pack role it acts in, from
/// `people.yml` (a person named there wins) and the WordPress roster (its roles mapped through
/// `wordpress_roles`). A login with no role is `unknown-user`, a finding, never a crash.
struct ReviewDirectory: Sendable {
    let people: People
    let roster: WordPressRoster?
    /// Every known login's pack role (nil: known, but no role), looked up once per event. Logins
    /// are kept as the export's are (`IdentifierRedactor`), so a login that is an email address
    /// meets its events without being printed.
    private let roles: [String: String?]

    /// `salt` is the store's, as the export's identifiers were kept with.
    init(people: People, roster: WordPressRoster?, salt: [UInt8]) {
        self.people = people
        self.roster = roster
        let redactor = IdentifierRedactor(salt: salt)
        var roles: [String: String?] = [:]
        for (login, wordPressRoles) in roster?.roles ?? [:] {
            roles[redactor.kept(login)] = .some(people.role(login: login, wordPressRoles: wordPressRoles))
        }
        for person in people.people {
            let login = redactor.kept(person.login.value)
            if roles[login] == nil {
                roles[login] = .some(people.role(login: person.login.value, wordPressRoles: roster?.roles[person.login.value] ?? []))
            }
        }
        self.roles = roles
    }

    func role(of login: String) -> String? {
        if let known = roles[login] { return known }
        return nil
    }

    /// Known to the roster (or named in people.yml) at all, whatever their role.
    func isKnown(_ login: String) -> Bool {
        roles[login] != nil
    }

    /// Every login the review knows, as kept, with its pack role when it has one.
    var logins: [String] {
        roles.keys.sorted()
    }
}
