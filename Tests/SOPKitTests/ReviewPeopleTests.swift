import Foundation
import Testing
@testable import SOPKit

/// people.yml and the WordPress roster: who acts in which pack role, problems located, and the
/// roster's emails never kept.
@Suite struct ReviewPeopleTests {
    func decode(_ yaml: String) -> (People, [Diagnostic]) {
        let context = DecodingContext(file: SourceFile(path: "people.yml", text: yaml))
        return (PeopleDecoder.decode(context), context.diagnostics)
    }

    @Test func peopleAndTheRoleMappingAreDecoded() {
        let (people, diagnostics) = decode("""
            wordpress_roles:
              administrator: site-admin
              shop_manager: store-manager
            people:
              - login: priya.raman
                name: Priya Raman
                role: site-admin
                added: 2026-11-02
              - login: "1234"
                role: support-agent
            """)
        #expect(diagnostics.isEmpty)
        #expect(people.people.map(\.login.value) == ["priya.raman", "1234"])
        #expect(people.people.map(\.name) == ["Priya Raman", "1234"])
        #expect(people.people[0].added?.value.description == "2026-11-02")
        #expect(people.people[1].login.location.description == "people.yml:9:12")
        #expect(people.role(login: "priya.raman", wordPressRoles: ["shop_manager"]) == "site-admin")
        #expect(people.role(login: "someone", wordPressRoles: ["subscriber", "shop_manager"]) == "store-manager")
        #expect(people.role(login: "someone", wordPressRoles: ["subscriber"]) == nil)
    }

    @Test func problemsAreLocatedAndTheOtherPeopleKept() {
        let (people, diagnostics) = decode("""
            wordpress_roles:
              editor:
            people:
              - login: a
                role: editor
                email: a@example.com
              - role: editor
              - login: b
                role: ~
              - login: c
                role: editor
            """)
        // An unknown key is an error at the key, and the person is kept (as roles.yml does).
        #expect(people.people.map(\.login.value) == ["a", "c"])
        #expect(diagnostics.map { "\($0.location) \($0.code)" } == [
            "people.yml:2:10 wrong-type", "people.yml:6:5 unknown-key", "people.yml:7:5 missing-field", "people.yml:9:5 missing-field",
        ])
    }

    @Test func theValidatorChecksRolesAndDuplicateLogins() async {
        let (result, _) = await Build.plan(files: PackFiles.pack(["people.yml": """
            wordpress_roles: {administrator: admn}
            people:
              - {login: ana, role: agent}
              - {login: ana, role: admin}
            """]))
        let found = result.diagnostics.map { "\($0.location) \($0.code)" }
        #expect(found.contains("people.yml:1:34 unknown-role"))
        #expect(found.contains("people.yml:4:13 duplicate-id"))
    }

    @Test func theRosterKeepsLoginsAndRolesAndDropsEmails() {
        let csv = """
            user_login,user_email,roles
            priya.raman,priya@harbour.example,administrator
            "tom, jr",tom@harbour.example,"shop_manager,customer"
            ,nobody@harbour.example,editor
            broken,"x
            """
        let roster = WordPressRoster.read(Array(csv.utf8), path: "roster.csv")
        #expect(roster.roles == ["priya.raman": ["administrator"], "tom, jr": ["shop_manager", "customer"]])
        #expect(roster.diagnostics.map { "\($0.location) \($0.code)" } == ["roster.csv:5:8 malformed-row", "roster.csv:4:1 malformed-row"])
        #expect(!String(describing: roster).contains("@harbour.example"))
        let wrong = WordPressRoster.read(Array("login,mail\nx,y\n".utf8), path: "roster.csv")
        #expect(wrong.diagnostics.map(\.code.rawValue) == ["missing-column"])
    }

    @Test func theBundledPeopleFileChecksAndNamesEveryRoleOfTheExample() async {
        let result = await Pipeline(packRoot: TestPaths.bundledPack, today: TestClock.today).plan()
        let people = result.resolved!.pack.people!
        #expect(people.people.count == 7)
        let roles = Set(result.resolved!.pack.roles.map(\.id))
        #expect(people.people.allSatisfy { roles.contains($0.role.value) })
    }

    @Test func theSchemaCommandPrintsThePeopleSchema() throws {
        let run = try ProcessRun.run(TestPaths.sopgenBinary.path, ["schema", "people"])
        #expect(run.status == 0)
        #expect(run.standardOutput == PackSchema.people.schema.json)
        #expect(run.standardOutput.contains("wordpress_roles"))
    }
}
