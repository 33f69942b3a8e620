/// The users of the site, as `wp user list --fields=user_login,user_email,roles --format=csv`
/// writes them: a header row, then one user a row, roles separated by commas. Only the login and
/// the roles are kept; the email column is read past and never stored, so no report can print it.
public struct WordPressRoster: Sendable, Hashable {
    /// WordPress roles by login, in the roster's order of roles.
    public var roles: [String: [String]] = [:]
    public var diagnostics: [Diagnostic] = []

    public init(roles: [String: [String]] = [:]) {
        self.roles = roles
    }

    /// Reads a roster file's bytes; `path` names it in diagnostics.
    public static func read(_ bytes: [UInt8], path: String) -> WordPressRoster {
        var roster = WordPressRoster()
        var reader = CSVRecordReader()
        var records: [CSVRecordReader.Record] = []
        var problems: [CSVRecordReader.Problem] = []
        reader.feed(bytes, record: { records.append($0) }, problem: { problems.append($0) })
        reader.finish(record: { records.append($0) }, problem: { problems.append($0) })
        for problem in problems {
            roster.diagnostics.append(.error(.malformedRow, problem.message, at: SourceLocation(path: path, line: problem.line, column: problem.column)))
        }
        guard let header = records.first else {
            roster.diagnostics.append(.error(.missingColumn, "the roster is empty; write it with wp user list --fields=user_login,user_email,roles --format=csv",
                                             at: SourceLocation(path: path)))
            return roster
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let login = names.firstIndex(of: "user_login"), let rolesColumn = names.firstIndex(of: "roles") else {
            roster.diagnostics.append(.error(.missingColumn, "the roster's header needs user_login and roles (wp user list --fields=user_login,user_email,roles --format=csv)",
                                             at: SourceLocation(path: path, line: header.line)))
            return roster
        }
        for record in records.dropFirst() {
            guard record.fields.count == names.count else {
                roster.diagnostics.append(.error(.malformedRow, "this row has \(record.fields.count) fields; the header has \(names.count)",
                                                 at: SourceLocation(path: path, line: record.line)))
                continue
            }
            let user = record.fields[login].trimmingCharacters(in: .whitespaces)
            guard !user.isEmpty else {
                roster.diagnostics.append(.error(.malformedRow, "no user_login in this row",
                                                 at: SourceLocation(path: path, line: record.line, column: record.columns[login])))
                continue
            }
            let wordPressRoles = record.fields[rolesColumn].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            roster.roles[user] = wordPressRoles.filter { !$0.isEmpty }
        }
        return roster
    }
}
