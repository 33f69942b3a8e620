import Foundation
import SOPKit

/// The site being served, shared by the request handlers and the updater: the last good pages by
/// site path, the overlay while the pack has errors, and the open event streams. Every access
/// holds the lock; each read is a dictionary lookup, each write swaps in values already rendered.
final class SiteStore: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [String: Data] = [:]
    private var overlay: String?
    private var subscribers: [UUID: AsyncStream<String>.Continuation] = [:]
    private var closed = false

    /// The file at a site path, and the overlay to show over it.
    func page(_ path: String) -> (contents: Data?, overlay: String?) {
        lock.withLock { (pages[path], overlay) }
    }

    func hasPage(_ path: String) -> Bool { lock.withLock { pages[path] != nil } }

    /// Puts a step of an update in, then tells every open page which paths changed.
    func apply(_ step: LivePreview.Step) {
        lock.withLock {
            for (path, contents) in step.files { pages[path] = contents }
            for path in step.removed { pages[path] = nil }
        }
        broadcast(LiveReload.reloadEvent(step.changedPaths))
    }

    /// Sets the overlay; every open page reloads when it appeared, changed or went.
    func setOverlay(_ html: String?) {
        let changed = lock.withLock {
            defer { overlay = html }
            return overlay != html
        }
        if changed { broadcast(LiveReload.reloadEvent(nil)) }
    }

    /// A new event stream; it ends when the client goes or `closeAll` is called.
    func subscribe() -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(64))
        continuation.onTermination = { [weak self] _ in
            self?.lock.withLock { _ = self?.subscribers.removeValue(forKey: id) }
        }
        let accepted = lock.withLock {
            if !closed { subscribers[id] = continuation }
            return !closed
        }
        if !accepted { continuation.finish() }
        return stream
    }

    var subscriberCount: Int { lock.withLock { subscribers.count } }

    /// Ends every event stream, so that the server can stop without waiting for open pages.
    func closeAll() {
        let open = lock.withLock {
            closed = true
            defer { subscribers = [:] }
            return Array(subscribers.values)
        }
        for continuation in open { continuation.finish() }
    }

    private func broadcast(_ event: String) {
        let open = lock.withLock { Array(subscribers.values) }
        for continuation in open { continuation.yield(event) }
    }
}
