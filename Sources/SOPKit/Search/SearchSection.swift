/// One section of one view of an SOP as search reads it: the heading it sits under (none for the
/// text before the first heading) and its text, without HTML.
struct SearchSection: Sendable, Hashable {
    var sopID: String
    /// The heading's id, for the link; empty for the text before the first heading.
    var anchor: String
    var heading: String
    var text: String

    /// Hashes what tells sections apart cheaply (the anchor, and the text by its length, not its
    /// bytes): sections are looked up SOP by SOP (`SearchIndex.add`), where every section has the
    /// same SOP id and only the views of one section share an anchor (and so its heading); hashing
    /// the whole text was most of the cost of building the index, and the id and heading a third
    /// of what was left. Equality still compares every field.
    func hash(into hasher: inout Hasher) {
        hasher.combine(anchor)
        hasher.combine(text.utf8.count)
    }
}

/// The sections of one view, with what the trainer view says about each: whether any of it sits
/// inside a role block. Only a section outside every block may be shared between views.
struct ViewSections: Sendable, Hashable {
    var sections: [SearchSection]
    /// Anchors of the sections that hold (part of) a role block; empty outside the trainer view.
    var inRoleBlock: Set<String> = []
}
