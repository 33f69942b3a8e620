import Mustache

/// A text field as the page models hand it to swift-mustache: the same bytes as the `String`,
/// found faster. swift-mustache renders a `String` by asking, for every tag, whether it is a
/// lambda, an optional or a custom renderable, then `String(describing:)` (four runtime casts);
/// a custom renderable is asked once. Everything else a template can do with a `String` is the
/// same: a section over it pushes it, it has no children (`{{title.x}}` is empty, as a `String`'s
/// mirror has none), and the transforms (`{{uppercased(title)}}`) are the `String`'s own.
/// swift-mustache needs a real `String` only for a dynamic partial's name (`{{>*name}}`), which
/// the theme checks refuse (`dynamic-partial`), so no template sopgen renders has one.
struct TemplateText: MustacheCustomRenderable, MustacheParent, MustacheTransformable, CustomStringConvertible, Sendable {
    var text: String

    init(_ text: String) { self.text = text }

    var renderText: String { text }
    var isNull: Bool { false }
    var description: String { text }
    func child(named: String) -> Any? { nil }
    func transform(_ name: String) -> Any? { text.transform(name) }
}
