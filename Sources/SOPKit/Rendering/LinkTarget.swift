import Foundation

/// A link written in an SOP, classified: another SOP (by pack path, with an optional heading),
/// a heading of the same page, or something sopgen leaves alone.
enum LinkTarget: Hashable, Sendable {
    case sop(path: String, fragment: String?)
    case samePage(fragment: String)
    case external

    /// `destination` as written in the file at `sourcePath` (pack-relative), read on its UTF-8
    /// bytes: the characters that split a destination (`#`, `?`, `:`, `/`) are ASCII, and an ASCII
    /// byte is never part of another character's bytes (where a Character is: `?` followed by a
    /// combining accent is one Character, and splitting on Characters missed it).
    init(_ destination: String, from sourcePath: String) {
        self = Self.utf8(Array(destination.utf8), from: sourcePath)
    }

    /// Whether `text` is all ASCII, read from its UTF-8 buffer (not through `String.UTF8View`'s
    /// iterator, a quarter of the time classifying a link took).
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } }
    }

    /// Whether `destination` begins with a URL scheme (RFC 3986: a letter, then letters, digits,
    /// `+`, `-` or `.`, then `:`): `mailto:`, `https:`, not `b.md?t=10:30`.
    static func hasScheme(_ destination: some Collection<UInt8>) -> Bool {
        guard let colon = destination.firstIndex(of: UInt8(ascii: ":")), let first = destination.first,
              isLetter(first) else { return false }
        return destination[..<colon].allSatisfy { isLetter($0) || (0x30...0x39).contains($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// `init`, step by step on Unicode scalars: the reference the byte reading is tested against.
    static func general(_ destination: String, from sourcePath: String) -> LinkTarget {
        let scalars = Array(destination.unicodeScalars)
        if scalars.first == "#" { return .samePage(fragment: String(String.UnicodeScalarView(scalars.dropFirst()))) }
        guard !hasScheme(Array(destination.utf8)), !destination.unicodeScalars.starts(with: "//".unicodeScalars),
              !scalars.isEmpty else { return .external }
        let hash = scalars.firstIndex(of: "#")
        let beforeFragment = scalars[..<(hash ?? scalars.endIndex)]
        let path = beforeFragment.prefix { $0 != "?" }
        let fragment = hash.map { String(String.UnicodeScalarView(scalars[($0 + 1)...])) }
        return sop(String(String.UnicodeScalarView(path)), fragment: fragment, from: sourcePath)
    }

    /// The SOP a link's path (before its query and fragment) names, if it names a Markdown file:
    /// percent-decoded, relative to the linking file's folder, or to the pack's root when it
    /// starts with `/` (`/procedures/b.md`; on the web it would be the server's root, a link
    /// that leads nowhere), where a `..` stays at the root, as in a browser. Anything else
    /// (`/wp-admin/`, `logo.png`) is left alone.
    private static func sop(_ path: String, fragment: String?, from sourcePath: String) -> LinkTarget {
        // On bytes, as `PathText` splits paths (and `String.contains` would go through Foundation,
        // a fiftieth of a build): `/` with a combining mark after it is still a `/`.
        let decoded = path.utf8.contains(UInt8(ascii: "%")) ? (path.removingPercentEncoding ?? path) : path
        guard decoded.utf8.count >= 3, decoded.utf8.suffix(3).elementsEqual(".md".utf8) else { return .external }
        guard decoded.utf8.first == UInt8(ascii: "/") else { return .sop(path: normalise(decoded, relativeTo: sourcePath), fragment: fragment) }
        var rooted = normalise(String(Substring(decoded.utf8.dropFirst())), relativeTo: "")[...]
        while rooted.utf8.starts(with: "../".utf8) { rooted = Substring(rooted.utf8.dropFirst(3)) }
        return .sop(path: String(rooted), fragment: fragment)
    }

    /// `init` on the destination's UTF-8 bytes.
    static func utf8(_ bytes: [UInt8], from sourcePath: String) -> LinkTarget {
        let hash = UInt8(ascii: "#"), slash = UInt8(ascii: "/")
        if bytes.first == hash { return .samePage(fragment: String(decoding: bytes.dropFirst(), as: UTF8.self)) }
        guard !hasScheme(bytes), !bytes.starts(with: [slash, slash]), !bytes.isEmpty else { return .external }
        let fragmentStart = bytes.firstIndex(of: hash)
        var pathBytes = bytes[..<(fragmentStart ?? bytes.endIndex)]
        if let query = pathBytes.firstIndex(of: UInt8(ascii: "?")) { pathBytes = pathBytes[..<query] }
        // Most relative links that are not SOPs (`logo.png`) end here, before any String is made.
        let percent = pathBytes.contains(UInt8(ascii: "%"))
        guard percent || (pathBytes.count >= 3 && pathBytes.suffix(3).elementsEqual(".md".utf8)) else { return .external }
        let fragment = fragmentStart.map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) }
        return sop(String(decoding: pathBytes, as: UTF8.self), fragment: fragment, from: sourcePath)
    }

    /// Joins `path` to the folder of `sourcePath` and folds `.` and `..`; nil-safe above the root.
    static func normalise(_ path: String, relativeTo sourcePath: String) -> String {
        if isASCII(path), isASCII(sourcePath) {
            return normaliseASCII(path, relativeTo: sourcePath)
        }
        return normaliseByComponents(path, relativeTo: sourcePath)
    }

    /// `normalise` by `String` components: the rule `normaliseASCII` follows on bytes.
    static func normaliseByComponents(_ path: String, relativeTo sourcePath: String) -> String {
        var components = Array(PathText.components(sourcePath).dropLast())
        for component in PathText.components(path) {
            switch component {
            case ".": continue
            // Above the root a path stays above it: `..` never folds an earlier `..`.
            case "..": if let last = components.last, last != ".." { components.removeLast() } else { components.append("..") }
            default: components.append(component)
            }
        }
        return components.joined(separator: "/")
    }

    /// `normalise` on bytes, for ASCII paths (the same components, as `split` finds them: empty
    /// ones left out), written straight into one buffer: every link of every view comes here.
    private static func normaliseASCII(_ path: String, relativeTo sourcePath: String) -> String {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var joined: [UInt8] = []
        joined.reserveCapacity(path.utf8.count + sourcePath.utf8.count)
        // Where each component kept so far begins in `joined`, its separator included, and
        // whether it is `..`.
        var marks: [Int] = []
        var ups: [Bool] = []
        func push(_ component: UnsafeBufferPointer<UInt8>.SubSequence) {
            marks.append(joined.count)
            ups.append(component.count == 2 && component.allSatisfy { $0 == dot })
            if marks.count > 1 { joined.append(slash) }
            joined.append(contentsOf: component)
        }
        var source = sourcePath
        source.withUTF8 { bytes in
            // The folder of `sourcePath`: every component but the last, as they are.
            var pending: Range<Int>?
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == slash {
                if index > start {
                    if let previous = pending { push(bytes[previous]) }
                    pending = start..<index
                }
                start = index + 1
            }
        }
        var relative = path
        relative.withUTF8 { bytes in
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == slash {
                defer { start = index + 1 }
                guard index > start else { continue }
                let component = bytes[start..<index]
                if component.count == 1, component.first == dot { continue }
                if component.count == 2, component.first == dot, component.last == dot {
                    if let mark = marks.last, ups.last == false {
                        marks.removeLast()
                        ups.removeLast()
                        joined.removeSubrange(mark...)
                    } else {
                        push(component)
                    }
                    continue
                }
                push(component)
            }
        }
        return String(decoding: joined, as: UTF8.self)
    }
}
