/// The search indexes of a site: one per role (only what that role's handbook holds) and one for
/// the trainer view (everything). A section every reader of an SOP sees alike, outside every role
/// block, is kept once in `common`, which all indexes point into; anything else is kept in the
/// view's own list. So a role's index never holds text of a block for other roles, and the
/// bundle is a fraction of the site's HTML. Built SOP by SOP, in pack order, from the rendered
/// views: a pure value, written out by `SearchIndexScript`.
struct SearchIndex: Sendable, Hashable {
    /// A view's index: SOP titles by id, the common sections it holds, and its own sections.
    struct View: Sendable, Hashable {
        var titles: [String: String] = [:]
        var common: [Int] = []
        var own: [SearchSection] = []
    }

    /// Where a view's index lives and whose it is.
    enum Scope: Sendable, Hashable {
        case trainer
        case role(String)

        /// The index file, from the site root.
        var path: String {
            switch self {
            case .trainer: "search/trainer.js"
            case .role(let id): "search/roles/\(id).js"
            }
        }

        /// The folder the view's SOP pages are in, from the site root.
        var pageFolder: String {
            switch self {
            case .trainer: "sops/"
            case .role(let id): "roles/\(id)/"
            }
        }
    }

    static let commonPath = "search/common.js"

    /// The shared sections not yet handed on (`takeCommon`); a view's `common` indexes count the
    /// ones handed on before them.
    var common: [SearchSection] = []
    /// How many shared sections were handed on and dropped.
    private(set) var commonHandedOn = 0
    var trainer = View()
    var roles: [String: View] = [:]

    /// The shared sections not yet handed on, dropped from the index (a build writes them to
    /// `common.js` batch by batch); views go on counting them.
    mutating func takeCommon() -> [SearchSection] {
        let taken = common
        commonHandedOn += taken.count
        common = []
        return taken
    }

    /// Adds one SOP: its trainer view's sections and each reader's.
    mutating func add(sopID: String, title: String, trainer trainerView: ViewSections, readers: [(role: String, sections: ViewSections)]) {
        let shared = Set(trainerView.sections.filter { section in
            !trainerView.inRoleBlock.contains(section.anchor) && readers.allSatisfy { $0.sections.sections.contains(section) }
        })
        var commonIndex: [SearchSection: Int] = [:]
        for section in trainerView.sections where shared.contains(section) && commonIndex[section] == nil {
            commonIndex[section] = common.count
            common.append(section)
        }
        func add(_ sections: [SearchSection], to view: inout View) {
            view.titles[sopID] = title
            for section in sections {
                if let index = commonIndex[section] { view.common.append(index) } else { view.own.append(section) }
            }
        }
        add(trainerView.sections, to: &trainer)
        for reader in readers { add(reader.sections.sections, to: &roles[reader.role, default: View()]) }
    }

    /// Another index's SOPs after this one's (the batches of a build, in order).
    mutating func append(_ other: SearchIndex) {
        let offset = commonHandedOn + common.count
        common += other.common
        func merge(_ view: View, into target: inout View) {
            target.titles.merge(view.titles) { first, _ in first }
            target.common += view.common.map { $0 + offset }
            target.own += view.own
        }
        merge(other.trainer, into: &trainer)
        for (role, view) in other.roles { merge(view, into: &roles[role, default: View()]) }
    }

    func view(_ scope: Scope) -> View {
        switch scope {
        case .trainer: trainer
        case .role(let id): roles[id] ?? View()
        }
    }
}
