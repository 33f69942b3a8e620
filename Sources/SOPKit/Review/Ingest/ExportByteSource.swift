internal import CZlib
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of an activity export, read in chunks from a file or standard input (`-`), gunzipped
/// on the fly when they start with gzip's magic bytes (whatever the file is called). Memory stays at
/// two chunks whatever the export's size.
final class ExportByteSource {
    enum Failure: Error, CustomStringConvertible {
        case cannotOpen(String, String)
        case notAFile(String)
        case readFailed(String, String)
        case corruptGzip(String, String)

        var description: String {
            switch self {
            case .cannotOpen(let path, let reason): "cannot read '\(path)': \(reason)"
            case .notAFile(let path): "'\(path)' is a folder or a special file; name an export file, or - for standard input"
            case .readFailed(let path, let reason): "reading '\(path)' failed: \(reason)"
            case .corruptGzip(let path, let reason): "'\(path)' is not a readable gzip file: \(reason)"
            }
        }
    }

    static let chunkSize = 256 * 1024

    let shownPath: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Compressed bytes read and not yet inflated: `pending[pendingStart...]`.
    private var pending: [UInt8] = []
    private var pendingStart = 0
    private var gzip: UnsafeMutablePointer<z_stream>?
    private var gzipDone = false
    private var finished = false
    private var started = false

    /// `path` is `-` for standard input.
    init(path: String) throws(Failure) {
        // A file name can hold a secret or an email address too: shown as an identifier is.
        shownPath = path == "-" ? "<stdin>" : IdentifierRedactor.shownPath(path)
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
            return
        }
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { throw .cannotOpen(shownPath, String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(opened, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(opened)
            throw .notAFile(shownPath)
        }
        descriptor = opened
        ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
        if let gzip {
            inflateEnd(gzip)
            gzip.deallocate()
        }
    }

    /// The next chunk of (decompressed) bytes, or nil at the end.
    func next() throws(Failure) -> [UInt8]? {
        if !started {
            started = true
            guard let first = try readRaw() else { return nil }
            if first.count >= 2, first[0] == 0x1F, first[1] == 0x8B { try startGzip() }
            if gzip == nil { return first }
            pending = first
        }
        guard gzip != nil else { return try readRaw() }
        return try inflateNext()
    }

    private func readRaw() throws(Failure) -> [UInt8]? {
        if finished { return nil }
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        var filled = 0
        while filled < buffer.count {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw .readFailed(shownPath, String(cString: strerror(errno))) }
            if count == 0 {
                finished = true
                break
            }
            filled += count
        }
        guard filled > 0 else { return nil }
        buffer.removeLast(buffer.count - filled)
        return buffer
    }

    private func startGzip() throws(Failure) {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 16 + MAX_WBITS: a gzip header and trailer around the deflate data.
        guard inflateInit2_(stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            throw .corruptGzip(shownPath, "zlib could not start")
        }
        gzip = stream
    }

    private func inflateNext() throws(Failure) -> [UInt8]? {
        guard let stream = gzip else { return nil }
        var output = [UInt8](repeating: 0, count: Self.chunkSize)
        var produced = 0
        while produced == 0 {
            if gzipDone { return nil }
            if pendingStart == pending.count {
                guard let more = try readRaw() else {
                    throw .corruptGzip(shownPath, "the file ends in the middle of the compressed data")
                }
                pending = more
                pendingStart = 0
            }
            let consumedCount: Int
            let status: Int32
            let start = pendingStart
            (status, consumedCount, produced) = pending.withUnsafeMutableBufferPointer { whole in
                output.withUnsafeMutableBufferPointer { out in
                    let input = UnsafeMutableBufferPointer(rebasing: whole[start...])
                    stream.pointee.next_in = input.baseAddress
                    stream.pointee.avail_in = UInt32(input.count)
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = UInt32(out.count)
                    let status = inflate(stream, Z_NO_FLUSH)
                    return (status, input.count - Int(stream.pointee.avail_in), out.count - Int(stream.pointee.avail_out))
                }
            }
            pendingStart += consumedCount
            switch status {
            case Z_OK, Z_BUF_ERROR: break
            case Z_STREAM_END:
                // Concatenated gzip members (what `cat a.gz b.gz` makes) are one stream to gunzip.
                if pendingStart == pending.count, let more = try readRaw() {
                    pending = more
                    pendingStart = 0
                }
                if pendingStart == pending.count { gzipDone = true } else { inflateReset(stream) }
            default:
                let reason = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                throw .corruptGzip(shownPath, reason)
            }
        }
        output.removeLast(output.count - produced)
        return output
    }
}
