import Foundation
import Testing

/// Golden files under Fixtures/golden. Set SOPGEN_RECORD_GOLDEN=1 to write what the code produces
/// now instead of comparing; review the diff before committing it.
enum Golden {
    static var recording: Bool { ProcessInfo.processInfo.environment["SOPGEN_RECORD_GOLDEN"] == "1" }
    static let root = TestPaths.fixtures.appendingPathComponent("golden")

    static func assertText(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = root.appendingPathComponent(name)
        if recording {
            try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name); run with SOPGEN_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            Issue.record("\(name) differs from its golden file:\n\(firstDifference(expected, actual))", sourceLocation: sourceLocation)
        }
    }

    /// Compares a whole tree of files with the golden folder `name`: same paths, same bytes.
    static func assertTree(_ files: [String: Data], matches name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let folder = root.appendingPathComponent(name)
        if recording {
            try? FileManager.default.removeItem(at: folder)
            for (path, data) in files {
                let url = folder.appendingPathComponent(path)
                try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try! data.write(to: url)
            }
            return
        }
        let expected = TemporaryFolder().snapshot(folder)
        #expect(files.keys.sorted() == expected.keys.sorted(), "file list differs from golden \(name)", sourceLocation: sourceLocation)
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            guard let golden = expected[path] else { continue }
            if data != golden {
                let difference = firstDifference(String(decoding: golden, as: UTF8.self), String(decoding: data, as: UTF8.self))
                Issue.record("\(name)/\(path) differs from its golden file:\n\(difference)", sourceLocation: sourceLocation)
            }
        }
    }

    private static func firstDifference(_ expected: String, _ actual: String) -> String {
        let left = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let right = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? String(left[index]) : "<end>"
            let b = index < right.count ? String(right[index]) : "<end>"
            if a != b { return "line \(index + 1)\n  expected: \(a)\n  actual:   \(b)" }
        }
        return "(same lines, different bytes)"
    }
}
