import Foundation

/// A link written in an SOP, classified: another SOP (by pack path, with an optional heading),
/// a heading of the same page, or something sopgen leaves alone.
enum LinkTarget: Hashable, Sendable {
    case sop(path: String, fragment: String?)
    case samePage(fragment: String)
    case external

    /// `destination` as written in the file at `sourcePath` (pack-relative).
    init(_ destination: String, from sourcePath: String) {
        // Every link of every view is classified: an ASCII destination (nearly all of them) is
        // read as bytes, where Character and byte agree; anything else takes the general path.
        self = Self.isASCII(destination)
            ? Self.ascii(Array(destination.utf8), from: sourcePath) : Self.general(destination, from: sourcePath)
    }

    /// Whether `text` is all ASCII, read from its UTF-8 buffer (not through `String.UTF8View`'s
    /// iterator, a quarter of the time classifying a link took).
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } }
    }

    /// `init` for any destination, by Character.
    static func general(_ destination: String, from sourcePath: String) -> LinkTarget {
        if destination.hasPrefix("#") {
            return .samePage(fragment: String(destination.dropFirst()))
        }
        let hasScheme = destination.firstIndex(of: ":").map { colon in
            !destination[..<colon].contains("/") && !destination[..<colon].contains("#")
        } ?? false
        guard !hasScheme, !destination.hasPrefix("//"), !destination.isEmpty else { return .external }
        let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let fragment = parts.count > 1 ? String(parts[1]) : nil
        return sop(String(parts[0].prefix { $0 != "?" }), fragment: fragment, from: sourcePath)
    }

    /// The SOP a link's path (before its query and fragment) names, if it names a Markdown file:
    /// percent-decoded, relative to the linking file's folder, or to the pack's root when it
    /// starts with `/` (`/procedures/b.md`; on the web it would be the server's root, a link
    /// that leads nowhere). Anything else (`/wp-admin/`, `logo.png`) is left alone.
    private static func sop(_ path: String, fragment: String?, from sourcePath: String) -> LinkTarget {
        let decoded = path.contains("%") ? (path.removingPercentEncoding ?? path) : path
        guard decoded.hasSuffix(".md") else { return .external }
        let rooted = decoded.hasPrefix("/")
        return .sop(path: normalise(rooted ? String(decoded.dropFirst()) : decoded, relativeTo: rooted ? "" : sourcePath),
                    fragment: fragment)
    }

    /// `init` for an ASCII destination, step for step on its bytes.
    static func ascii(_ bytes: [UInt8], from sourcePath: String) -> LinkTarget {
        let hash = UInt8(ascii: "#"), slash = UInt8(ascii: "/")
        if bytes.first == hash { return .samePage(fragment: String(decoding: bytes.dropFirst(), as: UTF8.self)) }
        let hasScheme = bytes.firstIndex(of: UInt8(ascii: ":")).map { colon in
            !bytes[..<colon].contains(slash) && !bytes[..<colon].contains(hash)
        } ?? false
        guard !hasScheme, !bytes.starts(with: [slash, slash]), !bytes.isEmpty else { return .external }
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
        var components = sourcePath.split(separator: "/").dropLast().map(String.init)
        for component in path.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() } else { components.append("..") }
            default: components.append(String(component))
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
        // Where each component kept so far begins in `joined`, its separator included.
        var marks: [Int] = []
        func push(_ component: UnsafeBufferPointer<UInt8>.SubSequence) {
            marks.append(joined.count)
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
                    if let mark = marks.popLast() { joined.removeSubrange(mark...) } else { push(component) }
                    continue
                }
                push(component)
            }
        }
        return String(decoding: joined, as: UTF8.self)
    }
}
