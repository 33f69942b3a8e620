/// Lower-case hex for digests and other bytes: the one spelling every hash sopgen prints uses
/// (input hashes, bundle checksums, SARIF fingerprints, handbook versions, knowledge-check seeds).
/// Written without `String(format:)`, which costs more than the hash itself.
extension Sequence<UInt8> {
    var hexDigits: String {
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(HexDigit.digits[Int(byte >> 4)])
            text.append(HexDigit.digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

private enum HexDigit {
    static let digits = Array("0123456789abcdef".utf8)
}
