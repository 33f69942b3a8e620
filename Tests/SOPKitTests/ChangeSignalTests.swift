import Foundation
import Testing
@testable import SOPKit

/// `sopgen serve`'s wake-up: on Linux the kernel's events on every folder the watcher reads. The
/// look taken without an event is set to a minute here, so a wake-up within the test is the
/// kernel's; a watchdog (monotonic clock, 15 minutes: the whole suite on two shared cores once
/// took six for this test) stops the signal so that a missing event fails, not hangs.
@Suite struct ChangeSignalTests {
    /// Waits for ticks until the kernel has told of a change since `before`; false when the
    /// signal stopped first (the watchdog).
    static func kernelTold(since before: Int, _ signal: ChangeSignal, _ ticks: inout AsyncStream<Void>.Iterator) async -> Bool {
        while signal.kernelWakeups == before {
            guard await ticks.next() != nil else { return false }
        }
        return true
    }

    #if os(Linux)
    @Test func aSaveByRenameANewFolderAndADeletionEachWakeTheWatcher() async throws {
        let folder = TemporaryFolder()
        folder.write(PackFiles.base)
        var watcher = PackWatcher(packRoot: folder.url, themeRoot: nil)
        let signal = ChangeSignal(safetyInterval: 60_000)
        let watchdog = Task { try? await Task.sleep(for: .seconds(900)); signal.stop() }
        defer { watchdog.cancel(); signal.stop() }
        #expect(signal.isKernelBacked)
        signal.watch(watcher.folders)
        var ticks = signal.ticks.makeAsyncIterator()

        // Saved as editors save: written beside, renamed over.
        var before = signal.kernelWakeups
        let temporary = folder.url.appendingPathComponent("procedures/.guide.md.tmp")
        try Data(PackFiles.sop(body: "Saved by rename.\n").values.first!.utf8).write(to: temporary)
        #expect(rename(temporary.path, folder.url.appendingPathComponent("procedures/guide.md").path) == 0)
        #expect(await Self.kernelTold(since: before, signal, &ticks))
        #expect(watcher.poll().packPaths == ["procedures/guide.md"])
        signal.watch(watcher.folders)

        // A new folder, then a file in it: the folder is watched from the look after it appeared.
        before = signal.kernelWakeups
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("procedures/new"), withIntermediateDirectories: false)
        #expect(await Self.kernelTold(since: before, signal, &ticks))
        #expect(watcher.poll().isEmpty)
        signal.watch(watcher.folders)
        #expect(watcher.folders.contains(folder.url.appendingPathComponent("procedures/new").path))
        try await Task.sleep(for: .milliseconds(100))  // the mkdir's events, drained
        before = signal.kernelWakeups
        try Data("x".utf8).write(to: folder.url.appendingPathComponent("procedures/new/added.md"))
        #expect(await Self.kernelTold(since: before, signal, &ticks))
        #expect(watcher.poll().packPaths == ["procedures/new/added.md"])
        signal.watch(watcher.folders)

        try await Task.sleep(for: .milliseconds(100))
        before = signal.kernelWakeups
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("procedures/new/added.md"))
        #expect(await Self.kernelTold(since: before, signal, &ticks))
        #expect(watcher.poll().packPaths == ["procedures/new/added.md"])
    }

    /// A file the loader does not read (in `site/`, outside the source folders) may wake the
    /// watcher, but the look finds nothing to do.
    @Test func aFileOutsideTheSourceFoldersChangesNothing() async throws {
        let folder = TemporaryFolder()
        folder.write(PackFiles.base)
        var watcher = PackWatcher(packRoot: folder.url, themeRoot: nil)
        #expect(!watcher.folders.contains { $0.hasSuffix("/site") })
        folder.write(["site/index.html": "x", "notes.txt": "x"])
        #expect(watcher.poll().isEmpty)
    }
    #endif

    @Test func withoutTheKernelItTicksEveryFiftyMilliseconds() async {
        let signal = ChangeSignal(usesKernel: false)
        let watchdog = Task { try? await Task.sleep(for: .seconds(900)); signal.stop() }
        defer { watchdog.cancel() }
        #expect(!signal.isKernelBacked)
        var ticks = signal.ticks.makeAsyncIterator()
        #expect(await ticks.next() != nil)
        #expect(await ticks.next() != nil)
        #expect(await ticks.next() != nil)
        #expect(signal.kernelWakeups == 0)
        signal.stop()
        // Stopped: the stream ends (a tick already buffered may come first).
        var count = 0
        while await ticks.next() != nil { count += 1 }
        #expect(count <= 1)
    }
}
