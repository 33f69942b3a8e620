import Mustache

/// A model's fields as swift-mustache reads them: what `[String: Any]` was, without hashing.
/// swift-mustache asks every object on its context stack for each name it looks up (`getChild`:
/// `as? MustacheCustomRepresentation`, `as? MustacheParent`, then `child(named:)`). A page has a
/// few dozen names at most, so they are compared in turn (a short name is one or two machine
/// words). Measured (README, *Template engine*): a few percent at best, as the runtime casts a
/// final class about as slowly as a `Dictionary`; it is what a renderer of our own would read.
/// Everything a template can do with the dictionary it does with this: a section over it pushes
/// it, `{{object}}` writes a dictionary's description, and the transforms (`count`, `empty`,
/// `enumerated`, `sorted`) are the dictionary's own (`TemplateObjectTests`), but in the fields'
/// order wherever a dictionary's order would change from one process to the next.
final class TemplateObject: MustacheParent, MustacheTransformable, CustomStringConvertible, ExpressibleByDictionaryLiteral {
    private(set) var names: [String]
    private(set) var values: [Any]

    init() {
        names = []
        values = []
    }

    /// A name twice in one literal is a programming error, as in a dictionary literal.
    convenience init(dictionaryLiteral elements: (String, Any)...) {
        self.init()
        names.reserveCapacity(elements.count + 4)
        values.reserveCapacity(elements.count + 4)
        for (name, value) in elements {
            assert(!names.contains(name), "'\(name)' twice in a template object literal")
            names.append(name)
            values.append(value)
        }
    }

    /// Sets a field as a dictionary's subscript does: a name already there is given the new value.
    subscript(name: String) -> Any? {
        get {
            names.firstIndex(of: name).map { values[$0] }
        }
        set {
            if let index = names.firstIndex(of: name) {
                if let newValue { values[index] = newValue } else {
                    names.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                names.append(name)
                values.append(newValue)
            }
        }
    }

    /// Adds the fields of `other` whose names are not here yet (a page's content wins over its chrome).
    func addMissing(from other: TemplateObject) {
        for (name, value) in zip(other.names, other.values) where !names.contains(name) {
            names.append(name)
            values.append(value)
        }
    }

    var count: Int { names.count }

    func child(named name: String) -> Any? {
        var index = 0
        while index < names.count {
            if names[index] == name { return values[index] }
            index += 1
        }
        return nil
    }

    /// The dictionary the fields stood for (in their order, so it is laid out as one built in that order).
    var dictionary: [String: Any] {
        var dictionary: [String: Any] = [:]
        for (name, value) in zip(names, values) {
            dictionary[name] = value
        }
        return dictionary
    }

    /// The dictionary's transforms, except that `enumerated` lists the fields in their order: a
    /// dictionary's order changes with every process's hash seed, so two builds differed.
    func transform(_ name: String) -> Any? {
        guard name == "enumerated" else { return dictionary.transform(name) }
        return zip(names, values).map { (key: $0, value: $1) }
    }

    /// Written as a dictionary is (`["name": value, …]`, `[:]` when empty), the fields in their
    /// order: a dictionary's description changes its order with every process's hash seed.
    var description: String {
        guard !names.isEmpty else { return "[:]" }
        var text = "["
        for (index, (name, value)) in zip(names, values).enumerated() {
            if index > 0 { text += ", " }
            debugPrint(name, terminator: "", to: &text)
            text += ": "
            debugPrint(value, terminator: "", to: &text)
        }
        return text + "]"
    }
}
