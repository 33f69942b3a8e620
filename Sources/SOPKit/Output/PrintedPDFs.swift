import Foundation

/// `sopgen pdf`: the pages people print — each role's printed handbook and each site's checklists
/// — printed to PDF by headless Chromium, as an output plan the site writer writes like a build
/// (manifest, atomic swap, nothing it did not write removed). Chromium is found on the PATH; when
/// it is missing the error names the package to install.
public struct PrintedPDFs: Sendable {
    public enum Paper: String, Sendable, CaseIterable {
        case a4, letter

        var cssSize: String { self == .a4 ? "A4" : "letter" }
    }

    public enum Problem: Error, Sendable, CustomStringConvertible {
        case noChromium
        case printFailed(String, String)

        public var description: String {
            switch self {
            case .noChromium:
                "sopgen pdf prints through headless Chromium, which is not installed: install Debian's package chromium "
                    + "(apt-get install chromium), or put chromium on the PATH"
            case .printFailed(let page, let reason): "Chromium could not print \(page): \(reason)"
            }
        }
    }

    /// The pages to print, site path → PDF name. A checklist's name joins site and checklist ids with
    /// `--`, which no id may hold, so `harbour` + `store-rollout` and `harbour-store` + `rollout`
    /// stay two files.
    public static func pages(in plan: OutputPlan) -> [(page: String, pdf: String)] {
        plan.files.map(\.path).sorted().compactMap { path in
            let parts = PathText.components(path)
            if parts.count == 3, parts[0] == "roles", parts[2] == "print.html" { return (path, "handbook-\(parts[1]).pdf") }
            if parts.count == 3, parts[0] == "checklists", parts[2].hasSuffix(".html") {
                return (path, "checklist-\(parts[1])--\(parts[2].dropLast(".html".count)).pdf")
            }
            return nil
        }
    }

    public static func chromium(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> URL? {
        for folder in (path ?? "/usr/bin:/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
            }
        }
        return nil
    }

    /// Prints the pages of `plan` on `paper`; the returned plan holds one PDF per page.
    public static func print(_ plan: OutputPlan, paper: Paper) throws(Problem) -> OutputPlan {
        guard let chromium = chromium() else { throw .noChromium }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sopgen-pdf-\(UUID().uuidString)")
        // Registered before it exists: a stop while it is being made still removes it.
        StopSignals.shared.removeOnStop(work.path)
        defer { StopSignals.shared.release(work.path) { try? FileManager.default.removeItem(at: work) } }
        let site = work.appendingPathComponent("site")
        var printed = OutputPlan()
        do {
            for file in plan.files {
                let target = site.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                var contents = file.contents
                if file.path.hasSuffix(".html") {
                    contents = Data(String(decoding: contents, as: UTF8.self)
                        .replacingOccurrences(of: "</head>", with: "<style>@page { size: \(paper.cssSize); }</style></head>").utf8)
                }
                try contents.write(to: target)
            }
        } catch {
            throw .printFailed("the site", FileSystemFailure.reason(of: error))
        }
        for (page, name) in pages(in: plan) {
            let pdf = work.appendingPathComponent(name)
            var arguments = ["--headless", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(work.appendingPathComponent("profile").path)",
                             "--print-to-pdf=\(pdf.path)", site.appendingPathComponent(page).absoluteString]
            // Chromium refuses to run as root with its sandbox on.
            if getuid() == 0 { arguments.insert("--no-sandbox", at: 0) }
            let process = Process()
            process.executableURL = chromium
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                throw .printFailed(page, FileSystemFailure.reason(of: error))
            }
            StopSignals.shared.killOnStop(process.processIdentifier)
            process.waitUntilExit()
            StopSignals.shared.childEnded(process.processIdentifier)
            guard process.terminationStatus == 0, let data = try? Data(contentsOf: pdf), data.starts(with: Data("%PDF".utf8)) else {
                throw .printFailed(page, "exit status \(process.terminationStatus), no PDF written")
            }
            printed.add(name, data: data)
        }
        return printed
    }
}
