import Dispatch

/// Writes one batch of files in the background while the source makes the next: rendering and
/// file creation overlap instead of taking turns, so neither leaves a core idle while the other
/// waits for its slowest thread. At most one batch is in flight (`hand` waits for the one before),
/// so memory holds two batches, not the site; the writer waits for the lane before it streams,
/// before it counts what was written, and before it returns or throws, so nothing is written into
/// the staging folder once the writer has let go of it.
///
/// The batch runs on a queue of its own, never on the shared pool: the writer waits for it from a
/// thread of Swift's cooperative pool (one per core), and with every such thread waiting (two
/// builds at once on two cores, as in the tests) a batch queued on the shared pool never started.
final class WriteLane: @unchecked Sendable {
    private let group = DispatchGroup()
    /// A serial queue made here gets a thread of its own when the shared ones are all busy.
    private let queue = DispatchQueue(label: "sopgen.write-lane")

    /// Waits for the batch in flight, then starts `work` in the background.
    func hand(_ work: @escaping @Sendable () -> Void) {
        group.wait()
        queue.async(group: group, execute: work)
    }

    /// Waits for the batch in flight, if any.
    func drain() { group.wait() }
}
