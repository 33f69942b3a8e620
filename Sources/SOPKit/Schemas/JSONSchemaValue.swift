import Foundation

/// A JSON value, enough to write a JSON Schema: `PackSchema` builds them, `json` prints one with
/// sorted keys so the files in `schemas/` are stable.
public indirect enum JSONSchemaValue: Sendable, Hashable, Encodable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String)
    case bool(Bool)
    case int(Int)
    case number(Double)
    case null
    case array([JSONSchemaValue])
    case object([String: JSONSchemaValue])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONSchemaValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONSchemaValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .number(let value): try container.encode(value.isFinite ? value : 0)
        case .null: try container.encodeNil()
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Pretty-printed with sorted keys and a final newline.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The value with `key` set, for an object; any other value is returned unchanged.
    func with(_ key: String, _ value: JSONSchemaValue) -> JSONSchemaValue {
        guard case .object(var object) = self else { return self }
        object[key] = value
        return .object(object)
    }
}
