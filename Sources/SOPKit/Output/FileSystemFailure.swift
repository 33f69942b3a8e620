import Foundation

/// A file-system operation that failed, said in one line: `cannot write 'path': File name too
/// long`. Foundation's own errors print as a dump of domains, codes and user-info dictionaries;
/// commands throw this instead.
public struct FileSystemFailure: Error, Sendable, CustomStringConvertible {
    public enum Operation: String, Sendable {
        case read, write, create, access
    }

    public var operation: Operation
    public var path: String
    public var reason: String

    public init(_ operation: Operation, _ path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    public init(_ operation: Operation, _ path: String, error: any Error) {
        self.init(operation, path, reason: Self.reason(of: error))
    }

    public var description: String { "cannot \(operation.rawValue) '\(path)': \(reason)" }

    /// Runs `body`, turning whatever it throws into a `FileSystemFailure` for `path`.
    public static func attempt<T>(_ operation: Operation, _ path: String, _ body: () throws -> T) throws(FileSystemFailure) -> T {
        do {
            return try body()
        } catch let failure as FileSystemFailure {
            throw failure
        } catch {
            throw FileSystemFailure(operation, path, error: error)
        }
    }

    /// The operating system's words for the underlying POSIX error ("Permission denied", "File
    /// name too long"), else Foundation's message without its "could not be completed" preamble.
    public static func reason(of error: any Error) -> String {
        if let code = posixCode(of: error) { return String(cString: strerror(code)) }
        let text = (error as NSError).localizedDescription
        let preamble = "The operation could not be completed. "
        let reason = text.hasPrefix(preamble) ? String(text.dropFirst(preamble.count)) : text
        return reason.split(whereSeparator: \.isNewline).first.map(String.init) ?? "unknown error"
    }

    /// The path Foundation names in its error, if any.
    public static func path(of error: any Error) -> String? {
        let info = (error as NSError).userInfo
        return info[NSFilePathErrorKey] as? String ?? (info[NSURLErrorKey] as? URL)?.path
    }

    /// Errors that come from Foundation or the operating system rather than from sopgen.
    public static func isSystemError(_ error: any Error) -> Bool {
        let domain = (error as NSError).domain
        return domain == NSCocoaErrorDomain || domain == NSPOSIXErrorDomain
    }

    private static func posixCode(of error: any Error) -> Int32? {
        var current: NSError? = error as NSError
        while let error = current {
            if error.domain == NSPOSIXErrorDomain { return Int32(truncatingIfNeeded: error.code) }
            current = (error.userInfo[NSUnderlyingErrorKey] as? any Error).map { $0 as NSError }
        }
        return nil
    }
}
