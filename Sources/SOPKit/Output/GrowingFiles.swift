#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The files a source appends to over the whole production (`OutputSource.produce`'s `append`):
/// each is created by its first piece, exclusively and never through a link (`Directory`), and
/// closed by its last, or by the writer when the source is done. So a file made of every SOP's
/// part (the search index's shared sections, 22 MB at 5,000 SOPs) is written as the SOPs are
/// rendered, not held; and it is closed before the print pages open a file per role.
struct GrowingFiles {
    private var descriptors: [String: Int32] = [:]
    private var finished = 0

    /// Writes `piece` at the end of the file at `path`, opened by `opening` the first time and
    /// closed when `last`. A piece for a file already closed creates it again, which fails.
    mutating func append(_ piece: Data, to path: String, last: Bool,
                         opening: () throws(FileCreation.Failure) -> Int32) throws(FileCreation.Failure) {
        let descriptor: Int32
        if let open = descriptors[path] {
            descriptor = open
        } else {
            descriptor = try opening()
            descriptors[path] = descriptor
        }
        try FileCreation.writeAll(piece, to: descriptor, path: path)
        if last {
            close(descriptor)
            descriptors[path] = nil
            finished += 1
        }
    }

    /// Closes the files still open; returns how many files there were (none the second time).
    mutating func closeAll() -> Int {
        let count = descriptors.count + finished
        for descriptor in descriptors.values { close(descriptor) }
        descriptors = [:]
        finished = 0
        return count
    }

    /// How many files are open.
    var openCount: Int { descriptors.count }
}
