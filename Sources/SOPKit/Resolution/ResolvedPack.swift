/// The resolve stage's output: one view of the pack per role, and every SOP expanded once.
public struct ResolvedPack: Sendable {
    public struct Handbook: Sendable {
        public var role: Role
        public var guide: [DecisionGuideEntry]
        /// The role itself first, then whom it escalates to, up to the top.
        public var escalationPath: [Role]
        /// Ids of the SOPs addressed to this role, in handbook order.
        public var sopIDs: [String]
        /// The role's knowledge check, written from `guide` (`KnowledgeCheckBuilder`).
        public var check: KnowledgeCheck
    }

    /// A class, not a struct: an SOP's resolved form is made once and then only read, by every
    /// page, link and view that names it; passing it on costs one reference count, not one for
    /// each of the two dozen strings and arrays it holds (their copies were 2% of a build).
    public final class ResolvedSOP: Sendable {
        public let sop: SOP
        public let markdown: ExpandedMarkdown
        /// Values that do not depend on the reader: pack, site and this SOP.
        public let values: [String: String]
        /// Its audience, owner and policies by name.
        public let names: SOPNames

        public init(sop: SOP, markdown: ExpandedMarkdown, values: [String: String], names: SOPNames) {
            self.sop = sop
            self.markdown = markdown
            self.values = values
            self.names = names
        }
    }

    public var pack: Pack
    public var site: Site?
    public var handbooks: [Handbook]
    public var sops: [ResolvedSOP]
    public var names: ResolvedNames
    /// Index in `sops` by SOP id, the first of two SOPs with one id winning.
    public var sopIndex: [String: Int]
    /// Checklist items' links to SOPs, with what is wrong with them.
    var checklistLinks = ChecklistLinks()

    /// The SOP with this id, found without searching.
    public func sop(_ id: String) -> ResolvedSOP? { sopIndex[id].map { sops[$0] } }
    /// The handbook version a sign-off sheet lists changes since (`build --since`); nil lists none.
    public var previousVersion: HandbookVersion?
    /// The day the pages are built for: an SOP whose review fell due before it says so on its page.
    /// Nil (no such notes) when resolution runs without a day.
    public var today: CalendarDate?
}
