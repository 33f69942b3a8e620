/// A JSON value with its object members in order, as `StrictJSONParser` reads it and as a bundle is
/// written. Numbers keep their source text: a bundle has one number (`format_version`) and it is
/// compared, never computed with.
enum JSONValue: Sendable, Hashable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([Member])

    struct Member: Sendable, Hashable {
        var key: String
        var value: JSONValue
    }

    static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { Member(key: $0.key, value: $0.value) })
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var members: [Member]? {
        if case .object(let members) = self { return members }
        return nil
    }

    subscript(key: String) -> JSONValue? {
        members?.first { $0.key == key }?.value
    }

    /// What a value is, for messages: "text", "a number", "true"…
    var kind: String {
        switch self {
        case .string: "text"
        case .number(let text): "the number \(text)"
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .array: "a list"
        case .object: "an object"
        }
    }

    /// The same value without the members named `keys` (the checksum and signature of a manifest).
    func removing(_ keys: Set<String>) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { !keys.contains($0.key) })
    }

    /// Every string in the value with the path it sits at; a key with the path of its object, so a
    /// key that is a secret is not repeated in the path.
    func strings(at path: String = "") -> [(path: String, text: String, isKey: Bool)] {
        switch self {
        case .string(let text):
            return [(path, text, false)]
        case .array(let items):
            return items.enumerated().flatMap { $1.strings(at: "\(path)[\($0)]") }
        case .object(let members):
            return members.flatMap { member -> [(path: String, text: String, isKey: Bool)] in
                let child = path.isEmpty ? member.key : "\(path).\(member.key)"
                return [(path, member.key, true)] + member.value.strings(at: child)
            }
        case .number, .bool, .null:
            return []
        }
    }
}
