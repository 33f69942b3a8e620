import GFM

/// The one seam between typed page models and swift-mustache. swift-mustache can read a struct's
/// stored properties itself, by `Mirror`, but it reflects the whole struct again for every name it
/// looks up (a page looks up hundreds); this turns a model into the `TemplateObject`s
/// swift-mustache reads fastest, reflecting each value once. The rules are swift-mustache's own:
/// stored properties only, and a nil optional is absent, so a lookup climbs the context stack
/// exactly as it would past a missing key. A `Page` shows its content's fields and its chrome's as
/// one set.
enum TemplateContext {
    static func context(of model: Any) -> Any {
        switch model {
        case let text as String:
            return TemplateText(text)
        case let html as SafeHTML:
            return TemplateHTML(html)
        case is Bool, is Int, is MarkdownSource, is [String]:
            return model
        case let model as any TemplateFields:
            return model.templateFields
        case let page as any PageParts:
            var parts = page.parts.makeIterator()
            let merged = parts.next().flatMap { context(of: $0) as? TemplateObject } ?? TemplateObject()
            while let part = parts.next() {
                if let fields = context(of: part) as? TemplateObject { merged.addMissing(from: fields) }
            }
            return merged
        case let list as [Any]:
            return list.map(context(of:))
        default:
            return Mirror(reflecting: model).displayStyle == .struct ? fields(of: model) : model
        }
    }

    /// `context(of: page)`, without asking the runtime what a `Page` is and what its chrome is:
    /// the casts in `context(of:)` cost a twentieth of a build's time when every SOP view's page
    /// went through them.
    static func context<Content>(of page: Page<Content>) -> Any {
        let merged = object(of: page.content) ?? TemplateObject()
        merged.addMissing(from: page.chrome.templateFields)
        return merged
    }

    /// `context(of: model)` for a model rendered in its own template (a fragment, a checklist):
    /// its own fields first.
    static func context<Model: TemplateModel>(ofModel model: Model) -> Any {
        if let model = model as? any TemplateFields { return model.templateFields }
        return context(of: model)
    }

    /// `context(of: model)` when it is a set of fields.
    private static func object(of model: Any) -> TemplateObject? {
        if let model = model as? any TemplateFields { return model.templateFields }
        return context(of: model) as? TemplateObject
    }

    /// A struct's stored properties by name, each converted; nil optionals left out. What
    /// `TemplateFields` writes out by hand for the models of the pages there are thousands of.
    static func fields(of model: Any) -> TemplateObject {
        let fields = TemplateObject()
        for child in Mirror(reflecting: model).children {
            guard let label = child.label, let value = unwrapped(child.value) else { continue }
            fields[label] = context(of: value)
        }
        return fields
    }

    /// The value inside an optional, nil when it is nil; any other value as it is.
    static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}

/// A model that lists its own fields for the template, as `TemplateContext.fields(of:)` would
/// find them by reflection but without its cost: the models of the pages and fragments rendered
/// once per SOP view. `TemplateContextTests` checks each against the reflected fields.
protocol TemplateFields: Sendable {
    var templateFields: TemplateObject { get }
}

/// Values a template sees as one flat set of names, the first part's winning.
protocol PageParts {
    var parts: [Any] { get }
}

extension Page: PageParts {
    var parts: [Any] { [content, chrome] }
}

/// Kept for the template checks, which follow swift-mustache's lookup on the models themselves.
enum TemplateLookup {
    /// The stored property `name` of `model`, unwrapped when optional; nil when absent or nil.
    static func field(_ name: String, of model: Any) -> Any? {
        guard let child = Mirror(reflecting: model).children.first(where: { $0.label == name }) else { return nil }
        return TemplateContext.unwrapped(child.value)
    }
}
