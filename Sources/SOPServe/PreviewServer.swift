import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SOPKit

/// `sopgen serve`: the site of a pack, rendered in memory and served over HTTP on loopback (unless
/// told otherwise), re-rendered as the pack or the theme changes, open pages reloaded. It writes
/// nothing anywhere. SIGINT and SIGTERM stop it: the event streams are closed first, so open pages
/// do not hold the server up.
public struct PreviewServer: Sendable {
    public var packRoot: URL
    public var packName: String
    public var host: String
    public var port: Int
    public var today: CalendarDate
    /// A line for people on standard output, and diagnostics (text ending in a newline) on standard error.
    public var print: @Sendable (String) -> Void
    public var printError: @Sendable (String) -> Void
    /// Tests only: a line for each page served and each event stream opened.
    public var trace: (@Sendable (String) -> Void)?

    public init(packRoot: URL, packName: String, host: String, port: Int, today: CalendarDate,
                print: @escaping @Sendable (String) -> Void, printError: @escaping @Sendable (String) -> Void) {
        self.packRoot = packRoot
        self.packName = packName
        self.host = host
        self.port = port
        self.today = today
        self.print = print
        self.printError = printError
    }

    /// Loopback addresses, where a request must also name a loopback host (no DNS rebinding).
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    public func run() async throws {
        let store = SiteStore()
        // The first look before the first build: an edit saved while it runs is seen.
        let watcher = PackWatcher(packRoot: packRoot, themeRoot: DefaultTheme.folder)
        var preview = LivePreview(packRoot: packRoot, today: today)
        let clock = ContinuousClock()
        let started = clock.now
        await preview.update(changed: nil) { store.apply($0) }
        if !preview.diagnostics.isEmpty {
            printError(DiagnosticFormatter(sources: preview.sources).format(preview.diagnostics))
        }
        if preview.isBroken {
            store.setOverlay(LiveReload.overlay(preview.diagnostics, sources: preview.sources))
            print("The pack has errors: serving them as an overlay until they are fixed")
        } else {
            let pages = preview.site.keys.filter { $0.hasSuffix(".html") }.count
            print("Rendered \(Counted.text(pages, "page")) in \(Self.milliseconds(clock.now - started)) ms")
        }

        var logger = Logger(label: "sopgen-serve")
        logger.logLevel = .error
        let responses = PreviewResponses(store: store, allowedHosts: Self.isLoopback(host)
                                         ? ["localhost", "127.0.0.1", "[::1]", host.contains(":") ? "[\(host)]" : host] : nil,
                                         trace: trace)
        let shown = host.contains(":") ? "[\(host)]" : host
        let (packName, print, port) = (packName, print, port)
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in await responses.respond(to: request) },
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                print("Serving \(packName) at http://\(shown):\(channel.localAddress?.port ?? port)/ (Ctrl-C stops)")
            },
            logger: logger)
        let updater = PreviewUpdater(preview: preview, watcher: watcher, store: store, print: print, printError: printError)
        let group = ServiceGroup(configuration: .init(services: [app, updater], gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger))
        try await group.run()
        self.print("Stopped")
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}

/// Looks at the pack and the theme at each tick of a `ChangeSignal` (at once after a change on
/// Linux, every 50 ms elsewhere) and brings the site up to date when they changed. On graceful
/// shutdown (it is the last service, so it stops first) it closes the event streams.
struct PreviewUpdater: Service, CustomStringConvertible {
    let preview: LivePreview
    let watcher: PackWatcher
    let store: SiteStore
    let print: @Sendable (String) -> Void
    let printError: @Sendable (String) -> Void
    /// What the service group logs for it: not the site it holds (describing thousands of pages
    /// took a second at start).
    var description: String { "PreviewUpdater" }

    func run() async throws {
        var preview = preview
        var watcher = watcher
        let clock = ContinuousClock()
        let signal = ChangeSignal()
        signal.watch(watcher.folders)
        defer {
            signal.stop()
            store.closeAll()
        }
        await withGracefulShutdownHandler {
            for await _ in signal.ticks {
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                await update(&preview, watcher: &watcher, signal: signal, clock: clock)
            }
        } onGracefulShutdown: {
            signal.stop()
        }
    }

    private func update(_ preview: inout LivePreview, watcher: inout PackWatcher, signal: ChangeSignal,
                        clock: ContinuousClock) async {
        let changes = watcher.poll()
        signal.watch(watcher.folders)
        guard !changes.isEmpty else { return }
        let started = clock.now
        var steps: [(LivePreview.Step.Stage, Int, Duration)] = []
        let wasBroken = preview.isBroken
        let outcome = await preview.update(changed: changes.theme ? nil : changes.packPaths) { step in
            store.apply(step)
            steps.append((step.stage, step.files.count + step.removed.count, clock.now - started))
        }
        guard outcome != .failed else {
            let errors = preview.diagnostics.filter { $0.severity == .error }
            printError(DiagnosticFormatter(sources: preview.sources).format(errors))
            print("The pack has errors: still serving the last good site, with the errors as an overlay")
            store.setOverlay(LiveReload.overlay(preview.diagnostics, sources: preview.sources))
            return
        }
        store.setOverlay(nil)
        if wasBroken { print("Fixed: the pack has no errors") }
        let what = switch outcome {
        case .rerenderedSOPs(let count): "\(Counted.text(count, "SOP")) changed"
        default: "rebuilt"
        }
        let timings = steps.map { stage, files, time in
            "\(files) \(stage == .sops ? "SOP files" : "files") at \(PreviewServer.milliseconds(time)) ms"
        }
        print("Updated (\(what)): \(timings.isEmpty ? "no page changed" : timings.joined(separator: ", "))")
    }
}
