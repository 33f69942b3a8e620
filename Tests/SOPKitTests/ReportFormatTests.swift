import Foundation
import Testing
@testable import SOPKit

@Suite struct ReportFormatTests {
    func report() async -> DiagnosticReport {
        let pack = TestPaths.fixturePack("mistakes")
        let result = await Pipeline(packRoot: pack, today: MistakesPackTests.today).plan()
        return DiagnosticReport(diagnostics: result.diagnostics, sources: result.sources, packPath: "packs/mistakes", packURL: pack)
    }

    /// Validates with Python's jsonschema (installed by .ci/run); Swift has no maintained validator.
    func validate(_ json: String, against schema: String) throws -> String {
        let folder = TemporaryFolder()
        let document = folder.url.appendingPathComponent("document.json")
        try Data(json.utf8).write(to: document)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); document = json.load(open(sys.argv[2]))
            jsonschema.Draft7Validator.check_schema(schema)
            errors = sorted(jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(document), key=str)
            print("\\n".join(e.message + " at " + "/".join(map(str, e.absolute_path)) for e in errors) or "valid")
            """, TestPaths.packageRoot.appendingPathComponent("schemas/\(schema)").path, document.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func jsonReportValidatesAgainstItsSchema() async throws {
        let json = await report().render(.json)
        #expect(try validate(json, against: "check-report.schema.json") == "valid")
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let summary = decoded?["summary"] as? [String: Int]
        #expect(summary?["errors"] == 52)
        #expect((decoded?["diagnostics"] as? [Any])?.count == 64)
    }

    @Test func sarifReportValidatesAgainstTheSARIFSchema() async throws {
        let sarif = await report().render(.sarif)
        #expect(try validate(sarif, against: "sarif-2.1.0-sopgen.schema.json") == "valid")
        #expect(sarif.contains("\"columnKind\" : \"unicodeCodePoints\""))
    }

    @Test func schemaValidationCatchesAWrongDocument() throws {
        let broken = #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "sopgen"}}, "results": [{"ruleId": "x", "level": "fatal", "message": {"text": "m"}, "locations": []}]}]}"#
        #expect(try validate(broken, against: "sarif-2.1.0-sopgen.schema.json").contains("'fatal' is not one of"))
    }

    @Test func githubAnnotationsEscapeTheirProperties() async {
        let lines = await report().render(.github).split(separator: "\n")
        #expect(lines.count == 64)
        #expect(lines.contains("::error file=packs/mistakes/roles.yml,line=17,col=19,title=unknown-role::unknown role 'writer' in escalates_to"))
        #expect(lines.contains { $0.hasPrefix("::warning file=packs/mistakes/procedures/deep.md,line=1,col=1,title=missing-last-reviewed::") })
        #expect(DiagnosticReport.escapeProperty("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae")
    }
}
