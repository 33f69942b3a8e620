import Foundation
@testable import SOPKit

/// Runs the pipeline's stages on files held in memory: nothing is read from or written to disk.
enum InMemoryPack {
    /// The bundled theme, read once for every in-memory pack of the run.
    static let defaultTheme = DefaultTheme.files()

    /// `files` as the load stage would give them. A file whose text equals the one in `base` is
    /// taken from there as it is (the mutation test changes one file of thirty at a time).
    static func loaded(_ files: [String: String], reusing base: [String: SourceFile] = [:]) -> LoadedPack {
        var sources: [String: SourceFile] = [:]
        for (path, text) in files {
            if let known = base[path], known.text == text {
                sources[path] = known
                continue
            }
            // As the loader would: a byte-order mark dropped, line endings made LF.
            guard case .success(let normalised) = TextDecoding.decode(Data(text.utf8)) else { continue }
            sources[path] = SourceFile(path: path, text: normalised)
        }
        var loaded = LoadedPack(root: URL(fileURLWithPath: "/in-memory-pack"), files: sources)
        loaded.defaultTheme = defaultTheme
        return loaded
    }

    /// Decode, validate and, when `render` is set, resolve and render: the diagnostics `check` would
    /// report, sorted and each once.
    static func diagnostics(_ files: [String: String], today: CalendarDate = MistakesPackTests.today,
                            render: Bool = false) async -> [Diagnostic] {
        let (pack, decoded) = await PackDecoder().decode(loaded(files))
        var diagnostics = decoded + PackValidator(today: today).validate(pack)
        if render {
            diagnostics += await SiteRenderer().render(PackResolver().resolve(pack)).diagnostics
        }
        return Pipeline.unique(diagnostics)
    }

    /// The text report a user would see.
    static func report(_ files: [String: String], today: CalendarDate = MistakesPackTests.today) async -> String {
        let loaded = loaded(files)
        let diagnostics = await diagnostics(files, today: today)
        return DiagnosticFormatter(sources: loaded.files).format(diagnostics)
    }
}
