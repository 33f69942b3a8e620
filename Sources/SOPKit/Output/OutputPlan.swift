import Foundation

/// Everything a build will write, in memory: the render stage's product and the write stage's input.
public struct OutputPlan: Sendable {
    public struct File: Sendable, Hashable {
        /// Relative to the output folder, `/`-separated.
        public var path: String
        public var contents: Data
    }

    public private(set) var files: [File] = []

    public init() {}

    public mutating func add(_ path: String, _ text: String) {
        files.append(File(path: path, contents: Data(text.utf8)))
    }

    public mutating func add(_ path: String, data: Data) {
        files.append(File(path: path, contents: data))
    }

    mutating func add(_ batch: [File]) {
        files += batch
    }

    /// Files sorted by path: the order the writer uses and tests compare.
    public var sorted: [File] { files.sorted { $0.path < $1.path } }

    public func file(_ path: String) -> File? { files.first { $0.path == path } }

    public func text(_ path: String) -> String? { file(path).map { String(decoding: $0.contents, as: UTF8.self) } }

    public var pageCount: Int { files.filter { $0.path.hasSuffix(".html") }.count }
}
