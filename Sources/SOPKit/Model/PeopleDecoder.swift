import Yams

/// Decodes `people.yml` (see `People`), in the style of `RoleDecoder`: every problem a located
/// diagnostic, every entry that can be read kept.
enum PeopleDecoder {
    static let keys = ["wordpress_roles", "people"]
    static let personKeys = ["login", "name", "role", "added"]

    static func decode(_ context: DecodingContext) -> People {
        guard let root = context.compose(),
              let file = YAMLFields(root, "people.yml", allowed: keys, context: context) else {
            context.isBroken = true
            return People()
        }
        var people = People()
        for (key, value) in file.entries("wordpress_roles") {
            let name = key.scalar?.string ?? ""
            guard let role = value.scalar?.string.trimmingCharacters(in: .whitespaces), !YAMLFields.isNull(value), !role.isEmpty else {
                context.error(.wrongType, "wordpress_roles.\(name) must be a role id from roles.yml", at: value)
                continue
            }
            people.wordPressRoles[name] = Located(role, at: context.location(value))
        }
        people.people = file.list("people").compactMap { decodePerson($0, context) }
        return people
    }

    private static func decodePerson(_ node: Node, _ context: DecodingContext) -> Person? {
        guard let fields = YAMLFields(node, "a person", allowed: personKeys, context: context),
              let login = fields.string("login", required: true) else { return nil }
        guard login.value.count <= 200, login.value.unicodeScalars.allSatisfy({ !$0.properties.generalCategory.isControl }) else {
            context.diagnostics.append(.error(.invalidValue, "a login is printable text of up to 200 characters", at: login.location))
            return nil
        }
        guard let role = fields.string("role", required: true) else { return nil }
        var added: Located<CalendarDate>?
        if let text = fields.string("added") {
            switch CalendarDate.parse(text.value) {
            case .success(let day): added = Located(day, at: text.location)
            case .failure(let problem):
                context.diagnostics.append(.error(.invalidDate, problem.message(for: text.value), at: text.location))
            }
        }
        // Without a name the login is printed: an email address or a phone number in it replaced
        // (no mark of it: a sign-off sheet needs none, and a phone number's hash is easily reversed).
        let name = fields.string("name")?.value ?? SensitiveDataScanner().redact(login.value).text
        return Person(login: login, name: name, role: role, added: added,
                      location: context.location(node))
    }
}
