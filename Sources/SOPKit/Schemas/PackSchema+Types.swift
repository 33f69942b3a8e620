/// The value shapes the decoders accept (`YAMLFields`), as JSON Schema. YAML scalars reach JSON as
/// strings, numbers or booleans; `YAMLFields` reads each of them as text, and treats null as absent.
extension PackSchema {
    static let scalar: JSONSchemaValue = ["string", "number", "boolean"]

    /// `string(_:)`: any scalar; a required one must not be blank.
    static func text(required: Bool = false) -> JSONSchemaValue {
        required ? ["type": scalar, "pattern": "\\S"] : ["type": ["string", "number", "boolean", "null"]]
    }

    /// `strings(_:)`: one scalar, or a list of scalars.
    static let texts: JSONSchemaValue = ["anyOf": [text(), ["type": "array", "items": ["type": scalar]]]]

    static let bool: JSONSchemaValue = ["type": ["boolean", "null"]]
    static let int: JSONSchemaValue = ["type": ["integer", "null"]]

    /// `enumeration(_:_:)`: one of the cases; an optional one may also be left empty.
    static func enumeration<E: RawRepresentable & CaseIterable>(_ type: E.Type, required: Bool = false) -> JSONSchemaValue
    where E.RawValue == String {
        let cases = type.allCases.map { JSONSchemaValue.string($0.rawValue) }
        return ["enum": .array(required ? cases : cases + [.null, ""])]
    }

    /// `YAMLFields`: a mapping with only the given keys.
    static func object(_ properties: [String: JSONSchemaValue], required: [String] = [], nullable: Bool = true) -> JSONSchemaValue {
        var schema: JSONSchemaValue = ["type": nullable ? ["object", "null"] : "object", "additionalProperties": false,
                                       "properties": .object(properties)]
        if !required.isEmpty { schema = schema.with("required", .array(required.map { .string($0) })) }
        return schema
    }

    /// `list(_:)`: a sequence of items.
    static func list(_ item: JSONSchemaValue, required: Bool = false) -> JSONSchemaValue {
        ["type": required ? "array" : ["array", "null"], "items": item]
    }
}
