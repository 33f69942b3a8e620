import Foundation
import Testing

/// `sopgen serve` running in the background on a free port (`--port 0`), its output collected as
/// it comes. Stopped with SIGTERM by `stop()`, killed if a test forgets.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var output = ""
    private var errors = ""
    private(set) var port = 0

    /// Starts the server and waits (a hang bound, not a measure) for the line that names its URL.
    init(pack: URL, in directory: URL, arguments: [String] = [], environment: [String: String] = [:]) throws {
        process.executableURL = TestPaths.sopgenBinary
        process.arguments = ["serve", pack.path, "--port", "0"] + arguments
        process.currentDirectoryURL = directory
        process.environment = TestClock.childEnvironment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.output += String(decoding: data, as: UTF8.self) }
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.errors += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        let started = waitForOutput { $0.contains("Serving ") } || !process.isRunning
        let line = standardOutput.firstMatch(of: /Serving .* at http:\/\/127\.0\.0\.1:(\d+)\//)
        port = line.flatMap { Int($0.output.1) } ?? 0
        #expect(started && port > 0, "sopgen serve did not start: \(standardOutput) \(standardError)")
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var standardOutput: String { lock.withLock { output } }
    var standardError: String { lock.withLock { errors } }

    /// Waits until the output so far satisfies `predicate` (or `seconds` pass: a hang bound).
    @discardableResult
    func waitForOutput(seconds: Double = 120, _ predicate: (String) -> Bool) -> Bool {
        wait(seconds: seconds, for: predicate) { $0.standardOutput }
    }

    /// Waits until standard error so far satisfies `predicate`: it is read from its own pipe, so it
    /// may lag behind an event the server sent after writing it.
    @discardableResult
    func waitForError(seconds: Double = 120, _ predicate: (String) -> Bool) -> Bool {
        wait(seconds: seconds, for: predicate) { $0.standardError }
    }

    /// Polls `text` of this process every 20 ms until `predicate` holds, the process ends, or
    /// `seconds` pass.
    private func wait(seconds: Double, for predicate: (String) -> Bool, in text: (ServeProcess) -> String) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(Double(seconds) * 1000))
        while ContinuousClock.now < deadline {
            if predicate(text(self)) { return true }
            if !process.isRunning { return predicate(text(self)) }
            usleep(20_000)
        }
        return false
    }

    func get(_ path: String, method: String = "GET", host: String? = nil) throws -> HTTPTestClient.Reply {
        try HTTPTestClient.request(port: port, path: path, method: method, host: host)
    }

    /// SIGTERM, then waits for the exit; returns its status (-1: it had to be killed).
    func stop(signal: Int32 = SIGTERM, seconds: Double = 60) -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, signal)
        let deadline = ContinuousClock.now + .milliseconds(Int(Double(seconds) * 1000))
        while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            return -1
        }
        return process.terminationStatus
    }
}
