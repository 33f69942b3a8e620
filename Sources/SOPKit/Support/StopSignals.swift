import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What sopgen made and must not leave behind when SIGINT, SIGTERM or SIGHUP stops it: the
/// folders `sopgen init` stages a pack in and `sopgen pdf` prints in, a build's staging folder
/// (emptied as the writer empties it: only the files it wrote), and the Chromium it is waiting for. Only paths registered here are removed, so nothing sopgen did not create is.
///
/// The signals are taken from the kernel's default action only once something is registered,
/// and handled on a dispatch queue (not in a signal handler): the child is killed, the folders
/// removed, and the signal raised again with its default action, so the process still ends as
/// the signal asks (status 128+n in a shell). `release` and the handler share a lock: a folder
/// is either moved into place whole or removed, never renamed half-deleted.
public final class StopSignals: @unchecked Sendable {
    public static let shared = StopSignals()

    private let lock = NSLock()
    /// Each registered folder and how it is removed.
    private var folders: [String: @Sendable () -> Void] = [:]
    private var children: Set<Int32> = []
    private var sources: [DispatchSourceSignal] = []
    private var stopping = false
    /// Held while a file or folder is created (`creating`) and by a stop before it removes anything.
    private let creationLock = NSLock()
    private var creationsRefused = false

    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Removes `folder` (which the caller created) if sopgen is stopped before `release`: with
    /// `remove` when given, else whole.
    public func removeOnStop(_ folder: String, remove: (@Sendable () -> Void)? = nil) {
        lock.lock()
        defer { lock.unlock() }
        installIfNeeded()
        folders[folder] = remove ?? { Self.remove(folder) }
    }

    /// Runs `body` (the step that moves `folder` into place, or removes it) with the folder no
    /// longer removed on a stop. If a stop has begun, never returns: the process is ending.
    public func release<T>(_ folder: String, _ body: () throws -> T) rethrows -> T {
        lock.lock()
        if stopping {
            lock.unlock()
            while true { sleep(60) }
        }
        defer { lock.unlock() }
        folders[folder] = nil
        return try body()
    }

    /// Runs `create` (the making of one file or folder) unless sopgen is being stopped; nil then.
    /// A stop waits for a creation under way, so no file appears in a folder after the stop has
    /// begun removing it: before, Ctrl-C mid-build left a staging folder holding pages made while
    /// it was being emptied, with no manifest to say sopgen wrote them (red team).
    public func creating<T>(_ create: () -> T) -> T? {
        creationLock.lock()
        defer { creationLock.unlock() }
        return creationsRefused ? nil : create()
    }

    /// Kills the child `pid` (SIGKILL) if sopgen is stopped while it runs.
    public func killOnStop(_ pid: Int32) {
        lock.lock()
        defer { lock.unlock() }
        installIfNeeded()
        // A stop that came between starting the child and this call has already killed the others.
        if stopping { kill(pid, SIGKILL) } else { children.insert(pid) }
    }

    public func childEnded(_ pid: Int32) {
        lock.lock()
        defer { lock.unlock() }
        children.remove(pid)
    }

    /// Called with the lock held.
    private func installIfNeeded() {
        guard sources.isEmpty else { return }
        for number in Self.handled {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in stop(number) }
            source.resume()
            sources.append(source)
        }
    }

    private func stop(_ number: Int32) {
        lock.lock()
        stopping = true
        let (folders, children) = (self.folders, self.children)
        lock.unlock()
        creationLock.lock()
        creationsRefused = true
        creationLock.unlock()
        for pid in children { kill(pid, SIGKILL) }
        for remove in folders.values { remove() }
        // Dispatch's threads block most signals (and a process can start with them blocked): this
        // thread unblocks it, so raising it takes the default action here. The exit is a fallback.
        signal(number, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(number)
        _exit(128 + number)
    }

    /// A killed child's own children may still write for a moment: retried for up to two seconds.
    private static func remove(_ folder: String) {
        for _ in 0..<40 {
            try? FileManager.default.removeItem(atPath: folder)
            if !FileManager.default.fileExists(atPath: folder) { return }
            usleep(50_000)
        }
    }
}
