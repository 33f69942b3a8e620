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
        self = destination.utf8.allSatisfy({ $0 < 0x80 })
            ? Self.ascii(Array(destination.utf8), from: sourcePath) : Self.general(destination, from: sourcePath)
    }

    /// `init` for any destination, by Character.
    static func general(_ destination: String, from sourcePath: String) -> LinkTarget {
        if destination.hasPrefix("#") {
            return .samePage(fragment: String(destination.dropFirst()))
        }
        let hasScheme = destination.firstIndex(of: ":").map { colon in
            !destination[..<colon].contains("/") && !destination[..<colon].contains("#")
        } ?? false
        guard !hasScheme, !destination.hasPrefix("/"), !destination.isEmpty else { return .external }
        let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        guard path.hasSuffix(".md") else { return .external }
        let fragment = parts.count > 1 ? String(parts[1]) : nil
        let decoded = path.contains("%") ? (path.removingPercentEncoding ?? path) : path
        return .sop(path: normalise(decoded, relativeTo: sourcePath), fragment: fragment)
    }

    /// `init` for an ASCII destination, step for step on its bytes.
    static func ascii(_ bytes: [UInt8], from sourcePath: String) -> LinkTarget {
        let hash = UInt8(ascii: "#"), slash = UInt8(ascii: "/")
        if bytes.first == hash { return .samePage(fragment: String(decoding: bytes.dropFirst(), as: UTF8.self)) }
        let hasScheme = bytes.firstIndex(of: UInt8(ascii: ":")).map { colon in
            !bytes[..<colon].contains(slash) && !bytes[..<colon].contains(hash)
        } ?? false
        guard !hasScheme, bytes.first != slash, !bytes.isEmpty else { return .external }
        let fragmentStart = bytes.firstIndex(of: hash)
        let pathBytes = bytes[..<(fragmentStart ?? bytes.endIndex)]
        guard pathBytes.count >= 3, pathBytes.suffix(3).elementsEqual(".md".utf8) else { return .external }
        let fragment = fragmentStart.map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) }
        let path = String(decoding: pathBytes, as: UTF8.self)
        let decoded = pathBytes.contains(UInt8(ascii: "%")) ? (path.removingPercentEncoding ?? path) : path
        return .sop(path: normalise(decoded, relativeTo: sourcePath), fragment: fragment)
    }

    /// Joins `path` to the folder of `sourcePath` and folds `.` and `..`; nil-safe above the root.
    static func normalise(_ path: String, relativeTo sourcePath: String) -> String {
        if path.utf8.allSatisfy({ $0 < 0x80 }), sourcePath.utf8.allSatisfy({ $0 < 0x80 }) {
            return normaliseASCII(path, relativeTo: sourcePath)
        }
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

    /// `normalise` on bytes, for ASCII paths (the same components, as `split` finds them).
    private static func normaliseASCII(_ path: String, relativeTo sourcePath: String) -> String {
        let slash = UInt8(ascii: "/")
        var components = Array(sourcePath.utf8.split(separator: slash).dropLast())
        for component in path.utf8.split(separator: slash) {
            if component.elementsEqual(".".utf8) { continue }
            if component.elementsEqual("..".utf8) {
                if !components.isEmpty { components.removeLast() } else { components.append(Substring("..").utf8) }
                continue
            }
            components.append(component)
        }
        var joined: [UInt8] = []
        for (index, component) in components.enumerated() {
            if index > 0 { joined.append(slash) }
            joined += component
        }
        return String(decoding: joined, as: UTF8.self)
    }
}
