@testable import GFM
import Testing

/// `HrefEscaping` writes an address as cmark-gfm does: checked against cmark-gfm's own rendering of
/// a link given the same address, for every ASCII byte and some scalars.
@Suite struct HrefEscapingTests {
    /// The `href` cmark-gfm writes for a link whose address is `address`.
    static func cmarkWrites(_ address: String, allowsRawHTML: Bool = false) -> String {
        let document = GFMDocument(markdown: "[x](y)\n", options: GFMOptions(allowsRawHTML: allowsRawHTML))
        let html = document.render(GFMView(rewriteLink: { _ in address })).html
        let start = html.range(of: "href=\"")!.upperBound
        return String(html[start...].prefix { $0 != "\"" })
    }

    static func written(_ address: String, keepsDangerous: Bool = false) -> String {
        String(decoding: HrefEscaping.written(address, keepsDangerous: keepsDangerous), as: UTF8.self)
    }

    @Test func everyASCIIByteIsWrittenAsCmarkWritesIt() {
        for byte in UInt8(1)...UInt8(127) {
            let address = "a" + String(UnicodeScalar(byte)) + "b"
            #expect(Self.written(address) == Self.cmarkWrites(address), "byte \(byte)")
        }
    }

    @Test(arguments: ["été.html#ça", "a b/c?d=e&f='g'", "#x--\u{1F600}", "\u{FFFD}\u{200B}", "", "%20%zz", "a\u{0}b", "\u{0}"])
    func addressesAreWrittenAsCmarkWritesThem(address: String) {
        #expect(Self.written(address) == Self.cmarkWrites(address))
    }

    @Test(arguments: ["javascript:alert(1)", "JavaScript:x", "vbscript:x", "file:///etc/passwd", "data:text/html,x",
                      "data:image/png;base64,AA", "a:javascript:x", "#javascript:x", "java\u{0}script:x"])
    func droppedAddressesAreDroppedAsCmarkDropsThem(address: String) {
        #expect(Self.written(address) == Self.cmarkWrites(address))
        #expect(Self.written(address, keepsDangerous: true) == Self.cmarkWrites(address, allowsRawHTML: true))
    }
}
