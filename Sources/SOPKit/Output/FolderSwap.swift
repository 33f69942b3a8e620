import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if os(Linux)
/// glibc has `renameat2` since 2.28; Swift's Glibc module does not declare it (it needs _GNU_SOURCE).
@_silgen_name("renameat2")
private func system_renameat2(_ oldDirectory: Int32, _ oldPath: UnsafePointer<CChar>,
                              _ newDirectory: Int32, _ newPath: UnsafePointer<CChar>, _ flags: UInt32) -> Int32
#endif

/// The renames the writer needs, with the kernel's atomic variants where it has them.
enum FolderSwap {
    /// Exchanges two folders in one step: no moment without an output. Returns false when the file
    /// system cannot (the caller falls back to two renames), throws for any other failure.
    static func exchange(_ first: String, _ second: String) throws(FileCreation.Failure) -> Bool {
        #if os(Linux)
        if system_renameat2(AT_FDCWD, first, AT_FDCWD, second, 2 /* RENAME_EXCHANGE */) == 0 { return true }
        let code = errno
        if code == EINVAL || code == ENOSYS || code == ENOTSUP || code == EOPNOTSUPP { return false }
        throw FileCreation.Failure(path: second, code: code)
        #elseif canImport(Darwin)
        if renamex_np(first, second, UInt32(RENAME_SWAP)) == 0 { return true }
        let code = errno
        if code == EINVAL || code == ENOTSUP { return false }
        throw FileCreation.Failure(path: second, code: code)
        #else
        return false
        #endif
    }

    /// Renames `source` to `destination` only if nothing is there: never replaces a file.
    static func moveWithoutReplacing(_ source: String, to destination: String) throws(FileCreation.Failure) {
        #if os(Linux)
        if system_renameat2(AT_FDCWD, source, AT_FDCWD, destination, 1 /* RENAME_NOREPLACE */) == 0 { return }
        let code = errno
        guard code == EINVAL || code == ENOSYS || code == ENOTSUP || code == EOPNOTSUPP else {
            throw FileCreation.Failure(path: destination, code: code)
        }
        #endif
        guard FileKind.of(destination) == .missing else { throw FileCreation.Failure(path: destination, code: EEXIST) }
        try rename(source, to: destination)
    }

    static func rename(_ source: String, to destination: String) throws(FileCreation.Failure) {
        #if canImport(Glibc)
        let result = Glibc.rename(source, destination)
        #else
        let result = Darwin.rename(source, destination)
        #endif
        if result != 0 { throw FileCreation.Failure(path: destination, code: errno) }
    }
}
