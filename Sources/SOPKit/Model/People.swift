/// `people.yml`: who is who. WordPress roles mapped to pack roles (so every user of the
/// `wp user list` roster has a pack role), and people named with the role they act in, which wins
/// over the mapping.
///
/// ```yaml
/// wordpress_roles:            # WordPress role: pack role
///   administrator: site-admin
///   shop_manager: store-manager
/// people:
///   - login: priya            # WordPress user_login
///     name: Priya Raman
///     role: site-admin
///     added: 2026-11-02       # optional
/// ```
public struct People: Sendable, Hashable {
    public var wordPressRoles: [String: Located<String>] = [:]
    public var people: [Person] = []

    public init(wordPressRoles: [String: Located<String>] = [:], people: [Person] = []) {
        self.wordPressRoles = wordPressRoles
        self.people = people
    }

    public func person(login: String) -> Person? { people.first { $0.login.value == login } }

    /// The pack role of a user: named in `people`, else the first of their WordPress roles mapped.
    public func role(login: String, wordPressRoles roles: [String]) -> String? {
        if let person = person(login: login) { return person.role.value }
        return roles.lazy.compactMap { self.wordPressRoles[$0]?.value }.first
    }
}
