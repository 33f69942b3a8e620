import Mustache

/// The one seam between typed page models and swift-mustache, which finds a struct's fields by
/// `Mirror` (stored properties only: a computed property is invisible to a template). A `Page`
/// shows its content's fields, then its chrome's, as one flat set of names; a nil optional counts
/// as absent, so the lookup climbs the context stack exactly as it would for a missing key.
extension Page: MustacheParent {
    func child(named name: String) -> Any? {
        TemplateLookup.field(name, of: content) ?? TemplateLookup.field(name, of: chrome)
    }
}

enum TemplateLookup {
    /// The stored property `name` of `model`, unwrapped when optional; nil when absent or nil.
    static func field(_ name: String, of model: Any) -> Any? {
        guard let child = Mirror(reflecting: model).children.first(where: { $0.label == name }) else { return nil }
        let value = Mirror(reflecting: child.value)
        guard value.displayStyle == .optional else { return child.value }
        return value.children.first?.value
    }
}
