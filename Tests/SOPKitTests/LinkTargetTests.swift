import Testing
@testable import SOPKit

/// Links are classified on bytes when the destination is ASCII: the same answers as the general
/// path, which reads Characters.
@Suite struct LinkTargetTests {
    static let destinations = [
        "", "#", "#rules", "#a#b", "/abs.md", "https://example.com/x.md", "mailto:a@b", "a:b/c.md", "a/b:c.md", "a#b:c.md",
        "policy.md", "policy.md#rules", "policy.md#", "../other/policy.md", "../../up/too/far.md", "./here.md", "a//b.md",
        "folder/./x.md#y#z", "x.MD", ".md", "md", "a%20b.md", "a%zz.md", "a%C3%A9.md", "index.html", "policy.md?x=1",
        "..", "../", "a/..", "a/../b.md",
    ]
    static let sources = ["procedures/guide.md", "guide.md", "procedures/deep/er/guide.md", "", "/lead.md"]

    @Test(arguments: destinations) func theByteReadingAgreesWithTheGeneralOne(destination: String) {
        for source in Self.sources {
            #expect(LinkTarget.ascii(Array(destination.utf8), from: source) == LinkTarget.general(destination, from: source),
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

    @Test func nonASCIIDestinationsTakeTheGeneralPath() {
        #expect(LinkTarget("café.md#über", from: "procedures/guide.md") == .sop(path: "procedures/café.md", fragment: "über"))
        #expect(LinkTarget("../é/x.md", from: "procedures/guide.md") == .sop(path: "é/x.md", fragment: nil))
        #expect(LinkTarget("a%C3%A9.md", from: "procedures/guide.md") == .sop(path: "procedures/aé.md", fragment: nil))
    }
}
