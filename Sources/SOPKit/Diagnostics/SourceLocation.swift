/// A place in a pack file: path relative to the pack, 1-based line and column in Unicode scalars.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }

    /// Where the file stands in a pack's chain of definitions: settings, then roles, policies and
    /// sites that everything names, snippets and templates that SOPs use, then SOPs, checklists
    /// and playbooks. Reports follow this order, so the file that causes a problem comes first.
    public var packOrder: Int {
        let top = path.firstIndex(of: "/").map { path[..<$0] } ?? path[...]
        return Self.order.firstIndex { $0 == top } ?? Self.order.count
    }

    static let order = ["sopgen.yml", "roles.yml", "policies.yml", "people.yml", "sites", "snippets", "templates", "procedures",
                        "checklists", "playbooks", "reviews"]
}

/// A value decoded from a pack, with where it was written.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
