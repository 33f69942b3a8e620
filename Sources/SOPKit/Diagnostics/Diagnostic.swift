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
    /// then by line and column: a cause sorts before its consequences. Messages are compared,
    /// and hashed, on their UTF-8 bytes: a message quotes pack values, and Swift compares and
    /// hashes a `String` through its normal form, quadratic in a run of combining marks (a site
    /// named with 160,000 of them took 40 s to report).
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        let left = (lhs.location.packOrder, lhs.location, lhs.code), right = (rhs.location.packOrder, rhs.location, rhs.code)
        if left != right { return left < right }
        return lhs.message.utf8.lexicographicallyPrecedes(rhs.message.utf8)
    }

    public static func == (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        lhs.severity == rhs.severity && lhs.location == rhs.location && lhs.code == rhs.code
            && lhs.message.utf8.elementsEqual(rhs.message.utf8)
            && lhs.subject?.utf8.count == rhs.subject?.utf8.count && (lhs.subject ?? "").utf8.elementsEqual((rhs.subject ?? "").utf8)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(severity)
        hasher.combine(location)
        hasher.combine(code)
        hasher.combine(bytesOf: message)
        hasher.combine(subject == nil)
        hasher.combine(bytesOf: subject ?? "")
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
