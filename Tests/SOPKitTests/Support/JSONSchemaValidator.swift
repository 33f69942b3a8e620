import Foundation

/// Validates JSON against a schema in `schemas/` with Python's jsonschema (installed by .ci/run);
/// Swift has no maintained validator. Returns "valid" or the errors, one per line.
enum JSONSchemaValidator {
    static func validate(_ json: String, against schema: String) throws -> String {
        let folder = TemporaryFolder()
        let document = folder.url.appendingPathComponent("document.json")
        try Data(json.utf8).write(to: document)
        let run = try ProcessRun.run("python3", ["-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); document = json.load(open(sys.argv[2]))
            jsonschema.Draft7Validator.check_schema(schema)
            errors = sorted(jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(document), key=str)
            print("\\n".join(e.message + " at " + "/".join(map(str, e.absolute_path)) for e in errors) or "valid")
            """, TestPaths.packageRoot.appendingPathComponent("schemas/\(schema)").path, document.path])
        let text = run.standardOutput + run.standardError
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
