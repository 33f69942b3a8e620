import Yams

enum SOPDecoder {
    static let keys = ["id", "title", "surface", "audience", "owner", "review_cadence", "last_reviewed", "summary", "policies", "review_on"]
    static let surfaceNames = Surface.allCases.map(\.rawValue)

    static func decode(_ context: DecodingContext) -> SOP? {
        let file = context.file
        let text = GFMSanitizer.clean(file.text)
        guard let split = FrontMatter.split(text) else {
            context.diagnostics.append(.error(.missingFrontMatter, "an SOP starts with '---' front matter (title, surface, audience, owner…)", at: SourceLocation(path: file.path)))
            return nil
        }
        let frontMatterContext = DecodingContext(file: SourceFile(path: file.path, text: split.yaml))
        defer { context.diagnostics += frontMatterContext.diagnostics }
        guard let root = frontMatterContext.compose(),
              let fields = YAMLFields(root, "SOP front matter", allowed: keys, context: frontMatterContext) else { return nil }
        let stem = PackDecoder.stem(of: file.path)
        let id = fields.string("id")?.value ?? stem
        var parser = TemplateParser(path: file.path, firstLine: split.bodyFirstLine)
        var body = parser.parse(split.body)
        context.diagnostics += parser.diagnostics
        if parser.diagnostics.contains(where: { $0.code == .nestingTooDeep }) {
            // Never hand such a body to cmark-gfm, even to look for broken links.
            body = Template(pieces: [], firstLine: split.bodyFirstLine)
        }
        guard let title = fields.string("title", required: true) else { return nil }
        return SOP(
            id: id,
            path: file.path,
            title: title.value,
            surfaces: fields.strings("surface").compactMap { name in
                guard let surface = Surface(rawValue: name.value) else {
                    frontMatterContext.diagnostics.append(.error(.unknownSurface, "unknown surface '\(name.value)'\(Suggestion.didYouMean(name.value, in: surfaceNames))", at: name.location))
                    return nil
                }
                return Located(surface, at: name.location)
            },
            audience: fields.strings("audience"),
            owner: fields.string("owner"),
            policies: fields.strings("policies"),
            reviewCadence: fields.string("review_cadence"),
            lastReviewed: fields.string("last_reviewed"),
            frontMatterLocation: SourceLocation(path: file.path, line: 1, column: 1),
            summary: fields.string("summary")?.value,
            body: body,
            location: SourceLocation(path: file.path, line: 1, column: 1),
            reviewOn: ReviewTriggerChecks.kinds(fields.strings("review_on"), context: frontMatterContext),
            keyLocations: Dictionary(uniqueKeysWithValues: ["audience", "owner", "review_cadence", "last_reviewed"]
                .filter(fields.hasKey).map { ($0, fields.keyLocation($0)) })
        )
    }
}
