import Yams

/// A value an import can set in a site record: a text, a flag, or the active theme's fields.
/// Two values are equal when they mean the same, however they were written (`"6.8"` or `6.8`,
/// `yes` or `true`).
enum SiteRecordValue: Equatable {
    case text(String)
    case flag(Bool)
    case theme([(String, String)])

    static func == (lhs: SiteRecordValue, rhs: SiteRecordValue) -> Bool { lhs.summary == rhs.summary }

    var summary: String {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag ? "true" : "false"
        case .theme(let fields): fields.map { "\($0.0): \($0.1)" }.joined(separator: ", ")
        }
    }

    var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// The node written for it, in a style every YAML reader reads back as this value.
    var node: Node {
        switch self {
        case .text(let text): YAMLValue.text(text)
        case .flag(let flag): YAMLValue.flag(flag)
        case .theme(let fields): Node(fields.map { (YAMLValue.text($0.0), YAMLValue.text($0.1)) })
        }
    }

    init?(_ node: Node?) {
        guard let node else { return nil }
        if let scalar = node.scalar {
            if scalar.style == .plain, let flag = node.bool {
                self = .flag(flag)
            } else {
                self = .text(scalar.string)
            }
        } else if case .mapping(let mapping) = node {
            self = .theme(
                mapping.compactMap { key, value in
                    guard let key = key.scalar?.string, let value = value.scalar?.string else { return nil }
                    return (key, value)
                })
        } else {
            return nil
        }
    }
}
