import Foundation

/// A `swift` first on PATH for `scripts/install.sh`: it records each call's arguments, answers the
/// build with the `sopgen` this test run already built, and writes a man page dated as asked, so the
/// install script runs whole in seconds. Only the calls the script makes are answered; any other
/// call fails, so a changed script shows here.
struct StandInSwift {
    let folder: URL
    private var log: URL { folder.appendingPathComponent("calls.log") }

    init(in folder: URL) throws {
        self.folder = folder
        let bin = folder.appendingPathComponent("bin"), built = folder.appendingPathComponent("release")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: built, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.sopgenBinary, to: built.appendingPathComponent("sopgen"))
        let script = """
        #!/usr/bin/env bash
        echo "$*" >> '\(log.path)'
        case "$*" in
          "build -c release --product sopgen") exit 0 ;;
          "build -c release --show-bin-path") echo '\(built.path)' ;;
          "package plugin --list") echo "‘generate-manual’ (plugin ‘GenerateManual’ in package ‘swift-argument-parser’)" ;;
          "package --allow-writing-to-package-directory generate-manual --date "*" --output-directory "*)
            date="$5"; out="$7"; mkdir -p "$out"
            printf '.Dd %s\\n.Dt SOPGEN 1\\n.Nm sopgen\\n' "$(date -u -d "$date" '+%B %-d, %Y')" > "$out/sopgen.1" ;;
          *) echo "stand-in swift: unexpected call: $*" >&2; exit 2 ;;
        esac
        """
        let swift = bin.appendingPathComponent("swift")
        try Data(script.utf8).write(to: swift)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: swift.path)
    }

    /// PATH with the stand-in first.
    var environment: [String: String] {
        let path = TestClock.childEnvironment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return ["PATH": folder.appendingPathComponent("bin").path + ":" + path]
    }

    /// Each call's arguments, in order.
    func calls() -> [String] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}
