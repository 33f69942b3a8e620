/// Hands out heading ids that are unique within one page, the way GitHub resolves repeated
/// headings (github-slugger): a slug already taken gets `-1`, `-2`, … counted per slug, and a
/// suffixed id that is itself taken moves on to the next number. Ids the page already holds
/// (footnotes' `fn-…`/`fnref-…`, raw HTML) are reserved before the first heading, and so are
/// the ids of the page around the fragment (with the prefix, as they appear there).
struct HeadingIDAllocator {
    private var taken: Set<String>
    private var counts: [String: Int] = [:]
    private let prefix: String
    private let reservedOnPage: Set<String>

    init(reserved: Set<String>, prefix: String = "", reservedOnPage: Set<String> = []) {
        taken = reserved
        self.prefix = prefix
        self.reservedOnPage = reservedOnPage
    }

    /// The id, prefix included, for a heading whose text slugs to `slug` ("section" when empty).
    mutating func id(for slug: String) -> String {
        let base = slug.isEmpty ? "section" : slug
        var candidate = base
        while true {
            // Free when the page does not hold it and no earlier heading took it (taken here: one
            // hash a heading, not a look-up and an insert).
            let id = prefix + candidate
            if !reservedOnPage.contains(id), taken.insert(candidate).inserted { return id }
            let count = counts[base, default: 0] + 1
            counts[base] = count
            candidate = "\(base)-\(count)"
        }
    }
}
