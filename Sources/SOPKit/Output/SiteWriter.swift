import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The write stage: puts an `OutputPlan` on disk, and the only code that touches the output folder.
///
/// The promises, each with its test in `OutputSafetyTests` / `OutputAttackTests`:
/// - the whole site is written into a fresh staging folder beside the output and swapped in with
///   one atomic `renameat2(RENAME_EXCHANGE)` (two renames where the file system cannot), so the
///   output is always a complete site, old or new, even if the build is killed at any point;
/// - a lock serialises builds into one folder; leftovers of killed builds are recognised by name
///   and cleaned (or the previous output restored) by the next build;
/// - only regular files that a validated `.sopgen-manifest` lists are ever removed; a folder
///   holding anything else is refused, and a file that appears during a build is kept;
/// - a symbolic link as the output is followed to its folder and left in place.
public struct SiteWriter: Sendable {
    public static let manifestName = OutputManifest.name

    /// Points in a write where a test may stop the process, to prove recovery.
    public enum Checkpoint: String, Sendable, CaseIterable {
        case locked, halfWritten = "half-written", staged, rechecked, retired, swapped
    }

    /// How the finished staging folder replaces the previous output.
    public enum Swap: Sendable { case exchange, twoRenames }

    /// What the write did beyond writing, for the command line to tell.
    public struct Report: Sendable, Equatable {
        public var notes: [String] = []
        /// False when the source gave up while staging: nothing was swapped in.
        public var published = true
    }

    var swap: Swap
    var checkpoint: @Sendable (Checkpoint) -> Void

    public init(swap: Swap = .exchange, checkpoint: @escaping @Sendable (Checkpoint) -> Void = { _ in }) {
        self.swap = swap
        self.checkpoint = checkpoint
    }

    @discardableResult
    public func write(_ plan: OutputPlan, to output: URL) throws(SiteWriterError) -> Report {
        try write(plan, to: try OutputLocation.resolve(output))
    }

    @discardableResult
    public func write(_ plan: OutputPlan, to location: OutputLocation) throws(SiteWriterError) -> Report {
        try write(source: plan, to: location)
    }

    /// Writes what `source` produces, batch by batch, into the staging folder, then swaps it in;
    /// when the source gives up (`produce` returns false) the staging folder is discarded and the
    /// output is left as it was (`Report.published` is false).
    @discardableResult
    func write(source: some OutputSource, to location: OutputLocation) throws(SiteWriterError) -> Report {
        let paths = try Self.checked(source.paths)
        try location.makeParent()
        let lock = try OutputLock(location.parent)
        defer { withExtendedLifetime(lock) {} }
        checkpoint(.locked)
        var report = Report()
        report.notes += try recoverLeftovers(of: location)
        let previous = try previousManifest(in: location)

        let staging = try makeTransientFolder(location, "new")
        // Ctrl-C (or SIGTERM, SIGHUP) while staging removes what this build wrote there; from the
        // swap on, the staging folder is the writer's again (a stop waits for the swap to end).
        StopSignals.shared.removeOnStop(staging) { [self] in discard(staging, listing: paths) }
        do {
            guard try stage(source, paths: paths, in: staging) else {
                StopSignals.shared.release(staging) { discard(staging, listing: paths) }
                report.published = false
                return report
            }
            try FolderModes.copy(from: previous == nil ? nil : location.folder, to: staging)
        } catch {
            StopSignals.shared.release(staging) { discard(staging, listing: paths) }
            throw .cannotWrite(location.folder, error.description)
        }
        checkpoint(.staged)
        let published = StopSignals.shared.release(staging) {
            Result { () throws(SiteWriterError) in try publish(staging, paths: paths, previous: previous, to: location) }
        }
        report.notes += try published.get()
        return report
    }

    /// Moves the finished `staging` folder into place: renamed to the output when there was none,
    /// else swapped with it after a last look, the previous output emptied. Returns the notes.
    private func publish(_ staging: String, paths: [String], previous: OutputManifest?,
                         to location: OutputLocation) throws(SiteWriterError) -> [String] {
        guard previous != nil else {
            do {
                try FolderSwap.moveWithoutReplacing(staging, to: location.folder)
            } catch {
                discard(staging, listing: paths)
                throw .cannotWrite(location.folder, error.description)
            }
            checkpoint(.swapped)
            return []
        }
        // Checked again just before the swap: a file dropped in during staging is refused now.
        let latest: OutputManifest
        do throws(SiteWriterError) {
            guard let manifest = try previousManifest(in: location) else { throw SiteWriterError.outputChanged(location.folder) }
            latest = manifest
        } catch {
            discard(staging, listing: paths)
            throw error
        }
        checkpoint(.rechecked)
        let retired = try replace(location, with: staging, listing: paths)
        checkpoint(.swapped)
        return retire(retired, listing: latest.files, into: location)
    }

    /// The paths sorted, after checking the source's own invariant: one file a path, and every path
    /// a plain relative path inside the output.
    static func checked(_ unsorted: [String]) throws(SiteWriterError) -> [String] {
        let paths = unsorted.sorted()
        for (index, path) in paths.enumerated() {
            if let reason = OutputManifest.problem(with: path) { throw .unsafePath(path, reason) }
            if index > 0, paths[index - 1] == path { throw .duplicatePath(path) }
        }
        let set = Set(paths)
        if let clash = OutputManifest.folders(of: set).sorted().first(where: set.contains) {
            throw .duplicatePath(clash)
        }
        return paths
    }

    // MARK: Staging

    private func makeTransientFolder(_ location: OutputLocation, _ kind: String) throws(SiteWriterError) -> String {
        var template = Array((location.parent + "/" + location.transientPrefix(kind) + "XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { throw .cannotWrite(location.parent, String(cString: strerror(errno))) }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The manifest first, listing every path (so a killed staging folder can be cleaned file by
    /// file), then folders, then the files batch by batch as the source produces them, each batch
    /// with two writers split by folder (ext4 serialises creations per directory), in the
    /// background while the source makes the next batch (`WriteLane`). Everything is
    /// created through folder descriptors, never through a link; a file the manifest does not list
    /// is refused, and so is a source that leaves a listed file out.
    private func stage(_ source: some OutputSource, paths: [String], in staging: String) throws(FileCreation.Failure) -> Bool {
        let root = try Directory.open(staging)
        try root.writeNewFile(OutputManifest.name, Data(OutputManifest(files: paths).text.utf8))
        var folders: [String: Directory] = ["": root]
        for folder in OutputManifest.folders(of: paths).sorted() {
            folders[folder] = try folders[PathText.parent(folder), default: root].makeFolder(PathText.name(folder))
        }
        let listed = Set(paths)
        let progress = WriteProgress(total: paths.count)
        let checkpoint = self.checkpoint
        let opened = folders
        // Each batch is written while the next is made (`WriteLane`); a failure is thrown at the
        // next hand-over, and the lane is drained before `stage` returns or throws.
        let lane = WriteLane()
        defer { lane.drain() }
        // Files appended to over the whole production (the search index's shared sections), open
        // until it ends; closed on every way out.
        var growing = GrowingFiles()
        defer { _ = growing.closeAll() }
        let complete = try source.produce { (batch: [OutputPlan.File]) throws(FileCreation.Failure) in
            if let stray = batch.first(where: { !listed.contains($0.path) }) {
                throw FileCreation.Failure(path: stray.path, code: EPERM)
            }
            let halves = Self.split(batch)
            lane.drain()
            if let failure = progress.failure { throw failure }
            lane.hand {
                DispatchQueue.concurrentPerform(iterations: halves.count) { index in
                    for file in halves[index] {
                        do throws(FileCreation.Failure) {
                            try opened[PathText.parent(file.path), default: root].writeNewFile(PathText.name(file.path), file.contents)
                        } catch {
                            progress.record(FileCreation.Failure(path: file.path, code: error.code))
                            return
                        }
                        if progress.wroteOne() { checkpoint(.halfWritten) }
                    }
                }
            }
        } stream: { (files: [StreamedFile]) throws(FileCreation.Failure) in
            if let stray = files.first(where: { !listed.contains($0.path) }) {
                throw FileCreation.Failure(path: stray.path, code: EPERM)
            }
            lane.drain()
            if let failure = progress.failure { throw failure }
            // Side by side, piece by piece (`Directory.writeNewFiles`): each file holds one piece at
            // a time, and pieces made together are written together.
            try Directory.writeNewFiles(files.map { (opened[PathText.parent($0.path), default: root], PathText.name($0.path), $0) })
            for _ in files where progress.wroteOne() { checkpoint(.halfWritten) }
            if let failure = progress.failure { throw failure }
        } append: { (path: String, piece: Data, last: Bool) throws(FileCreation.Failure) in
            try growing.append(piece, to: path, last: last) { () throws(FileCreation.Failure) -> Int32 in
                guard listed.contains(path) else { throw FileCreation.Failure(path: path, code: EPERM) }
                do throws(FileCreation.Failure) {
                    return try opened[PathText.parent(path), default: root].openNewFile(PathText.name(path))
                } catch {
                    throw FileCreation.Failure(path: path, code: error.code)
                }
            }
        }
        lane.drain()
        if let failure = progress.failure { throw failure }
        guard complete else { return false }
        for _ in 0..<growing.closeAll() where progress.wroteOne() { checkpoint(.halfWritten) }
        // Each file is created exclusively, so none was written twice: the count says none is missing.
        guard progress.written == paths.count else { throw FileCreation.Failure(path: staging, code: ENOENT) }
        return true
    }

    /// The files in two groups of whole folders, of about equal size.
    static func split(_ files: [OutputPlan.File]) -> [[OutputPlan.File]] {
        guard files.count > 1 else { return [files] }
        let byFolder = Dictionary(grouping: files) { PathText.parent($0.path) }
        var halves: [[OutputPlan.File]] = [[], []]
        for (_, group) in byFolder.sorted(by: { ($0.value.count, $1.key) > ($1.value.count, $0.key) }) {
            let target = halves[0].count <= halves[1].count ? 0 : 1
            halves[target] += group
        }
        return halves
    }

    // MARK: The previous output

    /// The manifest of the output sopgen wrote before, nil when there is no output folder yet, and
    /// an error when the folder holds anything sopgen did not write or its manifest is not sound.
    private func previousManifest(in location: OutputLocation) throws(SiteWriterError) -> OutputManifest? {
        switch FileKind.of(location.folder) {
        case .missing: return nil
        case .folder: break
        case .file, .link, .other: throw .notAFolder(location.folder, "it is a file, not a folder")
        }
        guard let root = try? Directory.open(location.folder), let tree = OutputTree.read(root) else {
            throw .notAFolder(location.folder, "sopgen cannot read it, so it cannot tell what it holds")
        }
        let manifest = try readManifest(in: location.folder, root: root, tree: tree)
        let written = Set(manifest.files)
        let folders = OutputManifest.folders(of: written)
        var foreign = tree.others.sorted()
        foreign += tree.files.filter { $0 != OutputManifest.name && !written.contains($0) }.sorted()
        foreign += tree.folders.filter { !folders.contains($0) }.map { $0 + "/" }.sorted()
        guard foreign.isEmpty else { throw .foreignFiles(location.folder, Array(foreign.prefix(10)), foreign.count) }
        return manifest
    }

    private func readManifest(in folder: String, root: Directory, tree: OutputTree) throws(SiteWriterError) -> OutputManifest {
        let path = folder + "/" + OutputManifest.name
        guard tree.files.contains(OutputManifest.name) else {
            if tree.isEmpty { return OutputManifest(files: []) }
            throw .foreignFiles(folder, Array(tree.listing.prefix(10)), tree.listing.count)
        }
        guard let text = Self.readManifestText(root) else { throw .cannotWrite(path, "cannot read the manifest") }
        switch OutputManifest.parse(text) {
        case .success(let manifest): return manifest
        case .failure(.notAManifest):
            throw .foreignFiles(folder, Array(tree.listing.prefix(10)), tree.listing.count)
        case .failure(.badEntry(let line, let entry, let reason)):
            throw .badManifest(path, line, "'\(entry)' is \(reason)")
        case .failure(.duplicateEntry(let line, let entry)):
            throw .badManifest(path, line, "'\(entry)' is listed twice")
        }
    }

    /// The manifest's text, read without following a link; nil when missing, unreadable or huge.
    static func readManifestText(_ root: Directory) -> String? {
        let file = openat(root.descriptor, OutputManifest.name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard file >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: file, closeOnDealloc: true)
        // An empty file reads as nil: the same as no text, which is not a manifest.
        let data = (try? handle.read(upToCount: 64 << 20)) ?? Data()
        return data.count < 64 << 20 ? String(decoding: data, as: UTF8.self) : nil
    }

    // MARK: Swap and clean-up

    /// Puts `staging` in place of the output and returns where the previous output now is. If the
    /// output turned into a symbolic link since it was checked, the swap is undone and refused.
    private func replace(_ location: OutputLocation, with staging: String, listing files: [String]) throws(SiteWriterError) -> String {
        do {
            if swap == .exchange, try FolderSwap.exchange(staging, location.folder) {
                guard FileKind.of(staging) == .folder else {
                    _ = try? FolderSwap.exchange(staging, location.folder)
                    discard(staging, listing: files)
                    throw SiteWriterError.outputChanged(location.folder)
                }
                return staging
            }
        } catch let error as SiteWriterError {
            throw error
        } catch {
            discard(staging, listing: files)
            throw .cannotWrite(location.folder, "\(error)")
        }
        // No atomic exchange here: retire the output into an empty folder of a unique name, then
        // move the new site in. A kill between the two leaves the retired folder, which the next
        // build restores before anything else.
        guard FileKind.of(location.folder) == .folder else {
            discard(staging, listing: files)
            throw .outputChanged(location.folder)
        }
        let retired = try makeTransientFolder(location, "old")
        do {
            try FolderSwap.rename(location.folder, to: retired)
        } catch {
            rmdir(retired)
            discard(staging, listing: files)
            throw .cannotWrite(location.folder, "\(error)")
        }
        guard FileKind.of(retired) == .folder else {
            try? FolderSwap.rename(retired, to: location.folder)
            discard(staging, listing: files)
            throw .outputChanged(location.folder)
        }
        checkpoint(.retired)
        do {
            try FolderSwap.rename(staging, to: location.folder)
        } catch {
            try? FolderSwap.rename(retired, to: location.folder)
            discard(staging, listing: files)
            throw .cannotWrite(location.folder, error.description)
        }
        return retired
    }

    /// Empties the previous output after the swap: the files its manifest lists go; anything else
    /// (a file someone dropped in during the build) is moved back into the new output where
    /// nothing of that name exists, and is otherwise left where it is and reported.
    private func retire(_ retired: String, listing files: [String], into location: OutputLocation) -> [String] {
        discard(retired, listing: files)
        guard FileKind.of(retired) == .folder, let root = try? Directory.open(retired), let left = OutputTree.read(root) else { return [] }
        var kept: [String] = []
        var stranded: [String] = []
        for path in left.files.union(left.others).sorted() {
            let destination = location.folder + "/" + path
            do {
                try FileCreation.makeFolder(PathText.parent(destination))
                try FolderSwap.moveWithoutReplacing(retired + "/" + path, to: destination)
                kept.append(path)
            } catch {
                stranded.append(path)
            }
        }
        discard(retired, listing: [])
        var notes: [String] = []
        if !kept.isEmpty {
            notes.append("kept \(kept.count) file\(kept.count == 1 ? "" : "s") that appeared in '\(location.folder)' during the build "
                         + "(\(kept.prefix(5).joined(separator: ", "))); sopgen did not write \(kept.count == 1 ? "it" : "them") "
                         + "and the next build will refuse the folder until \(kept.count == 1 ? "it is" : "they are") moved away")
        }
        if !stranded.isEmpty {
            notes.append("left \(stranded.count) file\(stranded.count == 1 ? "" : "s") sopgen did not write in '\(retired)' "
                         + "(\(stranded.prefix(5).joined(separator: ", ")))")
        }
        return notes
    }

    /// Removes from `root` the regular files `files` lists, then every empty folder, then the
    /// manifest (last, so a clean-up cut short can be finished by the next build), then `root` if
    /// empty. Links and unlisted files stay. Works through folder descriptors: a folder swapped for
    /// a link on the way is never followed.
    func discard(_ root: String, listing files: [String]) {
        guard let top = try? Directory.open(root) else { return }
        var opened: [String: Directory?] = ["": top]
        func folder(_ path: String) -> Directory? {
            if let known = opened[path] { return known }
            let found = folder(PathText.parent(path)).flatMap { try? $0.folder(PathText.name(path)) }
            opened[path] = found
            return found
        }
        for path in files where OutputManifest.problem(with: path) == nil {
            folder(PathText.parent(path))?.removeFile(PathText.name(path))
        }
        if let tree = OutputTree.read(top) {
            for path in tree.folders.sorted(by: { $0.count > $1.count }) {
                folder(PathText.parent(path))?.removeEmptyFolder(PathText.name(path))
            }
        }
        top.removeFile(OutputManifest.name)
        rmdir(root)
    }

    // MARK: Recovery

    /// Cleans up after builds that were killed: restores a retired output when the output itself is
    /// missing, then removes what sopgen wrote into leftover staging and retired folders. Runs under
    /// the lock, so no live build owns them.
    private func recoverLeftovers(of location: OutputLocation) throws(SiteWriterError) -> [String] {
        let newPrefix = location.transientPrefix("new"), oldPrefix = location.transientPrefix("old")
        guard let parent = try? Directory.open(location.parent) else { return [] }
        let names = (parent.entries() ?? [])
            .filter { ($0.hasPrefix(newPrefix) || $0.hasPrefix(oldPrefix)) && parent.kind($0) == .folder }
            .sorted()
        guard !names.isEmpty else { return [] }
        var notes: [String] = []
        var leftovers = names
        if FileKind.of(location.folder) == .missing,
           let index = leftovers.firstIndex(where: { $0.hasPrefix(oldPrefix) && manifest(in: location.parent + "/" + $0) != nil }) {
            do {
                try FolderSwap.rename(location.parent + "/" + leftovers[index], to: location.folder)
                notes.append("restored the previous output of a build that was stopped mid-swap")
                leftovers.remove(at: index)
            } catch {
                throw .cannotWrite(location.folder, "cannot restore the previous output from '\(leftovers[index])': \(error)")
            }
        }
        for name in leftovers {
            let leftover = location.parent + "/" + name
            discard(leftover, listing: manifest(in: leftover)?.files ?? [])
            if FileKind.of(leftover) == .missing {
                notes.append("removed '\(SiteWriterError.visible(name))', left by a build that was stopped")
            } else {
                notes.append("left '\(SiteWriterError.visible(leftover))' in place: it holds files sopgen did not write")
            }
        }
        return notes
    }

    private func manifest(in folder: String) -> OutputManifest? {
        guard let root = try? Directory.open(folder), let text = Self.readManifestText(root) else { return nil }
        return try? OutputManifest.parse(text).get()
    }
}

/// How far the concurrent writers are: files written, and the first error.
private final class WriteProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var count = 0
    private var errors: [FileCreation.Failure] = []

    init(total: Int) { self.total = total }

    func record(_ error: FileCreation.Failure) { lock.withLock { errors.append(error) } }
    var failure: FileCreation.Failure? { lock.withLock { errors.first } }
    var written: Int { lock.withLock { count } }

    /// Counts one file written; true for the one that reaches half of the site.
    func wroteOne() -> Bool {
        lock.withLock {
            count += 1
            return count == max(total / 2, 1)
        }
    }
}
