import Mustache

/// A theme template as sopgen's own renderer runs it (`CompiledRenderer`): swift-mustache's parse
/// of the template, read once when the theme is compiled, with text as bytes, names split at their
/// dots and static partials and parents resolved to the template they name. The parse is
/// swift-mustache's own (its tokens, read by reflection), so the standalone-line, indentation and
/// comment rules are its rules by construction; only rendering is ours.
///
/// The subset: text, `{{name}}`, `{{{name}}}`/`{{&name}}`, dotted names and `{{.}}`, sections and
/// inverted sections, comments, static partials (`{{>name}}`), parents and blocks
/// (`{{<layout}}{{$content}}…`), and the `HTML`, `TEXT`, `SOPGEN_HTML` and `MARKDOWN` content
/// types. A template using anything else — transforms (`{{count(x)}}`), dynamic partials, another
/// content type — or reaching a template that does, is not compiled and renders with
/// swift-mustache (`CompiledTheme.template(named:)` is nil for it).
struct CompiledTemplate: Sendable {
    var nodes: [Node]

    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, [Node])
        case invertedSection(Name, [Node])
        /// A partial (`{{>name}}`) or a parent (`{{<name}}`, with its block overrides), by index
        /// into `CompiledTheme.templates`; `indentation` nil when the tag is not on a line of its own.
        case partial(Int, indentation: [UInt8]?, overrides: [Block]?)
        /// `{{$name}}default{{/name}}` where a parent's block is placed.
        case blockExpansion(name: String, default: [Node], indentation: [UInt8]?)
        case contentType(Escaping)
    }

    /// A block override of a parent: `{{$content}}…{{/content}}` inside `{{<layout}}`.
    struct Block: Sendable {
        var name: String
        var nodes: [Node]
    }

    /// A variable or section name as swift-mustache looks it up (`MustacheTemplate.getChild`).
    enum Name: Sendable, Equatable {
        /// `{{.}}` (or a name of dots only): the object on top of the context stack.
        case top
        /// `{{a.b}}`: `a` looked up from the top of the stack down, `b` on what was found.
        case stack([String])
        /// `{{.a.b}}`: `a` on the top object only, then `b`.
        case topOnly([String])

        init(_ name: String) {
            let parts = name.split(separator: ".").map(String.init)
            if name == "." {
                self = .top
            } else if name.first == "." {
                self = parts.isEmpty ? .top : .topOnly(parts)
            } else {
                self = parts.isEmpty ? .top : .stack(parts)
            }
        }
    }

    /// How `{{name}}` escapes a value: the template's content type.
    enum Escaping: Sendable {
        /// swift-mustache's `HTML` and sopgen's `SOPGEN_HTML` (the same bytes, `ThemeHTMLContentType`).
        case html
        case text
        case markdown
    }
}

/// Every template of a theme that the compiled renderer can run, by name, converted from the
/// swift-mustache library the theme compiler built.
struct CompiledTheme: Sendable {
    var templates: [CompiledTemplate] = []
    var indices: [String: Int] = [:]
    /// Tells this theme's renders apart from another's (`TemplateEngineComparison`).
    let identity = Identity()

    final class Identity: Sendable {}

    static let empty = CompiledTheme()

    func template(named name: String) -> CompiledTemplate? {
        indices[name].map { templates[$0] }
    }

    /// Each of `names` whose template, and every template it reaches, is in the subset.
    init(library: MustacheLibrary, names: [String]) {
        var converter = Converter(library: library)
        for name in names.sorted() {
            _ = converter.index(of: name)
        }
        templates = converter.templates
        indices = converter.indices.compactMapValues { $0 }
    }

    private init() {}

    /// Reads swift-mustache's token tree (`MustacheTemplate.tokens`, internal to it) through
    /// `Mirror`: each token an enum case and its associated values. Any case or shape it does not
    /// know — swift-mustache changed, or a feature outside the subset — makes the template
    /// uncompiled, never wrong.
    private struct Converter {
        let library: MustacheLibrary
        var templates: [CompiledTemplate] = []
        /// nil: not compilable (or being compiled: a loop, which the theme checks refuse anyway).
        var indices: [String: Int?] = [:]

        init(library: MustacheLibrary) {
            self.library = library
        }

        mutating func index(of name: String) -> Int? {
            if let known = indices[name] { return known }
            indices[name] = .some(nil)
            guard let template = library.getTemplate(named: name), let tokens = Self.tokens(of: template),
                  let nodes = convert(tokens) else { return nil }
            templates.append(CompiledTemplate(nodes: nodes))
            indices[name] = templates.count - 1
            return templates.count - 1
        }

        static func tokens(of template: MustacheTemplate) -> [Any]? {
            guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value else { return nil }
            let mirror = Mirror(reflecting: tokens)
            guard mirror.displayStyle == .collection else { return nil }
            return mirror.children.map(\.value)
        }

        mutating func convert(_ tokens: [Any]) -> [CompiledTemplate.Node]? {
            var nodes: [CompiledTemplate.Node] = []
            nodes.reserveCapacity(tokens.count)
            for token in tokens {
                guard let node = convert(token: token) else { return nil }
                nodes.append(node)
            }
            return nodes
        }

        /// The associated values of an enum case, in order.
        static func payload(_ value: Any) -> [Any] {
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .tuple else { return [value] }
            return mirror.children.map(\.value)
        }

        static func optional<T>(_ value: Any, as type: T.Type) -> T?? {
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .optional else { return nil }
            guard let wrapped = mirror.children.first?.value else { return .some(nil) }
            guard let typed = wrapped as? T else { return nil }
            return .some(typed)
        }

        mutating func template(_ value: Any) -> [CompiledTemplate.Node]? {
            guard let template = value as? MustacheTemplate, let tokens = Self.tokens(of: template) else { return nil }
            return convert(tokens)
        }

        mutating func convert(token: Any) -> CompiledTemplate.Node? {
            let mirror = Mirror(reflecting: token)
            guard mirror.displayStyle == .enum, let (label, value) = mirror.children.first.map({ ($0.label, $0.value) }) else { return nil }
            let payload = Self.payload(value)
            switch (label, payload.count) {
            case ("text", 1):
                guard let text = payload[0] as? String else { return nil }
                return .text(Array(text.utf8))
            case ("variable", 2), ("unescapedVariable", 2):
                guard let name = payload[0] as? String, let transforms = payload[1] as? [String], transforms.isEmpty else { return nil }
                return .variable(.init(name), escaped: label == "variable")
            case ("section", 3), ("invertedSection", 3):
                guard let name = payload[0] as? String, let transforms = payload[1] as? [String], transforms.isEmpty,
                      let nodes = template(payload[2]) else { return nil }
                return label == "section" ? .section(.init(name), nodes) : .invertedSection(.init(name), nodes)
            case ("partial", 3):
                guard let name = payload[0] as? String, let indentation = Self.optional(payload[1], as: String.self),
                      let inherits = Self.optional(payload[2], as: [String: MustacheTemplate].self),
                      let index = index(of: name) else { return nil }
                var overrides: [CompiledTemplate.Block]?
                if let inherits {
                    overrides = []
                    for (name, template) in inherits.sorted(by: { $0.key < $1.key }) {
                        guard let tokens = Self.tokens(of: template), let nodes = convert(tokens) else { return nil }
                        overrides?.append(.init(name: name, nodes: nodes))
                    }
                }
                return .partial(index, indentation: indentation.map { Array($0.utf8) }, overrides: overrides)
            case ("blockExpansion", 3):
                guard let name = payload[0] as? String, let nodes = template(payload[1]),
                      let indentation = Self.optional(payload[2], as: String.self) else { return nil }
                return .blockExpansion(name: name, default: nodes, indentation: indentation.map { Array($0.utf8) })
            case ("contentType", 1):
                switch payload[0] {
                case is ThemeHTMLContentType: return .contentType(.html)
                case is MarkdownContentType: return .contentType(.markdown)
                case let other:
                    // swift-mustache's own two, internal to it.
                    switch String(describing: type(of: other)) {
                    case "HTMLContentType": return .contentType(.html)
                    case "TextContentType": return .contentType(.text)
                    default: return nil
                    }
                }
            default:
                // Dynamic partials, a block definition out of place, a case swift-mustache added.
                return nil
            }
        }
    }
}
