import Crypto
import Foundation

/// Renders one run's diagnostics for a reader: people (`text`), scripts (`json`), code-scanning
/// tools (`sarif`, SARIF 2.1.0) or GitHub Actions (`github` workflow commands).
public struct DiagnosticReport: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case text, json, sarif, github
    }

    public static let toolVersion = SopgenVersion.current

    public var diagnostics: [Diagnostic]
    public var sources: [String: SourceFile]
    /// The pack folder as the user named it; prefixed to paths in GitHub annotations so they
    /// resolve from the repository root.
    public var packPath: String
    public var packURL: URL
    /// Where SARIF uris are relative to: the git work tree holding the pack, else this directory.
    public var artifactPaths: SARIFArtifactPaths

    public init(diagnostics: [Diagnostic], sources: [String: SourceFile], packPath: String, packURL: URL,
                currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.diagnostics = diagnostics.sorted()
        self.sources = sources
        self.packPath = packPath
        self.packURL = packURL
        artifactPaths = SARIFArtifactPaths(packURL: packURL, currentDirectory: currentDirectory)
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .text: DiagnosticFormatter(sources: sources).format(diagnostics)
        case .json: encode(jsonDocument)
        case .sarif: encode(sarifDocument)
        case .github: githubCommands
        }
    }

    // MARK: - JSON

    struct JSONDocument: Encodable {
        var tool = "sopgen"
        var version = DiagnosticReport.toolVersion
        var pack: String
        var summary: Summary
        var diagnostics: [Entry]

        struct Summary: Encodable { var errors: Int; var warnings: Int }
        struct Entry: Encodable {
            var severity: String
            var code: DiagnosticCode
            var message: String
            var path: String
            var line: Int
            var column: Int
            var source: String?
        }
    }

    var jsonDocument: JSONDocument {
        let errors = diagnostics.filter { $0.severity == .error }.count
        return JSONDocument(
            pack: packPath,
            summary: .init(errors: errors, warnings: diagnostics.count - errors),
            diagnostics: diagnostics.map {
                .init(severity: $0.severity.rawValue, code: $0.code, message: $0.message, path: $0.location.path,
                      line: $0.location.line, column: $0.location.column,
                      source: sources[$0.location.path]?.excerpt(line: $0.location.line, column: $0.location.column)?.text)
            }
        )
    }

    // MARK: - SARIF 2.1.0

    struct SARIFDocument: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]

        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }

        struct Run: Encodable {
            var tool: Tool
            /// sopgen counts columns in Unicode scalars; SARIF's default is UTF-16 code units.
            var columnKind = "unicodeCodePoints"
            var results: [Result]
        }
        struct Tool: Encodable { var driver: Driver }
        struct Driver: Encodable {
            var name = "sopgen"
            var version = DiagnosticReport.toolVersion
            var rules: [Rule]
        }
        struct Rule: Encodable {
            var id: String
            var shortDescription: Text
            var help: Text
        }
        struct Text: Encodable { var text: String }
        struct Result: Encodable {
            var ruleId: String
            var ruleIndex: Int?
            var level: String
            var message: Text
            var locations: [Location]
            /// Keeps an alert's identity when lines above it move: see `fingerprints`.
            var partialFingerprints: [String: String]
        }
        struct Location: Encodable { var physicalLocation: PhysicalLocation }
        struct PhysicalLocation: Encodable {
            var artifactLocation: ArtifactLocation
            var region: Region
        }
        struct ArtifactLocation: Encodable {
            var uri: String
        }
        struct Region: Encodable {
            var startLine: Int
            var startColumn: Int
        }
    }

    var sarifDocument: SARIFDocument {
        let rules = DiagnosticCatalogue.all.map {
            SARIFDocument.Rule(id: $0.code.rawValue, shortDescription: .init(text: $0.summary), help: .init(text: "Fix: \($0.fix)"))
        }
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let fingerprints = self.fingerprints
        let results = zip(diagnostics, fingerprints).map { diagnostic, fingerprint in
            SARIFDocument.Result(
                ruleId: diagnostic.code.rawValue,
                ruleIndex: ruleIndex[diagnostic.code.rawValue],
                level: diagnostic.severity.rawValue,
                message: .init(text: artifactPaths.message(diagnostic.message)),
                locations: [.init(physicalLocation: .init(
                    artifactLocation: .init(uri: artifactPaths.uri(for: diagnostic.location.path)),
                    region: .init(startLine: max(diagnostic.location.line, 1), startColumn: max(diagnostic.location.column, 1))))],
                partialFingerprints: [Self.fingerprintKey: fingerprint]
            )
        }
        return SARIFDocument(runs: [.init(tool: .init(driver: .init(rules: rules)), results: results)])
    }

    static let fingerprintKey = "sopgenLocation/v1"

    /// One fingerprint per diagnostic, in order: a SHA-256 of the code, the pack path, the source
    /// line's text without its indentation, the column within that text, and how many identical
    /// keys came before. Line numbers stay out, so a result keeps its identity when lines move.
    var fingerprints: [String] {
        var seen: [String: Int] = [:]
        return diagnostics.map { diagnostic in
            let location = diagnostic.location
            let line = sources[location.path]?.line(location.line).map(String.init) ?? ""
            let indentation = line.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count
            let key = [diagnostic.code.rawValue, location.path, line.trimmingCharacters(in: .whitespaces),
                       String(location.column - indentation)].joined(separator: "\u{0}")
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            let digest = SHA256.hash(data: Data((key + "\u{0}\(occurrence)").utf8))
            return String(digest.hexDigits.prefix(32)) + ":\(occurrence + 1)"
        }
    }

    // MARK: - GitHub Actions

    var githubCommands: String {
        var output = ""
        let prefix = packPath.hasSuffix("/") || packPath.isEmpty ? packPath : packPath + "/"
        for diagnostic in diagnostics {
            // The Actions log is a terminal of sorts: escape controls and bidi marks as in text output.
            let file = Self.escapeProperty(TerminalText.escape(prefix + diagnostic.location.path))
            let message = Self.escapeData(TerminalText.escape(TerminalText.abbreviated(diagnostic.message, limit: DiagnosticFormatter.messageLimit)))
            output += "::\(diagnostic.severity.rawValue) file=\(file),line=\(diagnostic.location.line),col=\(diagnostic.location.column),title=\(Self.escapeProperty(diagnostic.code.rawValue))::\(message)\n"
        }
        return output
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    private func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Self.escapeInvisible(String(decoding: data, as: UTF8.self)) + "\n"
    }

    /// JSONEncoder escapes C0 controls but leaves DEL, C1 controls and bidi marks raw, which a
    /// terminal showing the JSON would obey. They can only stand inside JSON strings, where
    /// `\uXXXX` means the same scalar: the document decodes to the same values.
    static func escapeInvisible(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { TerminalText.isUnsafe($0, keepingLayout: true) }) else { return json }
        var result = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if TerminalText.isUnsafe(scalar, keepingLayout: true) {
                let hex = String(scalar.value, radix: 16)
                result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
