/// How cmark-gfm's HTML renderer writes a link's address in its `href` or `src` attribute: letters,
/// digits and ``!#$%()*+,-./:;=?@_~`` as they are, `&` as `&amp;`, `'` as `&#x27;`, every other byte
/// as `%XX` (upper-case hex); an address it takes for dangerous (`DroppedLinks`) not at all, unless
/// raw HTML is allowed. What `GFMDocument.render(sharing:)` writes in place of a link's marker;
/// `HrefEscapingTests` checks every ASCII byte and some scalars against cmark-gfm itself.
enum HrefEscaping {
    /// `address` as cmark-gfm writes it in an attribute: up to its first NUL (it holds a C string).
    static func written(_ address: String, keepsDangerous: Bool) -> [UInt8] {
        var address = address
        return address.withUTF8 { bytes in
            let end = bytes.firstIndex(of: 0) ?? bytes.count
            let held = UnsafeBufferPointer(rebasing: bytes[..<end])
            // Only an address with a `:` among its first eleven bytes can start with a scheme dropped.
            if !keepsDangerous, held.prefix(11).contains(UInt8(ascii: ":")),
               DroppedLinks.scheme(of: String(decoding: held, as: UTF8.self)) != nil { return [] }
            if held.allSatisfy(isKept) { return Array(held) }
            var output: [UInt8] = []
            output.reserveCapacity(held.count + 16)
            for byte in held {
                if isKept(byte) {
                    output.append(byte)
                } else if byte == UInt8(ascii: "&") {
                    output += ampersand
                } else if byte == UInt8(ascii: "'") {
                    output += apostrophe
                } else {
                    output += [UInt8(ascii: "%"), hexDigit(byte >> 4), hexDigit(byte & 0xF)]
                }
            }
            return output
        }
    }

    private static let ampersand = Array("&amp;".utf8)
    private static let apostrophe = Array("&#x27;".utf8)

    private static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"),
             UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "_"),
             UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }
}
