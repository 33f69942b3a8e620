import Foundation

/// What the write stage puts on disk: every path first, so the manifest is written (and the paths
/// checked) before any file, then the files batch by batch, so a site never has to be whole in memory.
/// `OutputPlan` is the one-batch source; `RenderedSite` renders while the writer writes.
protocol OutputSource {
    /// Every file the source produces, once each, in any order.
    var paths: [String] { get }

    /// Hands each batch of files to `write`, in order, every path one of `paths`, and the files
    /// too large to hold whole to `stream` (written piece by piece). Returns false when the site
    /// must not be published after all (the render stage reported an error): the writer then
    /// discards the staging folder and leaves the output as it was.
    func produce(_ write: ([OutputPlan.File]) throws(FileCreation.Failure) -> Void,
                 stream: ([StreamedFile]) throws(FileCreation.Failure) -> Void) throws(FileCreation.Failure) -> Bool
}

extension OutputPlan: OutputSource {
    var paths: [String] { files.map(\.path) }

    func produce(_ write: ([OutputPlan.File]) throws(FileCreation.Failure) -> Void,
                 stream: ([StreamedFile]) throws(FileCreation.Failure) -> Void) throws(FileCreation.Failure) -> Bool {
        try write(files)
        return true
    }
}
