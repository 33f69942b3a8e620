import Foundation

/// A test's view of the two template engines: while `isRecording`, every page the compiled
/// renderer writes is rendered by swift-mustache too and the two compared byte for byte
/// (`CompiledTemplateTests` builds the bundled and fixture packs this way). Off, it costs a
/// page one lock.
final class TemplateEngineComparison: @unchecked Sendable {
    static let shared = TemplateEngineComparison()

    /// What one template did while recording.
    struct Tally: Sendable, Equatable {
        /// Pages rendered by the compiled renderer and found equal to swift-mustache's.
        var compared = 0
        /// Pages rendered by swift-mustache: the template outside the subset, or a value the
        /// compiled renderer does not know.
        var fellBack = 0
    }

    /// A page the two engines rendered differently.
    struct Difference: Sendable {
        var template: String
        var compiled: String
        var mustache: String
    }

    private let lock = NSLock()
    private var recording = false
    /// By theme (`CompiledTheme.identity`) and template name: tests running beside the one
    /// recording render with themes of their own.
    private var tallies: [ObjectIdentifier: [String: Tally]] = [:]
    private var differences: [Difference] = []

    var isRecording: Bool { lock.withLock { recording } }

    /// Starts recording afresh; `stop()` returns what was recorded.
    func start() {
        lock.withLock {
            recording = true
            tallies = [:]
            differences = []
        }
    }

    func stop() -> (tallies: [ObjectIdentifier: [String: Tally]], differences: [Difference]) {
        lock.withLock {
            recording = false
            return (tallies, differences)
        }
    }

    func record(theme: CompiledTheme, template: String, compiled: String?, mustache: String) {
        lock.withLock {
            guard recording else { return }
            if let compiled {
                tallies[ObjectIdentifier(theme.identity), default: [:]][template, default: Tally()].compared += 1
                if !compiled.utf8.elementsEqual(mustache.utf8) {
                    differences.append(Difference(template: template, compiled: compiled, mustache: mustache))
                }
            } else {
                tallies[ObjectIdentifier(theme.identity), default: [:]][template, default: Tally()].fellBack += 1
            }
        }
    }
}
