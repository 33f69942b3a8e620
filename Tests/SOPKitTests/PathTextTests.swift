import Testing
@testable import SOPKit

/// An output path is split at its last `/` byte, as the file system splits it: a combining mark
/// after the slash (one `Character` with it) does not hide the slash.
@Suite struct PathTextTests {
    @Test(arguments: [("a/b/c", "a/b", "c"), ("c", "", "c"), ("/c", "/", "c"), ("a/", "a", ""),
                      ("roles/agent/print.html", "roles/agent", "print.html"),
                      ("a/\u{301}b", "a", "\u{301}b"), ("é/ü/ñ.html", "é/ü", "ñ.html")])
    func aPathIsSplitAtItsLastSlash(_ path: String, _ parent: String, _ name: String) {
        #expect(PathText.parent(path) == parent)
        #expect(PathText.name(path) == name)
        #expect(PathText.parent(path).utf8.count + PathText.name(path).utf8.count <= path.utf8.count)
    }

    /// Every `/` byte splits, the one before a combining mark too: by `Character`, `../\u{301}x`
    /// was one component, and a folder walk or a manifest check read no `..` in it.
    @Test(arguments: [("../\u{301}x", true, ["..", "\u{301}x"]), ("a//\u{301}/", true, ["a", "\u{301}"]),
                      ("a//\u{301}/", false, ["a", "", "\u{301}", ""]), ("/\u{301}", false, ["", "\u{301}"]),
                      ("é/ü", true, ["é", "ü"])])
    func everySlashSplitsAPath(_ path: String, _ omittingEmpty: Bool, _ components: [String]) {
        #expect(PathText.components(path, omittingEmpty: omittingEmpty).map { Array($0.unicodeScalars) } == components.map { Array($0.unicodeScalars) })
    }
}
