#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The files a source appends to over the whole production (`OutputSource.produce`'s `append`):
/// each is created by its first piece, exclusively and never through a link (`Directory`), and
/// stays open until the writer closes them all. So a file made of every SOP's part (the search
/// index's shared sections, 22 MB at 5,000 SOPs) is written as the SOPs are rendered, not held.
struct GrowingFiles {
    private var descriptors: [String: Int32] = [:]

    /// Writes `piece` at the end of the file at `path`, opened by `opening` the first time.
    mutating func append(_ piece: Data, to path: String, opening: () throws(FileCreation.Failure) -> Int32) throws(FileCreation.Failure) {
        let descriptor: Int32
        if let open = descriptors[path] {
            descriptor = open
        } else {
            descriptor = try opening()
            descriptors[path] = descriptor
        }
        try FileCreation.writeAll(piece, to: descriptor, path: path)
    }

    /// Closes every file; returns how many there were (none the second time).
    mutating func close() -> Int {
        let count = descriptors.count
        for descriptor in descriptors.values { _ = closeDescriptor(descriptor) }
        descriptors = [:]
        return count
    }

    private func closeDescriptor(_ descriptor: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(descriptor)
        #else
        Darwin.close(descriptor)
        #endif
    }
}
