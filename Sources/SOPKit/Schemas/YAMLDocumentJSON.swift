import Yams

/// A composed YAML document as the JSON an editor's YAML language server checks against a schema:
/// scalars typed as Yams resolves them for the decoders (null, bool, int, float, else text).
enum YAMLDocumentJSON {
    /// Nil when the text does not compose (a syntax error or a duplicate key: the editor reports those).
    static func value(of yaml: String) -> JSONSchemaValue? {
        do {
            return try Yams.compose(yaml: yaml).map(value) ?? .null
        } catch {
            return nil
        }
    }

    static func value(_ node: Node) -> JSONSchemaValue {
        switch node {
        case .scalar:
            if node.null != nil { return .null }
            if let flag = node.bool { return .bool(flag) }
            if let number = node.int { return .int(number) }
            if let number = node.float { return .number(number) }
            return .string(node.scalar?.string ?? "")
        case .sequence(let sequence):
            return .array(sequence.map(value))
        case .mapping(let mapping):
            var object: [String: JSONSchemaValue] = [:]
            for (key, item) in mapping {
                // A key that is not a scalar has no JSON spelling; the decoders refuse it, and so
                // does every schema (`additionalProperties: false`) under this name.
                object[key.scalar?.string ?? "\u{0}not a plain name"] = value(item)
            }
            return .object(object)
        case .alias:
            return .null
        }
    }
}
