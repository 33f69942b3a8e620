import Foundation

/// The last theme compiled, with the files it was compiled from. Compiling parses every Mustache
/// template (a fifth of a decode); a process that decodes the same theme again (the preview
/// server after an SOP edit, a test decoding a pack thousands of times) reuses it.
final class ThemeCache: @unchecked Sendable {
    static let shared = ThemeCache()

    struct Key: Equatable {
        var defaults: [String: Data]
        var overrides: [String: String]
    }

    private let lock = NSLock()
    private var last: (key: Key, theme: ThemeLibrary)?

    func theme(for key: Key, compile: () -> ThemeLibrary) -> ThemeLibrary {
        if let cached = lock.withLock({ last }), cached.key == key { return cached.theme }
        let theme = compile()
        lock.withLock { last = (key, theme) }
        return theme
    }
}
