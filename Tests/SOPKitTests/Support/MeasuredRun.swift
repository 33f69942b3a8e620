import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program and measures the CPU time it used (user + system, from wait4), which other
/// tests running at the same time do not inflate the way they inflate wall-clock time.
struct MeasuredRun {
    var status: Int32
    var standardError: String
    var cpuSeconds: Double
    var wallSeconds: Double
    /// The largest resident set the program had (wait4's ru_maxrss), in KiB.
    var peakKiB: Int

    static func run(_ executable: URL, _ arguments: [String]) throws -> MeasuredRun {
        let folder = TemporaryFolder()
        let errorPath = folder.url.appendingPathComponent("stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let environment = TestClock.childEnvironment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { environment.forEach { free($0) } }
        let clock = ContinuousClock()
        let start = clock.now
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environment)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let elapsed = clock.now - start
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return MeasuredRun(status: exitStatus, standardError: errors, cpuSeconds: cpu, wallSeconds: wall,
                           peakKiB: Int(usage.ru_maxrss))
    }
}
