import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on the folder that holds the output, held for the whole write, so two builds
/// into one folder never interleave. The kernel drops it when the process dies, however it dies, so
/// a killed build never leaves a stale lock, and no lock file is left beside the output.
final class OutputLock {
    private let descriptor: Int32

    /// Waits up to `timeout` for another build to finish, then gives up with a clear error.
    init(_ path: String, timeout: Duration = .seconds(30)) throws(SiteWriterError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(descriptor)
                throw .cannotWrite(path, String(cString: strerror(code)))
            }
            guard clock.now < deadline else {
                close(descriptor)
                throw .busy(path)
            }
            usleep(50_000)
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
