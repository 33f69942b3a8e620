import Foundation
@testable import SOPKit

/// A folder under the system's temporary directory, removed when the value is released.
final class TemporaryFolder {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sopgen-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func write(_ files: [String: String]) {
        for (path, text) in files {
            let file = url.appendingPathComponent(path)
            try! FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! Data(text.utf8).write(to: file)
        }
    }

    /// Copies a fixture pack in, so a test can change it without touching the fixture.
    func copyPack(_ source: URL, as name: String = "pack") -> URL {
        let target = url.appendingPathComponent(name)
        try! FileManager.default.copyItem(at: source, to: target)
        return target
    }

    /// Every file below `folder`, path → bytes.
    func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let root = folder.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let item = enumerator?.nextObject() as? URL {
            if (try? item.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                files[String(item.standardizedFileURL.path.dropFirst(root.count + 1))] = FileManager.default.contents(atPath: item.path)
            }
        }
        return files
    }
}

/// A pack written from text: the smallest pack that passes every check, unless a test overrides a
/// file. Its one SOP, `guide`, is replaced by a test that writes `PackFiles.sop(body:)`.
enum PackFiles {
    static let base: [String: String] = [
        "sopgen.yml": "title: Test pack\norganisation: Test Co\ndefault_site: shop\n",
        "roles.yml": """
            roles:
              - id: admin
                name: Site administrator
                capabilities: {copilot: execute}
              - id: agent
                name: Support agent
                capabilities: {copilot: read}
                escalates_to: admin

            """,
        "policies.yml": "policies: []\n",
        "sites/shop.yml": """
            name: Shop
            setup_owner: Ada
            production_url: https://shop.example
            staging_url: https://staging.shop.example
            sophmate_version: 2.4.1
            wordpress_version: 6.8.1
            php_version: 8.2.28
            active_theme: Storefront
            rollback_path: Restore from the nightly backup.

            """,
    ].merging(sop(body: "Base text.\n")) { $1 }

    /// `playbooks/stock-check.yml`, read-only, owned by admin, with these lines of steps (its
    /// `steps:` key on line 4).
    static func stockCheckPlaybook(steps: [String]) -> [String: String] {
        ["playbooks/stock-check.yml": "title: Stock check\nowner: admin\nmode: read-only\nsteps: |\n"
            + steps.map { "  \($0)\n" }.joined()]
    }

    static func sop(_ id: String = "guide", audience: String = "[admin, agent]", body: String) -> [String: String] {
        ["procedures/\(id).md": """
            ---
            title: \(id.capitalized)
            surface: copilot
            audience: \(audience)
            owner: admin
            review_cadence: monthly
            last_reviewed: 2026-11-01
            ---
            \(body)
            """]
    }

    static func pack(_ overrides: [String: String]) -> [String: String] {
        base.merging(overrides) { $1 }
    }
}

enum Build {
    /// Runs every stage but `write` on a folder.
    static func plan(_ pack: URL) async -> Pipeline.Result {
        await Pipeline(packRoot: pack, today: TestClock.today).plan()
    }

    static func plan(files: [String: String]) async -> (Pipeline.Result, TemporaryFolder) {
        let folder = TemporaryFolder()
        folder.write(files)
        return (await plan(folder.url), folder)
    }

    /// A build's plan and `check` of the same files: the two must report alike.
    static func planAndCheck(files: [String: String]) async -> (built: Pipeline.Result, checked: Pipeline.Result) {
        let (built, folder) = await plan(files: files)
        let checked = await Pipeline(packRoot: folder.url, today: TestClock.today).check()
        return (built, checked)
    }

    static func diagnosticsText(_ result: Pipeline.Result) -> String {
        DiagnosticFormatter(sources: result.sources).format(result.diagnostics)
    }
}
