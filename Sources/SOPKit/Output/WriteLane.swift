import Dispatch

/// Writes one batch of files in the background while the source makes the next: rendering and
/// file creation overlap instead of taking turns, so neither leaves a core idle while the other
/// waits for its slowest thread. At most one batch is in flight (`hand` waits for the one before),
/// so memory holds two batches, not the site; the writer waits for the lane before it streams,
/// before it counts what was written, and before it returns or throws, so nothing is written into
/// the staging folder once the writer has let go of it.
final class WriteLane: @unchecked Sendable {
    private let group = DispatchGroup()

    /// Waits for the batch in flight, then starts `work` in the background.
    func hand(_ work: @escaping @Sendable () -> Void) {
        group.wait()
        DispatchQueue.global().async(group: group, execute: work)
    }

    /// Waits for the batch in flight, if any.
    func drain() { group.wait() }
}
