import Foundation

/// A file too large to hold whole (a role's print handbook embeds every SOP of the role, 11 MB at
/// 5,000 SOPs): the writer asks for its pieces in order and writes each before asking for the
/// next, so memory holds one piece. Rendering stays pure: a piece is a function of loaded values.
struct StreamedFile: Sendable {
    /// Relative to the output folder, `/`-separated.
    var path: String
    /// How many pieces the file has.
    var count: Int
    /// Piece `index` (0 ..< `count`) of the file.
    var piece: @Sendable (Int) -> Data

    /// The whole file in memory: what `render` gives a caller that keeps every file.
    var whole: OutputPlan.File {
        var contents = Data()
        for index in 0..<count { contents += piece(index) }
        return OutputPlan.File(path: path, contents: contents)
    }
}
