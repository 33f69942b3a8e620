import Foundation
import Yams

/// Collects the diagnostics of decoding one file.
final class DecodingContext {
    let file: SourceFile
    var diagnostics: [Diagnostic] = []
    /// The file could not be read as YAML of the expected shape, so names it defines are unknown.
    var isBroken = false
    /// Ids of entries that were written but could not be decoded (a policy without a mode, say).
    var brokenIDs: Set<String> = []

    init(file: SourceFile) {
        self.file = file
    }

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(path: file.path) }
        return SourceLocation(path: file.path, line: mark.line, column: mark.column)
    }

    func error(_ code: DiagnosticCode, _ message: String, at node: Node?) {
        diagnostics.append(.error(code, message, at: location(node)))
    }

    /// Composes the file's YAML, turning Yams' errors into diagnostics. Nil when nothing usable came out.
    func compose() -> Node? {
        do {
            // UTF-8 named: the default reads the environment on every parse (3% of a check).
            if let node = try Yams.compose(yaml: file.text, .default, .default, .utf8) {
                ControlCharacters.check(node, in: self)
                return node
            }
            diagnostics.append(.error(.wrongType, "\(file.path) is empty; it must be a mapping of keys to values", at: SourceLocation(path: file.path)))
        } catch let error as YamlError {
            diagnostics.append(YAMLErrorTranslator.diagnostic(for: error, in: file))
        } catch {
            diagnostics.append(.error(.yamlSyntax, "cannot read YAML: \(error)", at: SourceLocation(path: file.path)))
        }
        isBroken = true
        return nil
    }
}

/// Reads one YAML mapping field by field. Every key it is not asked about is reported as unknown,
/// with the nearest known key suggested.
final class YAMLFields {
    let context: DecodingContext
    let node: Node
    private var values: [String: (key: Node, value: Node)] = [:]

    var location: SourceLocation { context.location(node) }

    init?(_ node: Node?, _ what: String, allowed: [String], context: DecodingContext) {
        self.context = context
        guard let node, case .mapping(let mapping) = node else {
            context.error(.wrongType, "\(what) must be a mapping of keys to values", at: node)
            return nil
        }
        self.node = node
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                context.error(.wrongType, "keys in \(what) must be plain names", at: key)
                continue
            }
            guard allowed.contains(name) else {
                context.error(.unknownKey, "unknown key '\(name)' in \(what)\(Suggestion.didYouMean(name, in: allowed))", at: key)
                continue
            }
            values[name] = (key, value)
        }
    }

    func has(_ key: String) -> Bool { values[key].map { !Self.isNull($0.value) } ?? false }

    /// True when the key is written, even with a null value.
    func hasKey(_ key: String) -> Bool { values[key] != nil }

    func keyLocation(_ key: String) -> SourceLocation { context.location(values[key]?.key ?? node) }

    func valueNode(_ key: String) -> Node? {
        guard let entry = values[key], !Self.isNull(entry.value) else { return nil }
        return entry.value
    }

    func string(_ key: String, required: Bool = false) -> Located<String>? {
        guard let value = valueNode(key) else {
            if required { missing(key) }
            return nil
        }
        guard let scalar = value.scalar else {
            context.error(.wrongType, "'\(key)' must be text, not a \(Self.kind(of: value))", at: value)
            return nil
        }
        let text = Self.trimmed(scalar.string)
        if text.isEmpty {
            if required { missing(key) }
            return nil
        }
        return Located(text, at: context.location(value))
    }

    /// A list of texts; a single text is taken as a list of one.
    func strings(_ key: String, required: Bool = false) -> [Located<String>] {
        guard let value = valueNode(key) else {
            if required { missing(key) }
            return []
        }
        if value.scalar != nil { return string(key).map { [$0] } ?? [] }
        guard case .sequence(let sequence) = value else {
            context.error(.wrongType, "'\(key)' must be a list of texts", at: value)
            return []
        }
        var result: [Located<String>] = []
        for item in sequence {
            guard let scalar = item.scalar, !Self.isNull(item) else {
                let problem = Self.isNull(item) ? "this one is empty (null); write its text or remove it" : "not a \(Self.kind(of: item))"
                context.error(.wrongType, "each item of '\(key)' must be text, \(problem)", at: item)
                continue
            }
            result.append(Located(scalar.string, at: context.location(item)))
        }
        if result.isEmpty, required { missing(key) }
        return result
    }

    func int(_ key: String, default defaultValue: Int) -> Int {
        guard let value = valueNode(key) else { return defaultValue }
        guard let number = value.int else {
            context.error(.wrongType, "'\(key)' must be a whole number", at: value)
            return defaultValue
        }
        return number
    }

    func bool(_ key: String, default defaultValue: Bool) -> Bool {
        guard let value = valueNode(key) else { return defaultValue }
        guard let flag = value.bool else {
            context.error(.wrongType, "'\(key)' must be true or false", at: value)
            return defaultValue
        }
        return flag
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required: Bool = false) -> Located<E>?
    where E.RawValue == String {
        guard let text = string(key, required: required) else { return nil }
        guard let value = E(rawValue: text.value) else {
            let names = E.allCases.map(\.rawValue)
            context.diagnostics.append(.error(.invalidValue,
                "'\(text.value)' is not a valid \(key); expected one of \(names.joined(separator: ", "))\(Suggestion.didYouMean(text.value, in: names))",
                at: text.location))
            return nil
        }
        return Located(value, at: text.location)
    }

    func fields(_ key: String, _ what: String, allowed: [String]) -> YAMLFields? {
        guard let value = valueNode(key) else { return nil }
        return YAMLFields(value, what, allowed: allowed, context: context)
    }

    func list(_ key: String, required: Bool = false) -> [Node] {
        guard let value = valueNode(key) else {
            if required { missing(key) }
            return []
        }
        guard case .sequence(let sequence) = value else {
            context.error(.wrongType, "'\(key)' must be a list", at: value)
            return []
        }
        return Array(sequence)
    }

    /// The raw key-value pairs, for maps whose keys are data (a role's surfaces, say).
    func entries(_ key: String) -> [(key: Node, value: Node)] {
        guard let value = valueNode(key) else { return [] }
        guard case .mapping(let mapping) = value else {
            context.error(.wrongType, "'\(key)' must be a mapping", at: value)
            return []
        }
        return mapping.map { ($0.key, $0.value) }
    }

    private func missing(_ key: String) {
        context.diagnostics.append(.error(.missingField, "missing required field '\(key)'", at: keyLocation(key)))
    }

    /// `text` without leading and trailing white space and line breaks. Most values have none:
    /// those are returned as they are, without a trip through `NSString`.
    static func trimmed(_ text: String) -> String {
        let edges = CharacterSet.whitespacesAndNewlines
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              edges.contains(first) || edges.contains(last) else { return text }
        return text.trimmingCharacters(in: edges)
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func kind(of node: Node) -> String {
        switch node {
        case .scalar: "text"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }
}
