/// Renders a `CompiledTemplate` over what `TemplateContext.context(of:)` made, into one byte
/// buffer, with swift-mustache 2.1.1's semantics (not the Mustache spec's where they differ):
///
/// - a name's first part is looked up from the top of the context stack down, the rest on what
///   was found, with no climbing back; a `TemplateObject` has its fields, a `TemplateHTML` its
///   `html`, a `MarkdownSource` its `text` (as swift-mustache's `Mirror` finds them), nothing else
///   has children;
/// - a section over an array renders once per element (none when empty), over a `Bool` when true
///   without pushing it, over anything else found (an empty text, 0, an empty object) once with it
///   pushed; an inverted section renders when the value is absent, false or an empty array (which
///   it pushes);
/// - `{{name}}` escapes by the content type in force (a partial or parent starts in HTML);
/// - in a partial or block whose tag stood on a line of its own, each tag's non-empty output that
///   follows a line feed of the same render call's output is indented — swift-mustache checks
///   per call (each array element is one), and a `\r\n` is not a line feed there.
///
/// A value it does not know (anything but the template value types, `Bool`, `Int`, `String`,
/// `MarkdownSource` and arrays of them), or one whose rendering is swift-mustache's
/// `String(describing:)` of a collection, throws `Unsupported`: the page renders with
/// swift-mustache instead (`ThemeLibrary.renderTemplate`).
struct CompiledRenderer {
    struct Unsupported: Error {}

    let theme: CompiledTheme
    private(set) var output: [UInt8] = []
    private var stack: [Any] = []

    init(theme: CompiledTheme) {
        self.theme = theme
    }

    /// `template` over `object`, as swift-mustache's `MustacheLibrary.render(_:withTemplate:)`.
    static func render(_ template: CompiledTemplate, in theme: CompiledTheme, object: Any) throws(Unsupported) -> [UInt8] {
        var renderer = CompiledRenderer(theme: theme)
        renderer.output.reserveCapacity(16_384)
        renderer.stack = [object]
        try renderer.render(template.nodes, frame: Frame(indentation: [], inherited: [], escaping: .html))
        return renderer.output
    }

    /// What a render call carries into the calls it makes (swift-mustache's `MustacheContext`).
    private struct Frame {
        var indentation: [UInt8]
        var inherited: [CompiledTemplate.Block]
        var escaping: CompiledTemplate.Escaping
    }

    private mutating func render(_ nodes: [CompiledTemplate.Node], frame: Frame) throws(Unsupported) {
        var frame = frame
        guard !frame.indentation.isEmpty else {
            for node in nodes {
                try render(node, frame: &frame)
            }
            return
        }
        let start = output.count
        for node in nodes {
            let mark = output.count
            // swift-mustache: `if renderedString.count > 0, string.last == "\n"` of this call's output.
            let due = mark > start && output[mark - 1] == UInt8(ascii: "\n") && !(mark - 2 >= start && output[mark - 2] == UInt8(ascii: "\r"))
            try render(node, frame: &frame)
            if due && output.count > mark {
                output.insert(contentsOf: frame.indentation, at: mark)
            }
        }
    }

    private mutating func render(_ node: CompiledTemplate.Node, frame: inout Frame) throws(Unsupported) {
        switch node {
        case .text(let bytes):
            output.append(contentsOf: bytes)
        case .variable(let name, let escaped):
            guard let value = try lookUp(name) else { return }
            try write(value, escaping: escaped ? frame.escaping : .text)
        case .section(let name, let nodes):
            let value = try lookUp(name)
            switch try Kind(value) {
            case .absent: return
            case .bool(let bool):
                if bool { try render(nodes, frame: frame) }
            case .list(let elements):
                for element in elements {
                    stack.append(element)
                    try render(nodes, frame: frame)
                    stack.removeLast()
                }
            case .objects(let elements):
                for element in elements {
                    stack.append(element)
                    try render(nodes, frame: frame)
                    stack.removeLast()
                }
            case .strings(let elements):
                for element in elements {
                    stack.append(element)
                    try render(nodes, frame: frame)
                    stack.removeLast()
                }
            case .value:
                stack.append(value!)
                try render(nodes, frame: frame)
                stack.removeLast()
            }
        case .invertedSection(let name, let nodes):
            let value = try lookUp(name)
            switch try Kind(value) {
            case .absent: try render(nodes, frame: frame)
            case .bool(let bool):
                if !bool { try render(nodes, frame: frame) }
            case .list(let elements):
                // swift-mustache pushes the empty sequence itself.
                guard elements.isEmpty else { return }
                stack.append(value!)
                try render(nodes, frame: frame)
                stack.removeLast()
            case .objects(let elements):
                guard elements.isEmpty else { return }
                stack.append(value!)
                try render(nodes, frame: frame)
                stack.removeLast()
            case .strings(let elements):
                guard elements.isEmpty else { return }
                stack.append(value!)
                try render(nodes, frame: frame)
                stack.removeLast()
            case .value: return
            }
        case .partial(let index, let indentation, let overrides):
            var inherited = frame.inherited
            if let overrides {
                // The outer template's overrides win (`merging` keeping the existing value).
                for block in overrides where !inherited.contains(where: { $0.name == block.name }) {
                    inherited.append(block)
                }
            }
            try render(theme.templates[index].nodes,
                       frame: Frame(indentation: frame.indentation + (indentation ?? []), inherited: inherited, escaping: .html))
        case .blockExpansion(let name, let defaultNodes, let indentation):
            let nodes = frame.inherited.first(where: { $0.name == name })?.nodes ?? defaultNodes
            try render(nodes, frame: Frame(indentation: frame.indentation + (indentation ?? []), inherited: frame.inherited, escaping: frame.escaping))
        case .contentType(let escaping):
            frame.escaping = escaping
        }
    }

    /// What a section sees in a value (`MustacheTemplate.renderSection`).
    private enum Kind {
        case absent
        case bool(Bool)
        case list([Any])
        case objects([TemplateObject])
        case strings([String])
        case value

        init(_ value: Any?) throws(Unsupported) {
            guard let value else {
                self = .absent
                return
            }
            switch ObjectIdentifier(type(of: value)) {
            case TypeIDs.object, TypeIDs.text, TypeIDs.html, TypeIDs.string, TypeIDs.int, TypeIDs.markdown:
                self = .value
            case TypeIDs.bool:
                self = .bool(value as! Bool)
            case TypeIDs.list:
                self = .list(value as! [Any])
            case TypeIDs.objects:
                self = .objects(value as! [TemplateObject])
            case TypeIDs.strings:
                self = .strings(value as! [String])
            default:
                // An array of another element type (`TemplateContext` hands an empty one on as
                // it is): its elements are looked up as any value is, when there are any.
                guard let list = value as? [Any], Mirror(reflecting: value).displayStyle == .collection else { throw Unsupported() }
                self = .list(list)
            }
        }
    }

    /// The types the renderer knows, compared by identity: no runtime cast until one matched.
    private enum TypeIDs {
        static let object = ObjectIdentifier(TemplateObject.self)
        static let text = ObjectIdentifier(TemplateText.self)
        static let html = ObjectIdentifier(TemplateHTML.self)
        static let string = ObjectIdentifier(String.self)
        static let bool = ObjectIdentifier(Bool.self)
        static let int = ObjectIdentifier(Int.self)
        static let markdown = ObjectIdentifier(MarkdownSource.self)
        static let list = ObjectIdentifier([Any].self)
        static let objects = ObjectIdentifier([TemplateObject].self)
        static let strings = ObjectIdentifier([String].self)
    }

    private func lookUp(_ name: CompiledTemplate.Name) throws(Unsupported) -> Any? {
        switch name {
        case .top:
            return stack.last
        case .topOnly(let parts):
            return try descend(parts[...], from: stack[stack.count - 1])
        case .stack(let parts):
            var index = stack.count - 1
            while index >= 0 {
                if let found = try Self.child(parts[0], of: stack[index]) {
                    return try descend(parts.dropFirst(), from: found)
                }
                index -= 1
            }
            return nil
        }
    }

    private func descend(_ parts: ArraySlice<String>, from value: Any) throws(Unsupported) -> Any? {
        var value = value
        for part in parts {
            guard let child = try Self.child(part, of: value) else { return nil }
            value = child
        }
        return value
    }

    /// swift-mustache's `_getImmediateChild`: a `MustacheParent`'s `child(named:)`, else the
    /// labelled children of the value's `Mirror`.
    private static func child(_ name: String, of value: Any) throws(Unsupported) -> Any? {
        switch ObjectIdentifier(type(of: value)) {
        case TypeIDs.object:
            return (value as! TemplateObject).child(named: name)
        case TypeIDs.html:
            return name == "html" ? (value as! TemplateHTML).safeHTML.html : nil
        case TypeIDs.markdown:
            return name == "text" ? (value as! MarkdownSource).text : nil
        case TypeIDs.text, TypeIDs.string, TypeIDs.bool, TypeIDs.int, TypeIDs.list, TypeIDs.objects, TypeIDs.strings:
            return nil
        default:
            // Any other array: its `Mirror`'s children have no labels.
            guard Mirror(reflecting: value).displayStyle == .collection, value is [Any] else { throw Unsupported() }
            return nil
        }
    }

    /// `{{name}}` or `{{{name}}}` of a value found.
    private mutating func write(_ value: Any, escaping: CompiledTemplate.Escaping) throws(Unsupported) {
        let id = ObjectIdentifier(type(of: value))
        // Safe HTML written as it is: its bytes, without making a `String` of a rendered fragment.
        if id == TypeIDs.html, escaping == .text {
            (value as! TemplateHTML).safeHTML.append(to: &output)
            return
        }
        let text: String
        switch id {
        case TypeIDs.text: text = (value as! TemplateText).text
        case TypeIDs.html: text = (value as! TemplateHTML).safeHTML.html
        case TypeIDs.string: text = value as! String
        case TypeIDs.markdown: text = (value as! MarkdownSource).text
        case TypeIDs.bool: text = (value as! Bool) ? "true" : "false"
        case TypeIDs.int: text = String(value as! Int)
        default:
            // An object or a list: swift-mustache writes its `description`.
            throw Unsupported()
        }
        switch escaping {
        case .text: output.append(contentsOf: text.utf8)
        case .html: ThemeHTMLContentType.append(text, escapedTo: &output)
        case .markdown: output.append(contentsOf: MarkdownText.escape(text).utf8)
        }
    }
}
