import Foundation
import Testing
@testable import SOPKit

/// The editor schemas in `schemas/` against the decoders, both ways: a file the schema accepts
/// decodes without a shape error, and a file the decoder refuses for its shape the schema refuses,
/// on every pack file of the bundled pack, the fixtures (the mistakes pack among them) and a set of
/// hostile examples.
@Suite struct PackSchemaTests {
    /// The decoders' shape errors: what a schema can say. References between files are the
    /// validator's business, and `invalid-id` (a playbook id that is not its file name) is not a shape.
    static let shapeCodes: Set<String> = ["yaml-syntax", "duplicate-key", "unknown-key", "wrong-type", "missing-field",
                                          "invalid-value", "unknown-surface", "secret-in-site"]

    struct Example: CustomStringConvertible {
        var kind: PackSchema
        var path: String
        var yaml: String
        var description: String { "\(kind.rawValue) \(path)" }
    }

    static func kind(of path: String) -> PackSchema? {
        switch path {
        case "sopgen.yml": .sopgen
        case "roles.yml": .roles
        case "policies.yml": .policies
        case "people.yml": .people
        case _ where path.hasPrefix("sites/") && path.hasSuffix(".yml"): .site
        case _ where path.hasPrefix("procedures/") && path.hasSuffix(".md"): .sop
        case _ where path.hasPrefix("checklists/") && path.hasSuffix(".md"): .checklist
        case _ where path.hasPrefix("playbooks/") && path.hasSuffix(".yml"): .playbook
        case _ where path.hasPrefix("automations/") && path.hasSuffix(".yml"): .automation
        default: nil
        }
    }

    /// Every pack file with a schema in the bundled pack and every fixture pack; an SOP is its front matter.
    static func packExamples() -> [Example] {
        let packs = [TestPaths.bundledPack] + ((try? FileManager.default.contentsOfDirectory(atPath: TestPaths.fixtures.appendingPathComponent("packs").path)) ?? [])
            .sorted().map(TestPaths.fixturePack)
        var examples: [Example] = []
        for pack in packs {
            let root = pack.standardizedFileURL.path
            let enumerator = FileManager.default.enumerator(atPath: root)
            while let path = enumerator?.nextObject() as? String {
                guard let kind = kind(of: path), let text = try? String(contentsOfFile: root + "/" + path, encoding: .utf8) else { continue }
                if kind.isFrontMatter {
                    guard let split = FrontMatter.split(GFMSanitizer.clean(text)) else { continue }
                    examples.append(Example(kind: kind, path: "\(pack.lastPathComponent)/\(path)", yaml: split.yaml))
                } else {
                    examples.append(Example(kind: kind, path: "\(pack.lastPathComponent)/\(path)", yaml: text))
                }
            }
        }
        return examples
    }

    /// The shape errors the kind's decoder reports for `yaml`, decoded alone.
    static func shapeErrors(_ example: Example) -> [Diagnostic] {
        let name: String = switch example.kind {
        case .sopgen: "sopgen.yml"
        case .roles: "roles.yml"
        case .policies: "policies.yml"
        case .site: "sites/x.yml"
        case .sop: "procedures/x.md"
        case .checklist: "checklists/x.md"
        case .playbook: "playbooks/x.yml"
        case .automation: "automations/x.yml"
        case .people: "people.yml"
        }
        let text = example.kind.isFrontMatter ? "---\n\(example.yaml)---\n- [ ] Body.\n" : example.yaml
        let context = DecodingContext(file: SourceFile(path: name, text: text))
        switch example.kind {
        case .sopgen: _ = PackDecoder().decodeSettings(context)
        case .roles: _ = RoleDecoder.decode(context)
        case .policies: _ = PolicyDecoder.decode(context)
        case .site: _ = SiteDecoder.decode(context)
        case .sop: _ = SOPDecoder.decode(context)
        case .checklist: _ = ChecklistDecoder.decode(context)
        case .playbook: _ = PlaybookDecoder.decode(context)
        case .automation: _ = AutomationDecoder.decode(context)
        case .people: _ = PeopleDecoder.decode(context)
        }
        return context.diagnostics.filter { shapeCodes.contains($0.code.rawValue) }
    }

    /// Checks both ways; returns the disagreements, one line each, and how many examples both refused.
    static func disagreements(_ examples: [Example]) throws -> (found: [String], refused: Int) {
        var refused = 0
        var documents: [JSONSchemaValue] = []
        var checked: [(Example, [Diagnostic])] = []
        var found: [String] = []
        for example in examples {
            let errors = shapeErrors(example)
            guard let json = YAMLDocumentJSON.value(of: example.yaml) else {
                // Not YAML at all: the editor reports the syntax; the decoder must refuse it too.
                if errors.isEmpty { found.append("\(example): does not compose, but the decoder took it") }
                refused += 1
                continue
            }
            documents.append(["schema": .string(example.kind.fileName), "document": json])
            checked.append((example, errors))
        }
        let verdicts = try SchemaBatch.validate(documents)
        for ((example, errors), verdict) in zip(checked, verdicts) {
            if verdict == "valid", !errors.isEmpty {
                found.append("\(example): the schema accepts it, the decoder says \(errors.map { "[\($0.code)] \($0.message)" })")
            } else if verdict != "valid", errors.isEmpty {
                found.append("\(example): the decoder takes it, the schema says \(verdict)")
            } else if verdict != "valid" {
                refused += 1
            }
        }
        return (found, refused)
    }

    @Test func theFilesInSchemasAreTheGeneratedOnes() throws {
        for kind in PackSchema.allCases {
            let file = TestPaths.packageRoot.appendingPathComponent("schemas/\(kind.fileName)")
            if ProcessInfo.processInfo.environment["SOPGEN_RECORD_GOLDEN"] == "1" {
                try Data(kind.schema.json.utf8).write(to: file)
            }
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text == kind.schema.json, "schemas/\(kind.fileName) is stale: SOPGEN_RECORD_GOLDEN=1 swift test --filter PackSchemaTests")
        }
    }

    @Test func everySchemaNamesExactlyTheDecodersKeys() {
        for kind in PackSchema.allCases {
            var schema = kind.schema
            if kind == .roles, case .object(let top) = schema, case .object(let properties)? = top["properties"],
               case .object(let roles)? = properties["roles"], let item = roles["items"] { schema = item }
            if kind == .policies, case .object(let top) = schema, case .object(let properties)? = top["properties"],
               case .object(let policies)? = properties["policies"], let item = policies["items"] { schema = item }
            guard case .object(let object) = schema, case .object(let properties)? = object["properties"] else {
                Issue.record("\(kind) has no properties"); continue
            }
            let keys: [String] = switch kind {
            case .roles: RoleDecoder.keys
            case .policies: PolicyDecoder.keys
            default: kind.keys
            }
            #expect(Set(properties.keys) == Set(keys), "\(kind)")
        }
    }

    @Test(.enabled(if: ExternalTool.available(.jsonschema)))
    func schemasAndDecodersAgreeOnEveryPackFile() throws {
        let examples = Self.packExamples()
        #expect(examples.count > 40)
        #expect(examples.contains { $0.path.hasPrefix("mistakes/") && !Self.shapeErrors($0).isEmpty })
        let (found, refused) = try Self.disagreements(examples)
        #expect(found == [])
        #expect(refused >= 5, "the mistakes pack's broken files")
    }

    @Test(.enabled(if: ExternalTool.available(.jsonschema)))
    func schemasAndDecodersAgreeOnHostileYAML() throws {
        let examples = PackSchemaHostileExamples.all
        let (found, refused) = try Self.disagreements(examples)
        #expect(found == [])
        #expect(refused > 40 && refused < examples.count - 15, "\(refused) of \(examples.count) refused")
    }
}

extension PackSchema {
    /// SOPs and checklists: the schema is for the YAML between the `---` lines.
    var isFrontMatter: Bool { self == .sop || self == .checklist }
}

/// Validates many documents in one Python run: each `{"schema": file in schemas/, "document": …}`
/// gets "valid" or its first error.
enum SchemaBatch {
    static func validate(_ documents: [JSONSchemaValue]) throws -> [String] {
        let folder = TemporaryFolder()
        let input = folder.url.appendingPathComponent("documents.json")
        try Data(JSONSchemaValue.array(documents).json.utf8).write(to: input)
        let run = try ProcessRun.run("python3", ["-c", """
            import json, sys, os, jsonschema
            folder, documents = sys.argv[1], json.load(open(sys.argv[2]))
            schemas = {}
            for item in documents:
                name = item["schema"]
                if name not in schemas:
                    schema = json.load(open(os.path.join(folder, name)))
                    jsonschema.Draft7Validator.check_schema(schema)
                    schemas[name] = jsonschema.Draft7Validator(schema)
                errors = sorted(schemas[name].iter_errors(item["document"]), key=str)
                print(json.dumps(errors[0].message + " at /" + "/".join(map(str, errors[0].absolute_path)) if errors else "valid"))
            """, TestPaths.packageRoot.appendingPathComponent("schemas").path, input.path])
        let lines = run.standardOutput.split(separator: "\n").map { line in
            (try? JSONDecoder().decode(String.self, from: Data(line.utf8))) ?? String(line)
        }
        guard run.status == 0, lines.count == documents.count else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: run.standardError])
        }
        return lines
    }
}
