/// One problem found in a pack, reported as `path:line:column: error: message [code]`.
public struct Diagnostic: Sendable, Hashable, Comparable {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// Stable kebab-case identifier, listed in the README.
    public var code: DiagnosticCode
    /// The one cause behind this diagnostic, for references to something missing (the unknown
    /// role's name, `default_site`): diagnostics with the same code and subject are one problem,
    /// reported once at its first use (see `DiagnosticGrouping`).
    public var subject: String?

    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.location = location
        self.message = message
        self.code = code
    }

    public static func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, code, message, at: location)
    }

    public static func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location)
    }

    /// The same diagnostic, reported once for every use of `subject`.
    public func about(_ subject: String) -> Diagnostic {
        var copy = self
        copy.subject = subject
        return copy
    }

    /// In pack order (definitions before the files that use them, see `SourceLocation.packOrder`),
    /// then by line and column: a cause sorts before its consequences.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.location.packOrder, lhs.location, lhs.code, lhs.message) < (rhs.location.packOrder, rhs.location, rhs.code, rhs.message)
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
