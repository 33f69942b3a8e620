import GFM
import Mustache

/// A `SafeHTML` field as the page models hand it to swift-mustache: the same bytes, found faster.
/// swift-mustache writes a plain value after asking whether it is a custom renderable, a lambda
/// and an optional, then `String(describing:)` (a conformance lookup more); a custom renderable is
/// asked once. Everything else a template can do with the `SafeHTML` is the same: a section over
/// it pushes it (an empty one too), it is not transformable, and its one child is the stored
/// `html` string, as swift-mustache's `Mirror` of the struct finds it.
struct TemplateHTML: MustacheCustomRenderable, MustacheParent, CustomStringConvertible {
    var safeHTML: SafeHTML

    init(_ safeHTML: SafeHTML) { self.safeHTML = safeHTML }

    var renderText: String { safeHTML.html }
    var isNull: Bool { false }
    var description: String { safeHTML.html }
    func child(named name: String) -> Any? { name == "html" ? safeHTML.html : nil }
}
