/// A checklist definition from `checklists/<id>.md`: sections of task-list items that trainers
/// edit, rendered once per site.
public struct Checklist: Sendable, Hashable, Identifiable {
    public struct Item: Sendable, Hashable {
        /// Stable within the checklist: `<checklist>-<section number>.<item number>`.
        public var id: String
        public var text: Template
        public var location: SourceLocation
    }

    public struct Section: Sendable, Hashable {
        public var title: String
        public var intro: String?
        public var items: [Item]
    }

    public var id: String
    public var path: String
    public var title: String
    public var summary: String?
    /// Who signs the printed sheet, one line each.
    public var signOff: [String]
    public var sections: [Section]

    public var items: [Item] { sections.flatMap(\.items) }
}
