import Foundation

/// Where the package, its fixtures and its built binary are, independent of the working directory.
enum TestPaths {
    /// Tests/SOPKitTests/Support/TestPaths.swift → the package root.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Tests/SOPKitTests/Fixtures")
    static let bundledPack = packageRoot.appendingPathComponent("sops")

    static func fixturePack(_ name: String) -> URL {
        fixtures.appendingPathComponent("packs/\(name)")
    }

    /// The `sopgen` executable SwiftPM built beside the test bundle.
    static var sopgenBinary: URL {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL {
            var folder = executable.deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(folder.appendingPathComponent("sopgen"))
                folder = folder.deletingLastPathComponent()
            }
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/sopgen"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }
}
