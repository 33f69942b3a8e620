import Foundation
import Testing
@testable import SOPKit

@Suite struct ReportFormatTests {
    func report() async -> DiagnosticReport {
        let pack = TestPaths.fixturePack("mistakes")
        let result = await Pipeline(packRoot: pack, today: MistakesPackTests.today).plan()
        return DiagnosticReport(diagnostics: result.diagnostics, sources: result.sources, packPath: "packs/mistakes", packURL: pack)
    }

    @Test(.enabled(if: ExternalTool.available(.jsonschema))) func jsonReportValidatesAgainstItsSchema() async throws {
        let json = await report().render(.json)
        #expect(try JSONSchemaValidator.validate(json, against: "check-report.schema.json") == "valid")
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let summary = decoded?["summary"] as? [String: Int]
        #expect(summary?["errors"] == 86)
        #expect((decoded?["diagnostics"] as? [Any])?.count == 110)
    }

    @Test(.enabled(if: ExternalTool.available(.jsonschema))) func sarifReportValidatesAgainstTheSARIFSchema() async throws {
        let sarif = await report().render(.sarif)
        #expect(try JSONSchemaValidator.validate(sarif, against: "sarif-2.1.0-sopgen.schema.json") == "valid")
        #expect(sarif.contains("\"columnKind\" : \"unicodeCodePoints\""))
    }

    @Test(.enabled(if: ExternalTool.available(.jsonschema))) func schemaValidationCatchesAWrongDocument() throws {
        let broken = #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "sopgen"}}, "results": [{"ruleId": "x", "level": "fatal", "message": {"text": "m"}, "locations": []}]}]}"#
        #expect(try JSONSchemaValidator.validate(broken, against: "sarif-2.1.0-sopgen.schema.json").contains("'fatal' is not one of"))
    }

    @Test func githubAnnotationsEscapeTheirProperties() async {
        let lines = await report().render(.github).split(separator: "\n")
        #expect(lines.count == 110)
        #expect(lines.contains("::error file=packs/mistakes/roles.yml,line=17,col=19,title=unknown-role::unknown role 'writer' in escalates_to"))
        #expect(lines.contains { $0.hasPrefix("::warning file=packs/mistakes/procedures/deep.md,line=1,col=1,title=missing-last-reviewed::") })
        #expect(DiagnosticReport.escapeProperty("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae")
    }
}
