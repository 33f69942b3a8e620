import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// When to look at the pack again: `PackWatcher.poll()` says what changed, this says when. On
/// Linux the kernel tells (inotify on every folder the watcher reads: a file written, created,
/// deleted, renamed in or out, a folder made), so a save is seen within a millisecond; a look is
/// also taken every second in case an event was lost (the queue overflowed, the watch limit was
/// reached). Elsewhere, or when inotify cannot start, a look every 50 ms.
///
/// A thread of its own waits for the kernel (a blocking wait on a task's thread would hold one of
/// the two cores' worth of task threads). `ticks` ends once `stop()` is called.
public final class ChangeSignal: @unchecked Sendable {
    public let ticks: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let lock = NSLock()
    private var stopped = false
    private var events = 0
    /// The inotify descriptor, or -1 when the signal polls.
    private let descriptor: Int32
    static let pollInterval: useconds_t = 50_000
    /// The look taken without an event, in milliseconds.
    private let safetyInterval: Int32

    /// `usesKernel` false: a tick every 50 ms, as on a platform without inotify. Tests set
    /// `safetyInterval` long, so that a tick shows the kernel told.
    public init(usesKernel: Bool = true, safetyInterval: Int32 = 1_000) {
        self.safetyInterval = safetyInterval
        (ticks, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        #if os(Linux)
        descriptor = usesKernel ? inotify_init1(Int32(IN_CLOEXEC) | Int32(IN_NONBLOCK)) : -1
        #else
        descriptor = -1
        #endif
        // The first tick at once: what changed while the first render ran is seen now.
        continuation.yield()
        let thread = Thread { [self] in run() }
        thread.name = "sopgen-serve-watch"
        thread.start()
    }

    /// The kernel tells of changes: a save is seen at once, not at the next look.
    public var isKernelBacked: Bool { descriptor >= 0 }

    /// Watches these folders (and the files directly in them) too: called after each look with
    /// every folder it read, so a new folder is watched from then on (a folder already watched
    /// costs a call; one gone is dropped by the kernel).
    public func watch(_ folders: [String]) {
        #if os(Linux)
        guard descriptor >= 0 else { return }
        let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
                          | IN_DELETE_SELF | IN_MOVE_SELF)
        // A folder that cannot be watched (gone, or the watch limit reached) is seen by the look each second.
        for folder in folders { _ = inotify_add_watch(descriptor, folder, mask) }
        #endif
    }

    /// Ends `ticks`; the thread ends within a second.
    public func stop() {
        lock.withLock { stopped = true }
        continuation.finish()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// How many times the kernel told of a change (tests: a tick that came from an event).
    public var kernelWakeups: Int { lock.withLock { events } }

    private func run() {
        defer { if descriptor >= 0 { close(descriptor) } }
        while !isStopped {
            if descriptor < 0 {
                usleep(Self.pollInterval)
                continuation.yield()
                continue
            }
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, safetyInterval)
            if ready > 0 {
                drain()
                lock.withLock { events += 1 }
            }
            continuation.yield()
        }
    }

    /// Reads every pending event: what changed is found by the look, not from the events.
    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }
}
