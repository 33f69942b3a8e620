import Foundation
import Testing
@testable import SOPKit

/// `sopgen serve` through the built binary, on a free port of 127.0.0.1: pages from memory, a
/// reload after an edit, errors as an overlay over the last good site, paths that could leave the
/// site refused, nothing written, a clean stop on SIGTERM. Every wait is a hang bound.
@Suite(.serialized) struct ServeTests {
    static let drafts = "procedures/support/support-drafts.md"

    static func edit(_ pack: URL, _ path: String, _ change: (String) -> String) throws {
        let url = pack.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        // Written beside and renamed over, as editors save: the watcher sees a new file at once.
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        try Data(change(text).utf8).write(to: temporary)
        #expect(rename(temporary.path, url.path) == 0)
    }

    @Test func servesFromMemoryReloadsAfterAnEditAndStopsCleanly() throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        let before = folder.snapshot(pack)
        let server = try ServeProcess(pack: pack, in: folder.url)

        let home = try server.get("/")
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.headers["cache-control"] == "no-store")
        #expect(home.text.contains(LiveReload.eventsPath))
        #expect(try server.get("/assets/sopgen.css").headers["content-type"] == "text/css; charset=utf-8")
        #expect(try server.get("/handbook-version.json").headers["content-type"] == "application/json")
        let page = try server.get("/sops/support-drafts.html")
        #expect(page.status == 200 && !page.text.contains("Seen in the preview"))

        let events = try EventStreamClient(port: server.port)
        #expect(events.wait { $0.contains(": sopgen serve") }, "the event stream did not open")
        try Self.edit(pack, Self.drafts) { $0 + "\nSeen in the preview.\n" }
        let reloads = events.waitForReload(of: "/sops/support-drafts.html")
        #expect(!reloads.isEmpty, "no reload event: \(events.text) \(server.standardOutput)")
        #expect(try server.get("/sops/support-drafts.html").text.contains("Seen in the preview."))
        #expect(try server.get("/roles/support-agent/support-drafts.html").text.contains("Seen in the preview."))
        #expect(events.waitForReload(of: "/roles/support-agent/print.html").count > 0)
        #expect(try server.get("/roles/support-agent/print.html").text.contains("Seen in the preview."))
        #expect(server.waitForOutput { $0.contains("Updated (1 SOP changed)") })

        #expect(server.stop() == 0, "\(server.standardError)")
        #expect(server.standardOutput.contains("Stopped"))
        #expect(events.wait(seconds: 30) { _ in false } == false)   // the stream ended, the server did not wait for it
        // Nothing written: the pack holds exactly the edit, and no site/ appeared anywhere.
        var after = folder.snapshot(pack)
        #expect(after.removeValue(forKey: Self.drafts) != nil)
        var expected = before
        expected[Self.drafts] = nil
        #expect(after == expected)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("site").path))
        #expect(!FileManager.default.fileExists(atPath: pack.appendingPathComponent("site").path))
    }

    @Test func aBrokenEditShowsAnEscapedOverlayOverTheLastGoodPageUntilFixed() throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        let server = try ServeProcess(pack: pack, in: folder.url)
        let events = try EventStreamClient(port: server.port)
        #expect(events.wait { $0.contains(": sopgen serve") })
        let good = try server.get("/sops/support-drafts.html").text
        #expect(!good.contains("sopgen-overlay"))

        let original = try String(contentsOf: pack.appendingPathComponent(Self.drafts), encoding: .utf8)
        try Self.edit(pack, Self.drafts) {
            $0.replacingOccurrences(of: "owner: store-manager", with: "owner: \"<img src=x onerror=alert(1)>\"")
                + "\nNot published.\n"
        }
        #expect(events.waitForReload(of: "*").count > 0, "no reload for the overlay: \(events.text)")
        let broken = try server.get("/sops/support-drafts.html").text
        #expect(broken.contains("id=\"sopgen-overlay\""))
        #expect(broken.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!broken.contains("<img src=x"))
        #expect(!broken.contains("Not published."))
        // The last good page, with the overlay and the script added, and nothing else changed.
        #expect(broken.replacingOccurrences(of: #"<div id="sopgen-overlay"[\s\S]*?</div>"#, with: "", options: .regularExpression) == good)
        #expect(server.waitForError { $0.contains("\(Self.drafts):5:8: error:") }, "\(server.standardError)")
        #expect(try server.get("/no-such-page.html").text.contains("sopgen-overlay"))

        try Self.edit(pack, Self.drafts) { _ in original + "\nPublished after the fix.\n" }
        #expect(events.waitForReload(of: "*").count > 0)
        let fixed = try server.get("/sops/support-drafts.html").text
        #expect(!fixed.contains("sopgen-overlay"))
        #expect(fixed.contains("Published after the fix."))
        #expect(server.waitForOutput { $0.contains("Fixed: the pack has no errors") })
        #expect(server.stop() == 0)
    }

    @Test func pathsThatCouldLeaveTheSiteNeverReachAFile() throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        let server = try ServeProcess(pack: pack, in: folder.url)
        let secret = try String(contentsOf: pack.appendingPathComponent("sopgen.yml"), encoding: .utf8)
        let attempts = [
            "/../sopgen.yml", "/sops/../../sopgen.yml", "/%2e%2e/sopgen.yml", "/%2E%2E/%2e%2e/etc/passwd",
            "/sops/..%2fsopgen.yml", "/sops%2f..%2f..%2fsopgen.yml", "/..%5csopgen.yml", "/..\\sopgen.yml",
            "/sops/support-drafts.html%00.md", "/%00", "/./index.html", "//etc/passwd", "/sops//support-drafts.html",
            "/%ff%fe", "/sopgen.yml", "/procedures/support/support-drafts.md", "/roles.yml", "/etc/passwd",
            "/__sopgen/events/../../sopgen.yml", "sopgen.yml", "/%252e%252e/sopgen.yml",
        ]
        for path in attempts {
            let reply = try server.get(path)
            #expect([400, 404].contains(reply.status), "\(path) → \(reply.status)")
            #expect(!reply.text.contains(secret.prefix(20)), "\(path) served a pack file")
            #expect(!reply.text.contains("root:x:0"), "\(path) served /etc/passwd")
        }
        // A `/` followed by a combining mark is one `Character` but still a separator: `..` is refused
        // as a segment, not looked up as part of one (a file system would walk up).
        #expect(try server.get("/../%CC%81sopgen.yml").status == 400)
        #expect(try server.get("/sops/%CC%81/../index.html").status == 400)
        let missing = try server.get("/sops/no-such-sop.html")
        #expect(missing.status == 404 && missing.text.contains("Not found"))
        #expect(missing.headers["cache-control"] == "no-store")
        #expect(try server.get("/roles/support-agent").headers["location"] == "/roles/support-agent/")
        #expect(try server.get("/roles/support-agent/").status == 200)
        #expect(try server.get("/index.html?x=1#y").status == 200)
        #expect(try server.get("/", method: "POST").status == 405)
        #expect(try server.get("/", method: "HEAD").status == 200)
        // Another host name (DNS rebinding) gets nothing; loopback names do.
        #expect(try server.get("/", host: "attacker.example").status == 421)
        #expect(try server.get("/", host: "localhost:\(server.port)").status == 200)
        #expect(server.stop() == 0)
    }

    /// What serve adds (the script, the overlay) is added to the pages it serves only: each served
    /// page without the script is the built page byte for byte, and the built site has no script.
    @Test func servedPagesAreTheBuiltPagesPlusTheScript() async throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        let result = await Pipeline(packRoot: pack, today: TestClock.today).plan()
        let built = Dictionary(uniqueKeysWithValues: (result.plan?.files ?? []).map { ($0.path, $0.contents) })
        #expect(built.count > 100)
        for (path, contents) in built where path.hasSuffix(".html") {
            #expect(!String(decoding: contents, as: UTF8.self).contains("__sopgen"), "\(path) of a build has the reload script")
        }
        let server = try ServeProcess(pack: pack, in: folder.url)
        for path in built.keys.sorted() where path.hasSuffix(".html") || path.hasPrefix("assets/") || path.hasSuffix(".json") {
            let served = try server.get("/" + path)
            #expect(served.status == 200, "\(path)")
            let script = served.text.range(of: #"<script id="sopgen-live-reload">[\s\S]*?</script>"#, options: .regularExpression)
            #expect((script != nil) == path.hasSuffix(".html"), "\(path)")
            let withoutScript = script.map { served.text.replacingCharacters(in: $0, with: "") }.map { Data($0.utf8) } ?? served.body
            #expect(withoutScript == built[path], "\(path) differs from the built page")
        }
        #expect(server.stop() == 0)
    }

    /// A page open in headless Chromium reloads itself after an edit: the server sees the page
    /// fetched and its event stream opened a second time, after the reload it announced.
    @Test func aPageOpenInChromiumReloadsItselfAfterAnEdit() throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        let server = try ServeProcess(pack: pack, in: folder.url, environment: ["SOPGEN_TEST_SERVE_TRACE": "1"])
        let page = "/sops/support-drafts.html"
        let browser = Process()
        browser.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        browser.arguments = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
                             "--user-data-dir=\(folder.url.appendingPathComponent("profile").path)",
                             "http://127.0.0.1:\(server.port)\(page)"]
        browser.environment = TestClock.childEnvironment
        browser.standardOutput = FileHandle.nullDevice
        browser.standardError = FileHandle.nullDevice
        try browser.run()
        defer {
            browser.terminate()
            let deadline = ContinuousClock.now + .seconds(30)
            while browser.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
            if browser.isRunning { kill(browser.processIdentifier, SIGKILL) }
        }
        func count(_ line: String) -> Int { server.standardOutput.components(separatedBy: line + "\n").count - 1 }
        let opened = server.waitForOutput { _ in count("Trace: a page subscribed") >= 1 }
        #expect(opened, "chromium did not open the page (scripts/test.sh installs Debian's chromium): \(server.standardOutput)")
        guard opened else { return }
        #expect(count("Trace: served \(page)") == 1)

        try Self.edit(pack, Self.drafts) { $0 + "\nSeen by the browser.\n" }
        #expect(server.waitForOutput { _ in count("Trace: served \(page)") >= 2 && count("Trace: a page subscribed") >= 2 },
                "the page did not reload itself: \(server.standardOutput)")
        // Nothing but the reload event makes the page load again; the page it loads has the edit.
        #expect(try server.get(page).text.contains("Seen by the browser."))
        #expect(server.stop() == 0)
    }

    @Test func refusesABadPortOrHostAndAPortInUse() throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(TestPaths.bundledPack)
        let badPort = try ProcessRun.run(TestPaths.sopgenBinary.path, ["serve", pack.path, "--port", "70000"])
        #expect(badPort.status == 64 && badPort.standardError.contains("--port 70000 is not a port"))
        let badHost = try ProcessRun.run(TestPaths.sopgenBinary.path, ["serve", pack.path, "--host", "a/b"])
        #expect(badHost.status == 64 && badHost.standardError.contains("is not an address"))
        let server = try ServeProcess(pack: pack, in: folder.url)
        let second = try ProcessRun.run(TestPaths.sopgenBinary.path, ["serve", pack.path, "--port", String(server.port)])
        #expect(second.status == 1 && second.standardError.contains("sopgen: error: cannot serve on 127.0.0.1:\(server.port)"),
                "\(second.standardError)")
        #expect(server.stop(signal: SIGINT) == 0)
    }
}
