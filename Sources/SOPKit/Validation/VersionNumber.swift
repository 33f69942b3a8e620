/// A version as site records and `requirements` write it: one to four dotted numbers, then an
/// optional pre-release (`-beta.2`) or build (`+1`) suffix: 6.8, 8.2.28, 2.4.0-beta.2.
/// One definition for the check (`invalid-version`) and for the order of rollout gates.
struct VersionNumber: Sendable, Hashable {
    /// Longer numbers are typing mistakes, and would not fit in an `Int` anyway.
    static let maximumDigits = 9

    var components: [Int]

    init?(_ text: String) {
        let core = text.prefix { $0 != "-" && $0 != "+" }
        let suffix = text[core.endIndex...]
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count),
              parts.allSatisfy({ (1...Self.maximumDigits).contains($0.utf8.count) && $0.utf8.allSatisfy(Self.isDigit) }),
              suffix.isEmpty || suffix.utf8.dropFirst().contains(where: { Self.isDigit($0) || Self.isLetter($0) }),
              suffix.utf8.allSatisfy({ Self.isDigit($0) || Self.isLetter($0) || Array(".-+".utf8).contains($0) }) else { return nil }
        components = parts.compactMap { Int($0) }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    /// Numerically, component by component; missing components count as 0 (6.8 equals 6.8.0).
    /// The suffix does not take part.
    static func compare(_ lhs: VersionNumber, _ rhs: VersionNumber) -> Int {
        for index in 0..<max(lhs.components.count, rhs.components.count) {
            let a = index < lhs.components.count ? lhs.components[index] : 0
            let b = index < rhs.components.count ? rhs.components[index] : 0
            if a != b { return a < b ? -1 : 1 }
        }
        return 0
    }
}
