import GFM
import Testing

/// cmark-gfm 0.29 keeps the inline parser's special-character table in process-wide globals that
/// every parse switches on and off; concurrent parses used to lose strikethrough and autolinks.
@Suite struct GFMConcurrencyTests {
    @Test func concurrentParsesAllSeeEveryExtension() async {
        let markdown = "~~a~~ https://example.com *b*\n"
        let expected = GFMDocument.html(from: markdown)
        #expect(expected.contains("<del>a</del>"))
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var failures = 0
                    for _ in 0..<400 where GFMDocument.html(from: markdown) != expected { failures += 1 }
                    return failures
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}
