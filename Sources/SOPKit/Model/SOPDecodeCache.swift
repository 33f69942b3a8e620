/// Each SOP file as last decoded, by pack path. Decoding an SOP reads its own file and nothing
/// else (`SOPDecoder` gets a `DecodingContext` of that file alone), so a file whose text is the
/// same decodes to the same SOP with the same diagnostics: `sopgen serve` keeps one of these
/// between updates and decodes only the SOPs an edit changed.
struct SOPDecodeCache: Sendable {
    struct Entry: Sendable {
        var text: String
        var sop: SOP?
        var diagnostics: [Diagnostic]
    }

    private var entries: [String: Entry]

    init(_ entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    /// What `file` decoded to, when its text is the one decoded last.
    func entry(for file: SourceFile) -> Entry? {
        guard let entry = entries[file.path], entry.text == file.text else { return nil }
        return entry
    }

    var count: Int { entries.count }
}
