/// One person who uses SophMate on the site, named in `people.yml` with the pack role they act in.
/// Only what a handbook may show: the WordPress login, a display name and the role. Never an
/// email address (the roster's emails are read and dropped, see `WordPressRoster`).
public struct Person: Sendable, Hashable {
    /// The WordPress login (`user_login`), as the activity export names the user.
    public var login: Located<String>
    /// The name to print (sign-off sheets, reports); the login when none is written.
    public var name: String
    /// The pack role this person acts in (a role id from roles.yml).
    public var role: Located<String>
    /// The day the person was added, when written: a `new-users` review trigger from then on.
    public var added: Located<CalendarDate>?
    public var location: SourceLocation
}
