import Foundation

/// What the write stage puts on disk: every path first, so the manifest is written (and the paths
/// checked) before any file, then the files batch by batch, so a site never has to be whole in memory.
/// `OutputPlan` is the one-batch source; `RenderedSite` renders while the writer writes.
protocol OutputSource {
    /// Every file the source produces, once each, in any order.
    var paths: [String] { get }

    /// Hands each batch of files to `write`, in order, every path one of `paths`; the files too
    /// large to hold whole to `stream` (written piece by piece); and the files made over the whole
    /// production to `append`, a piece at a time (the first piece creates the file; the one marked
    /// last closes it, else it is closed when `produce` returns). Returns false when the site must not be published after
    /// all (the render stage reported an error): the writer then discards the staging folder and
    /// leaves the output as it was.
    func produce(_ write: ([OutputPlan.File]) throws(FileCreation.Failure) -> Void,
                 stream: ([StreamedFile]) throws(FileCreation.Failure) -> Void,
                 append: OutputAppend) throws(FileCreation.Failure) -> Bool
}

/// Adds `piece` to the end of the file at `path`; `last`, the file is complete (see `OutputSource.produce`).
typealias OutputAppend = (_ path: String, _ piece: Data, _ last: Bool) throws(FileCreation.Failure) -> Void

extension OutputPlan: OutputSource {
    var paths: [String] { files.map(\.path) }

    func produce(_ write: ([OutputPlan.File]) throws(FileCreation.Failure) -> Void,
                 stream: ([StreamedFile]) throws(FileCreation.Failure) -> Void,
                 append: OutputAppend) throws(FileCreation.Failure) -> Bool {
        try write(files)
        return true
    }
}
