import Foundation

/// Where sopgen's own folders (`templates/`, `sops/`) are: an explicit `SOPGEN_HOME`, an install
/// prefix beside the binary (`bin/sopgen` → `share/sopgen/`), or the checkout it was built from.
public enum InstallLocation {
    public static func folder(_ name: String) -> URL? {
        candidates().map { $0.appendingPathComponent(name) }.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    static func candidates() -> [URL] {
        var roots: [URL] = []
        if let home = ProcessInfo.processInfo.environment["SOPGEN_HOME"], !home.isEmpty {
            roots.append(URL(fileURLWithPath: home))
        }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            roots.append(executable.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/sopgen"))
        }
        // Sources/SOPKit/Rendering/InstallLocation.swift → the package root.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        roots.append(checkout)
        return roots
    }
}
