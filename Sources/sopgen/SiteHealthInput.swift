import ArgumentParser
import Foundation
import SOPKit

/// Site Health text given on the command line (`site import`, `init --from-site-health`).
enum SiteHealthInput {
    /// The report's text, from a file or standard input; no more than a pack file may hold.
    static func read(_ file: String) throws -> String {
        let limit = PackLoader.maximumFileSize
        var isFolder: ObjCBool = false
        if file != "-", FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
            throw ValidationError("'\(file)' is a folder; give the file that holds the Site Health text")
        }
        let handle = file == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: file)
        guard let handle else { throw ValidationError("cannot read '\(file)'") }
        let data: Data
        do {
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw ValidationError("cannot read '\(file)': \(error.localizedDescription)")
        }
        guard data.count <= limit else {
            throw ValidationError("'\(file)' is larger than \(limit / 1_048_576) MiB; a Site Health report is a few KB")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("cannot read '\(file)' as UTF-8 text")
        }
        return text
    }
}
