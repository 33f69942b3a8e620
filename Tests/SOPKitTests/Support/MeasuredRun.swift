import Foundation
import Testing
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
    /// The largest resident set the program had (wait4's ru_maxrss), in KiB. posix_spawn starts
    /// the child in the test runner's own memory (vfork), and the kernel counts that memory's high
    /// mark into the child's peak when it execs: in a full run, 100 MiB or more that the program
    /// never used. `peak(of:_:)` measures without it.
    var peakKiB: Int

    /// Runs the program under a small Python process that forks and execs it, and returns its run
    /// with `peakKiB` the program's own peak (the fork starts from Python's few MiB, not from the
    /// test runner's memory).
    static func peak(of executable: URL, _ arguments: [String]) throws -> MeasuredRun {
        let folder = TemporaryFolder()
        let peakFile = folder.url.appendingPathComponent("peak").path
        let script = """
            import os, sys
            pid = os.fork()
            if pid == 0:
                os.execv(sys.argv[2], sys.argv[2:])
            _, status, usage = os.wait4(pid, 0)
            with open(sys.argv[1], "w") as out:
                out.write(str(usage.ru_maxrss))
            code = os.waitstatus_to_exitcode(status)
            os._exit(code if code >= 0 else 128 - code)
            """
        var run = try run(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", script, peakFile, executable.path] + arguments)
        let text = try String(contentsOfFile: peakFile, encoding: .utf8)
        run.peakKiB = try #require(Int(text), "peak file: \(text)")
        return run
    }

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
