import Testing
@testable import SOPKit

/// Links are classified on their UTF-8 bytes: the same answers as the reference reading on
/// Unicode scalars.
@Suite struct LinkTargetTests {
    static let destinations = [
        "", "#", "#rules", "#a#b", "/abs.md", "https://example.com/x.md", "mailto:a@b", "a:b/c.md", "a/b:c.md", "a#b:c.md",
        "policy.md", "policy.md#rules", "policy.md#", "../other/policy.md", "../../up/too/far.md", "./here.md", "a//b.md",
        "folder/./x.md#y#z", "x.MD", ".md", "md", "a%20b.md", "a%zz.md", "a%C3%A9.md", "index.html", "policy.md?x=1",
        "..", "../", "a/..", "a/../b.md", "/procedures/b.md", "/procedures/b.md#x", "//host/x.md", "/wp-admin/", "b%2Emd",
        "policy.md?v=1#rules", "?x.md", "a.md?", "/%2E%2E/x.md", "/", "/.md", "b.md?t=10:30#x", "b.md?a:b", "1b.md:x",
        "b.md?\u{301}v=1#x", "b.md#\u{301}x", "#\u{301}x", "é:x.md", "a+b.c-d:x.md", "/../../etc/passwd.md", "../../../a/b.md",
    ]
    static let sources = ["procedures/guide.md", "guide.md", "procedures/deep/er/guide.md", "", "/lead.md"]

    @Test(arguments: destinations) func theByteReadingAgreesWithTheGeneralOne(destination: String) {
        for source in Self.sources {
            #expect(LinkTarget.utf8(Array(destination.utf8), from: source) == LinkTarget.general(destination, from: source),
                    "\(destination) from \(source)")
        }
    }

    /// The byte folding of `.` and `..` writes what folding `String` components writes.
    @Test(arguments: destinations + ["a/./../../b/c.md", "../../../x.md", "./../a/.././b.md", "a///b//", "/", "//", "...", ".../x.md"])
    func foldingOnBytesAgreesWithFoldingComponents(path: String) {
        for source in Self.sources + ["a//b/c.md", "/", "x/../y/z.md", "deep/"] {
            #expect(LinkTarget.normalise(path, relativeTo: source) == LinkTarget.normaliseByComponents(path, relativeTo: source),
                    "\(path) from \(source)")
        }
    }

    /// Links a browser would follow to the SOP but that were once left as written, unchecked.
    @Test func rootedQueriedAndEncodedSOPLinksAreSOPs() {
        let from = "procedures/deep/guide.md"
        #expect(LinkTarget("/procedures/b.md#x", from: from) == .sop(path: "procedures/b.md", fragment: "x"))
        #expect(LinkTarget("b.md?v=1#x", from: from) == .sop(path: "procedures/deep/b.md", fragment: "x"))
        #expect(LinkTarget("b%2Emd", from: from) == .sop(path: "procedures/deep/b.md", fragment: nil))
        // From the root, as in a browser: `..` stays at the root.
        #expect(LinkTarget("/../procedures/b.md", from: from) == .sop(path: "procedures/b.md", fragment: nil))
        #expect(LinkTarget("/../../procedures/b.md", from: from) == .sop(path: "procedures/b.md", fragment: nil))
        #expect(LinkTarget("/%2e%2e/%2E%2E/procedures/b.md", from: from) == .sop(path: "procedures/b.md", fragment: nil))
        // Relative, above the pack's folder a path stays above it (no SOP is there).
        #expect(LinkTarget("../../../procedures/b.md", from: from) == .sop(path: "../procedures/b.md", fragment: nil))
        #expect(LinkTarget("../../../../procedures/b.md", from: from) == .sop(path: "../../procedures/b.md", fragment: nil))
        // A colon in the query is no scheme; a combining accent after `?` or `#` does not hide it.
        #expect(LinkTarget("b.md?t=10:30#x", from: from) == .sop(path: "procedures/deep/b.md", fragment: "x"))
        #expect(LinkTarget("1-b.md?a:b", from: from) == .sop(path: "procedures/deep/1-b.md", fragment: nil))
        #expect(LinkTarget("b.md?\u{301}v=1#x", from: from) == .sop(path: "procedures/deep/b.md", fragment: "x"))
        #expect(LinkTarget("b.md#\u{301}x", from: from) == .sop(path: "procedures/deep/b.md", fragment: "\u{301}x"))
        #expect(LinkTarget("mailto:a@b.md", from: from) == .external)
        #expect(LinkTarget("web+x:b.md", from: from) == .external)
        // Not SOPs: another host, a page of the WordPress site, a query alone.
        #expect(LinkTarget("//host/x.md", from: from) == .external)
        #expect(LinkTarget("/wp-admin/options.php", from: from) == .external)
        #expect(LinkTarget("?x.md", from: from) == .external)
    }

    @Test func nonASCIIDestinationsAreRead() {
        #expect(LinkTarget("café.md#über", from: "procedures/guide.md") == .sop(path: "procedures/café.md", fragment: "über"))
        #expect(LinkTarget("../é/x.md", from: "procedures/guide.md") == .sop(path: "é/x.md", fragment: nil))
        #expect(LinkTarget("a%C3%A9.md", from: "procedures/guide.md") == .sop(path: "procedures/aé.md", fragment: nil))
        // A `/` before a combining mark still separates: the `..` folds, the root is dropped.
        #expect(LinkTarget("../\u{301}x.md", from: "procedures/guide.md") == .sop(path: "\u{301}x.md", fragment: nil))
        #expect(LinkTarget("/\u{301}x.md", from: "procedures/guide.md") == .sop(path: "\u{301}x.md", fragment: nil))
        #expect(LinkTarget("/../\u{301}x.md", from: "procedures/guide.md") == .sop(path: "\u{301}x.md", fragment: nil))
    }
}
