/// A checklist for one site, as data: what `--format json` writes (schemas/checklist.schema.json).
public struct ChecklistDocument: Sendable, Codable, Hashable {
    public struct Fact: Sendable, Codable, Hashable {
        public var key: String
        public var label: String
        /// Nil when the site record does not hold it: printed as NOT RECORDED.
        public var value: String?
    }

    public struct Blocking: Sendable, Codable, Hashable {
        public var code: DiagnosticCode
        public var message: String
    }

    public struct Item: Sendable, Codable, Hashable {
        public var id: String
        /// The item's Markdown as the `.md` version writes it: values filled in and escaped for
        /// Markdown, and without what the HTML page leaves out (unless the pack allows raw HTML).
        public var text: String
    }

    public struct Section: Sendable, Codable, Hashable {
        public var title: String
        public var intro: String?
        public var items: [Item]
    }

    public struct SiteRecord: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var facts: [Fact]
        public var details: [Fact]
    }

    public var format = 1
    public var checklist: String
    public var title: String
    public var summary: String?
    public var pack: String
    public var organisation: String?
    public var inputHash: String
    public var site: SiteRecord
    public var blocking: [Blocking]
    public var sections: [Section]
    public var signOff: [String]
}
