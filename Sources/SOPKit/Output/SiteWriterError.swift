/// Why the write stage refused or failed. Every case leaves the previous output as it was.
public enum SiteWriterError: Error, CustomStringConvertible, Equatable {
    case notAFolder(String, String)
    case foreignFiles(String, [String], Int)
    case badManifest(String, Int, String)
    case insidePack(String, String)
    case duplicatePath(String)
    case unsafePath(String, String)
    case busy(String)
    case outputChanged(String)
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .notAFolder(let path, let reason):
            return "the output '\(path)' cannot be used: \(reason); choose another --output"
        case .foreignFiles(let path, let sample, let count):
            let listed = sample.map { "  \(Self.visible($0))" }.joined(separator: "\n")
            let more = count > sample.count ? "\n  … and \(count - sample.count) more" : ""
            return """
                the output folder '\(path)' holds files that sopgen did not write:
                \(listed)\(more)
                sopgen never deletes what it did not write. Move them away, or choose another --output.
                """
        case .badManifest(let path, let line, let reason):
            return "\(path):\(line): bad manifest entry: \(Self.visible(reason)); sopgen removes only plain files inside "
                + "the output, so it changed nothing. Delete that line, or the whole output folder, and build again"
        case .insidePack(let path, let reason):
            return "the output '\(path)' cannot be used: \(reason); choose an output outside the pack's sources"
        case .duplicatePath(let path):
            return "two pages would be written to '\(path)'; nothing was written (report this: ids are checked before)"
        case .unsafePath(let path, let reason):
            return "a page would be written to '\(Self.visible(path))', \(reason); nothing was written"
        case .busy(let lock):
            return "another sopgen is still writing an output in '\(lock)' after 30 s; try again when it has finished"
        case .outputChanged(let path):
            return "the output '\(path)' was replaced or turned into a link during the build; nothing was changed, build again"
        case .cannotWrite(let path, let reason):
            return "cannot write '\(path)': \(reason); the previous output is unchanged"
        }
    }

    /// Control characters shown as escapes, so a hostile file name cannot drive the terminal.
    static func visible(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value) {
                shown += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }
}
