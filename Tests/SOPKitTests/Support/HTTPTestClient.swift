import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// HTTP/1.1 over a plain socket to 127.0.0.1: the request line is sent exactly as given (no client
/// normalises `..` or percent-encoding away), so the tests see what the server does with it.
enum HTTPTestClient {
    struct Reply {
        var status: Int
        /// Header names lowercased.
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    enum Failure: Error { case connect(Int32), send, malformed(String) }

    /// One request on its own connection (`Connection: close`), read to the end; `timeout` is a
    /// hang bound, not a measure.
    static func request(port: Int, path: String, method: String = "GET", host: String? = nil,
                        timeout: Int = 60) throws -> Reply {
        let socket = try connect(port: port, timeout: timeout)
        defer { close(socket) }
        try send(socket, "\(method) \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\r\n")
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return try parse(data, head: method == "HEAD")
    }

    static func connect(port: Int, timeout: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(socket)
            throw Failure.connect(errno)
        }
        return socket
    }

    static func send(_ socket: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(socket, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { throw Failure.send }
    }

    static func parse(_ data: Data, head: Bool) throws -> Reply {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else { throw Failure.malformed(String(decoding: data, as: UTF8.self)) }
        let lines = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        guard let status = lines.first?.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
            throw Failure.malformed(lines.first ?? "")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[end.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return Reply(status: status, headers: headers, body: head ? Data() : body)
    }

    static func dechunk(_ data: Data) -> Data {
        var output = Data()
        var index = data.startIndex
        while let lineEnd = data[index...].range(of: Data("\r\n".utf8)) {
            let size = Int(String(decoding: data[index..<lineEnd.lowerBound], as: UTF8.self), radix: 16) ?? 0
            if size == 0 { break }
            let start = lineEnd.upperBound
            let stop = min(start + size, data.endIndex)
            output.append(data[start..<stop])
            index = min(stop + 2, data.endIndex)
        }
        return output
    }
}

/// A subscription to the server's events, read as they come. The events are found in the raw
/// stream (each is written whole, so chunk framing never splits one).
final class EventStreamClient {
    private let socket: Int32
    private var received: [UInt8] = []
    /// Bytes of `received` already looked at by `waitForReload`.
    private var consumed = 0

    init(port: Int) throws {
        socket = try HTTPTestClient.connect(port: port, timeout: 1)
        try HTTPTestClient.send(socket, "GET /__sopgen/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
    }

    deinit { close(socket) }

    /// Everything read so far.
    var text: String { String(decoding: received, as: UTF8.self) }

    /// Reads until `predicate` holds for the text read so far, or `seconds` pass (a hang bound);
    /// false also when the server closed the stream first.
    @discardableResult
    func wait(seconds: Double = 120, until predicate: (String) -> Bool) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(Double(seconds) * 1000))
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !predicate(text) {
            guard ContinuousClock.now < deadline else { return false }
            let count = recv(socket, &buffer, buffer.count, 0)
            if count > 0 {
                received += buffer[0..<count]
            } else if count == 0 {
                return predicate(text)
            }
            // -1: the one-second receive timeout; look at the deadline again.
        }
        return true
    }

    /// The reload events (their `data:`) that arrived since the last call.
    private func reloads(after offset: Int) -> [String] {
        let new = String(decoding: received[offset...], as: UTF8.self)
        return new.components(separatedBy: "event: reload\ndata: ").dropFirst().compactMap { part in
            guard let end = part.range(of: "\n\n") else { return nil }
            return String(part[..<end.lowerBound])
        }
    }

    /// Waits for a reload event that names `path` (a URL path such as `/sops/a.html`) or every
    /// page; returns the events seen on the way, the last one the match (empty: none came).
    func waitForReload(of path: String, seconds: Double = 120) -> [String] {
        let start = consumed
        let matches = { (event: String) in event == "\"*\"" || event.contains("\"\(path)\"") }
        let found = wait(seconds: seconds) { _ in reloads(after: start).contains(where: matches) }
        let events = reloads(after: start)
        consumed = received.count
        return found ? events : []
    }
}
