import Foundation
import GFM
import Mustache
@testable import SOPKit

/// Walks a Mustache template of the default theme against a page model, the way swift-mustache
/// would look names up (sections push a context, names climb the stack, partials and the layout
/// see the same stack), without rendering: every name must be a field, every `{{{…}}}` a
/// `SafeHTML` field (a `MarkdownSource` field in a `MARKDOWN` template), and no `SafeHTML` field
/// may be escaped.
struct TemplateWalk {
    let sources: [String: String]
    var problems: [String] = []
    /// `Owner.field` of each raw field (`SafeHTML`, or `MarkdownSource`) a template writes with `{{{…}}}`.
    var unescaped: Set<String> = []

    init(folder: URL) {
        var sources: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".mustache") {
            sources[String(name.dropLast(".mustache".count))] = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        self.sources = sources
    }

    private static let tag = try! NSRegularExpression(pattern: #"\{\{\{\s*([^}]+?)\s*\}\}\}|\{\{([#^/>$<!%&]?)\s*([^}]*?)\s*\}\}"#)

    func isMarkdown(_ template: String) -> Bool { sources[template]?.contains("CONTENT_TYPE: MARKDOWN") == true }

    mutating func walk(_ template: String, model: Any) {
        walk(template, stack: [model])
    }

    private mutating func walk(_ template: String, stack initial: [Any?]) {
        guard let text = sources[template] else { problems.append("no template \(template)"); return }
        let markdown = text.contains("CONTENT_TYPE: MARKDOWN")
        var stack = initial
        let range = NSRange(text.startIndex..., in: text)
        for match in Self.tag.matches(in: text, range: range) {
            if let name = Range(match.range(at: 1), in: text).map({ String(text[$0]) }) {
                guard let found = lookup(name, in: stack) else {
                    problems.append("\(template): {{{\(name)}}} names no field"); continue
                }
                if markdown ? found.value is MarkdownSource : found.value is SafeHTML { unescaped.insert(found.field) } else {
                    problems.append("\(template): {{{\(name)}}} is \(type(of: found.value)), not \(markdown ? "MarkdownSource" : "SafeHTML"): "
                                    + "it would not be escaped")
                }
                continue
            }
            let sigil = Range(match.range(at: 2), in: text).map { String(text[$0]) } ?? ""
            let name = Range(match.range(at: 3), in: text).map { String(text[$0]) } ?? ""
            switch sigil {
            case "!", "%":
                continue
            case "/":
                stack.removeLast()
            case ">":
                walk(name, stack: stack)
            case "<":
                walk(name, stack: stack)
                stack.append(nil)
            case "$", "^":
                if sigil == "^", lookup(name, in: stack) == nil { problems.append("\(template): {{^\(name)}} names no field") }
                stack.append(nil)
            case "#":
                guard let found = lookup(name, in: stack) else {
                    problems.append("\(template): {{#\(name)}} names no field"); stack.append(nil); continue
                }
                switch found.value {
                case is Bool: stack.append(nil)
                case let list as [Any]: stack.append(list.first)
                default: stack.append(found.value)
                }
            default:
                guard let found = lookup(name, in: stack) else { problems.append("\(template): {{\(name)}} names no field"); continue }
                if found.value is SafeHTML, !markdown { problems.append("\(template): {{\(name)}} escapes SafeHTML; write {{{\(name)}}}") }
            }
        }
    }

    /// The value `name` resolves to, and the field it was found in (`Owner.label`).
    private func lookup(_ name: String, in stack: [Any?]) -> (value: Any, field: String)? {
        if name == "." { return stack.last(where: { $0 != nil })!.map { ($0, ".") } }
        let parts = name.split(separator: ".").map(String.init)
        for frame in stack.reversed() {
            guard let frame, var found = Self.field(parts[0], of: frame) else { continue }
            for part in parts.dropFirst() {
                guard let next = Self.field(part, of: found.value) else { return nil }
                found = next
            }
            return found
        }
        return nil
    }

    static func field(_ name: String, of model: Any) -> (value: Any, field: String)? {
        if let parts = pageParts(model) {
            return field(name, of: parts.content) ?? field(name, of: parts.chrome)
        }
        guard let value = TemplateLookup.field(name, of: model) else { return nil }
        return (value, "\(type(of: model)).\(name)")
    }

    static func pageParts(_ model: Any) -> (content: Any, chrome: Any)? {
        let mirror = Mirror(reflecting: model)
        guard String(describing: type(of: model)).hasPrefix("Page<"),
              let content = mirror.children.first(where: { $0.label == "content" })?.value,
              let chrome = mirror.children.first(where: { $0.label == "chrome" })?.value else { return nil }
        return (content, chrome)
    }

    /// Every raw field reachable in `model`, as `Owner.label`: `SafeHTML` ones, or `MarkdownSource`
    /// ones for a Markdown template.
    static func rawFields(of model: Any, markdown: Bool) -> Set<String> {
        if let parts = pageParts(model) {
            return rawFields(of: parts.content, markdown: markdown).union(rawFields(of: parts.chrome, markdown: markdown))
        }
        var fields: Set<String> = []
        for child in Mirror(reflecting: model).children {
            guard let label = child.label, let value = TemplateLookup.field(label, of: model) else { continue }
            if markdown ? value is MarkdownSource : value is SafeHTML {
                fields.insert("\(type(of: model)).\(label)")
            } else if let list = value as? [Any] {
                if let first = list.first { fields.formUnion(rawFields(of: first, markdown: markdown)) }
            } else if Mirror(reflecting: value).displayStyle == .struct, !(value is SafeHTML || value is MarkdownSource) {
                fields.formUnion(rawFields(of: value, markdown: markdown))
            }
        }
        return fields
    }
}
