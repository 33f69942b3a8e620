import Foundation

/// A link written in an SOP, classified: another SOP (by pack path, with an optional heading),
/// a heading of the same page, or something sopgen leaves alone.
enum LinkTarget: Hashable, Sendable {
    case sop(path: String, fragment: String?)
    case samePage(fragment: String)
    case external

    /// `destination` as written in the file at `sourcePath` (pack-relative).
    init(_ destination: String, from sourcePath: String) {
        if destination.hasPrefix("#") {
            self = .samePage(fragment: String(destination.dropFirst()))
            return
        }
        let hasScheme = destination.firstIndex(of: ":").map { colon in
            !destination[..<colon].contains("/") && !destination[..<colon].contains("#")
        } ?? false
        guard !hasScheme, !destination.hasPrefix("/"), !destination.isEmpty else {
            self = .external
            return
        }
        let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        guard path.hasSuffix(".md") else {
            self = .external
            return
        }
        let fragment = parts.count > 1 ? String(parts[1]) : nil
        let decoded = path.contains("%") ? (path.removingPercentEncoding ?? path) : path
        self = .sop(path: Self.normalise(decoded, relativeTo: sourcePath), fragment: fragment)
    }

    /// Joins `path` to the folder of `sourcePath` and folds `.` and `..`; nil-safe above the root.
    static func normalise(_ path: String, relativeTo sourcePath: String) -> String {
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
}
