import Yams

/// Between YAML and `JSONValue`: a playbook file read for export (every scalar as text, as the
/// decoder reads it), a playbook written by import through Yams' emitter (text that would read
/// back as null, a boolean or a number is quoted), and the written file read back with YAML's
/// own types to prove that every value survives.
extension JSONValue {
    /// Every scalar as text, with where each value starts in the file.
    static func text(from node: Node, path: String = "", origins: inout [String: PlaybookRedactor.Origin]) -> JSONValue {
        let block = node.scalar?.style == .literal || node.scalar?.style == .folded
        origins[path] = .init(line: (node.mark?.line ?? 0) + (block ? 1 : 0), linesFollowText: true)
        switch node {
        case .scalar(let scalar):
            return .string(scalar.string)
        case .sequence(let sequence):
            return .array(sequence.enumerated().map { text(from: $1, path: "\(path)[\($0)]", origins: &origins) })
        case .mapping(let mapping):
            return .object(mapping.map { key, value in
                let name = key.scalar?.string ?? "?"
                let child = path.isEmpty ? name : "\(path).\(name)"
                if origins[child] == nil, let line = key.mark?.line { origins[child] = .init(line: line, linesFollowText: true) }
                return Member(key: name, value: text(from: value, path: child, origins: &origins))
            })
        case .alias:
            return .string("")
        }
    }

    /// YAML's reading of a node: plain `null`, `~` and empty are null, `true` a boolean, `12` a number.
    static func typed(from node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch Resolver.default.resolveTag(of: node) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int, .float: return .number(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            return .array(sequence.map(typed(from:)))
        case .mapping(let mapping):
            return .object(mapping.map { Member(key: $0.key.scalar?.string ?? "?", value: typed(from: $0.value)) })
        case .alias:
            return .null
        }
    }

    /// A YAML node for the value: text as main's one rule writes it (`YAMLValue`: quoted wherever a
    /// reader could take it for something else), multi-line text as a literal block; mapping keys listed in `order` for their path first (a list's
    /// items share its path), the rest in byte order.
    func yamlNode(order: [String: [String]], path: String = "") throws -> Node {
        switch self {
        case .string(let text):
            return text.contains("\n") ? Node(text, Tag(.str), .literal) : YAMLValue.text(text)
        case .number(let text):
            return Node(text, Tag(.int))
        case .bool(let flag):
            return YAMLValue.flag(flag)
        case .null:
            return Node("null", Tag(.null))
        case .array(let items):
            return Node(try items.map { try $0.yamlNode(order: order, path: path) })
        case .object(let members):
            let first = order[path] ?? []
            let sorted = members.sorted { a, b in
                let (rankA, rankB) = (first.firstIndex(of: a.key) ?? Int.max, first.firstIndex(of: b.key) ?? Int.max)
                return rankA != rankB ? rankA < rankB : a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
            }
            return Node(try sorted.map { member in
                let child = path.isEmpty ? member.key : "\(path).\(member.key)"
                return (YAMLValue.text(member.key), try member.value.yamlNode(order: order, path: child))
            })
        }
    }
}
