import Foundation
import Testing
import Yams
@testable import SOPKit

/// Bundles are read strictly and written back as YAML that reads back value for value; import
/// never writes a file `sopgen check` would reject.
@Suite struct BundleDecodingTests {
    static let target = TestPaths.fixturePack("client-target")

    func importer() async -> PlaybookImport {
        PlaybookImport(pack: await Pipeline(packRoot: Self.target, today: TestClock.today).decode().pack)
    }

    /// The error an import of `text` stops with, or nil when it succeeds.
    func refusal(_ text: String) async -> String? {
        do {
            _ = try await importer().importBundle(Data(text.utf8), site: "harbour", replace: false) { _ in nil }
            return nil
        } catch {
            return "\(error)"
        }
    }

    func refusal(_ playbook: JSONValue) async throws -> String? {
        await refusal(try BundleFixtures.sealed(playbook).json.pretty)
    }

    var valid: String { (try? BundleFixtures.sealed(BundleFixtures.playbook()).json.pretty) ?? "" }

    @Test func theValidFixtureImports() async {
        #expect(await refusal(valid) == nil)
    }

    @Test func formatVersionMustBeTheNumberTwo() async {
        for (found, shown) in [("true", "format_version true"), ("\"2\"", "format_version '2'"), ("2.0", "format_version 2.0"),
                               ("1", "format_version 1, whose checksum did not cover the manifest"), ("null", "format_version null")] {
            let text = valid.replacingOccurrences(of: "\"format_version\" : 2", with: "\"format_version\" : \(found)")
            #expect(await refusal(text)?.contains(shown) == true, "\(found)")
        }
    }

    @Test func duplicateKeysAreRefusedWhereTheSecondStands() async {
        let text = valid.replacingOccurrences(of: "\"format\" : \"sopgen-playbook-bundle\",", with: "\"format\" : \"x\",\n  \"format\" : \"sopgen-playbook-bundle\",")
        #expect(await refusal(text) == "cannot read the bundle: line 3, column 3: duplicate key 'format'; each key may appear once in an object")
        let inPlaybook = valid.replacingOccurrences(of: "\"retry\" : \"Once\",", with: "\"retry\" : \"Once\",\n    \"retry\" : \"Never\",")
        #expect(await refusal(inPlaybook)?.contains("duplicate key 'retry'") == true)
    }

    @Test func unknownKeysAreRefused() async throws {
        let top = valid.replacingOccurrences(of: "\"format_version\" : 2,", with: "\"format_version\" : 2,\n  \"comment\" : \"hi\",")
        let comment = await refusal(top)
        #expect(comment == "the bundle is not as sopgen writes it: line 4, column 3: unknown key 'comment' in the bundle; refusing it", "\(comment ?? "")")
        var manifest = BundleFixtures.manifest
        manifest.sourceSite = "site-1"
        let extra = try BundleFixtures.sealed(BundleFixtures.playbook()).json.pretty
            .replacingOccurrences(of: "\"owner\" : \"operations-lead\",\n    \"required", with: "\"owner\" : \"operations-lead\",\n    \"trusted\" : \"yes\",\n    \"required")
        #expect(await refusal(extra)?.contains("unknown key 'trusted' in 'manifest'") == true)
        let misspelt = try await refusal(BundleFixtures.playbook(["stpes": .string("x")]))
        #expect(misspelt?.contains("unknown key 'stpes' in 'playbook'; did you mean 'steps'?") == true, "\(misspelt ?? "")")
        // A look-alike key (Cyrillic е) is just as unknown.
        #expect(try await refusal(BundleFixtures.playbook(["st\u{0435}ps": .string("x")]))?.contains("unknown key 'stеps'") == true)
    }

    @Test func numbersBooleansAndNullsWhereTextBelongsAreRefused() async {
        for (original, replacement, message) in [
            ("\"title\" : \"Stock check\"", "\"title\" : 3", "line 25, column 5: 'playbook.title' must be text, not the number 3"),
            ("\"retry\" : \"Once\"", "\"retry\" : null", "'playbook.retry' must be text, not null"),
            ("\"stock levels\"", "true", "each item of 'playbook.input' must be text, not true"),
            ("\"source_site\" : \"site-1\"", "\"source_site\" : 7", "'manifest.source_site' must be text, not the number 7"),
            ("\"source_site\" : \"site-1\"", "\"source_site\" : \"  \"", "'manifest.source_site' is empty"),
            ("\"export_date\" : \"2026-11-21\"", "\"export_date\" : \"soon\"", "'manifest.export_date' is not a date"),
        ] {
            let text = valid.replacingOccurrences(of: original, with: replacement)
            #expect(text != valid)
            let refused = await refusal(text)
            #expect(refused?.contains(message) == true, "\(refused ?? "accepted")")
        }
    }

    @Test func malformedJSONIsALocatedErrorNeverACrash() async {
        for (text, message) in [
            ("", "it is empty"), ("   \n", "it is empty"), ("{}", "format missing"), ("[]", "the bundle must be an object"),
            ("{\"format\": \"sopgen-playbook-bundle\"} trailing", "unexpected text after the JSON value"),
            (String(repeating: "[", count: 100_000), "nested more than 32 levels deep"),
            ("{\"a\": \"\\ud800\"}", "a lone surrogate escape is not a character"), ("{\"a\": \"tab\there\"}", "a control character must be escaped"),
            ("{\"a\": 01}", "line 1, column 8: expected '}', found '1'"), ("{'a': 1}", "expected a key in double quotes"),
        ] {
            let refused = await refusal(text)
            #expect(refused?.contains(message) == true, "\(text.prefix(20)): \(refused ?? "accepted")")
        }
        #expect(await refusal(String(decoding: [0x7B, 0xFF, 0x7D], as: UTF8.self)) != nil)
    }

    @Test func aWindowsLineEndedBundleIsRead() async {
        #expect(await refusal(valid.replacingOccurrences(of: "\n", with: "\r\n")) == nil)
    }

    @Test func aCarriageReturnOrInvisibleCharacterInsideTextIsRefused() async throws {
        for steps in ["1. Read.\r\n2. Reply.", "Refund \u{202E}today\u{202C}", "sk_live_51H8fake\u{200B}KEYabcdefghijklmnop"] {
            let refused = try await refusal(BundleFixtures.playbook(["steps": .string(steps)]))
            #expect(refused?.contains("invisible or control characters") == true, "\(refused ?? "accepted")")
        }
        var manifest = BundleFixtures.manifest
        manifest.owner = "ops\u{200B}lead"
        let refused = await refusal(try BundleFixtures.sealed(BundleFixtures.playbook(), manifest: manifest).json.pretty)
        #expect(refused?.contains("U+200B in manifest.owner") == true, "\(refused ?? "accepted")")
    }

    @Test func unusableIdsAreRefused() async throws {
        for id in ["../../etc/cron.d/x", "Stock-Check", "", "a/b", "стоп", "-x", "con"] {
            let refused = try await refusal(BundleFixtures.playbook(["id": .string(id)]))
            #expect(refused?.contains("is not a usable id") == true, "\(id): \(refused ?? "accepted")")
        }
        // A usable id the register page needs: check would refuse it, so import does.
        let index = try await refusal(BundleFixtures.playbook(["id": .string("index")]))
        #expect(index?.contains("[reserved-id]") == true, "\(index ?? "accepted")")
    }

    @Test func aBundleOverThePackFileLimitIsRefusedBeforeItIsRead() throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(Self.target)
        let huge = folder.url.appendingPathComponent("huge.json")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 50_000_000)   // sparse: 50 MB on paper, nothing on disk
        try handle.close()
        let run = try MeasuredRun.run(TestPaths.sopgenBinary, ["playbook", "import", huge.path, "--site", "harbour", pack.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("huge.json is 47.7 MiB; sopgen reads bundles of up to 2 MiB"), "\(run.standardError)")
        #expect(run.cpuSeconds < 1)
        #expect(!FileManager.default.fileExists(atPath: pack.appendingPathComponent("playbooks").path))
        #expect(throws: PlaybookError.self) { _ = try PlaybookBundle.decode(Data(count: PackLoader.maximumFileSize + 1)) }
    }

    /// Patterns that used to cost quadratic time (a 20 KB line of `1-1-1-…` took 50 s): a bundle
    /// near the size limit made of them is scanned in linear time.
    @Test func aHugeAdversarialBundleIsScannedInLinearTime() throws {
        let folder = TemporaryFolder()
        let pack = folder.copyPack(Self.target)
        var example: [JSONValue.Member] = []
        for (index, unit) in ["1-", "ab-", "a_", "a.", "a=", "Server=x;", "a@", "SG.", "Aa1", "id=", "x", "ｘ"].enumerated() {
            example.append(.init(key: "v\(index)", value: .string(String(repeating: unit, count: 120_000 / unit.utf8.count))))
        }
        let bundle = folder.url.appendingPathComponent("huge.json")
        let text = try BundleFixtures.sealed(BundleFixtures.playbook(["example": .object(example)])).json.pretty
        #expect(text.utf8.count > 1_400_000 && text.utf8.count < PackLoader.maximumFileSize)
        try Data(text.utf8).write(to: bundle)
        let run = try MeasuredRun.run(TestPaths.sopgenBinary, ["playbook", "import", bundle.path, "--site", "harbour", pack.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.cpuSeconds < 20, "used \(run.cpuSeconds) s of CPU")
    }

    @Test func everyValueReadsBackExactly() async throws {
        let awkward = ["null", "~", "", "NULL", "true", "yes", "on", "off", "0x1F", "1e3", "0o17", ".inf", "2026-11-21", "12:30",
                       " leading", "trailing ", "#not a comment", "- dash", ": colon", "'single", "\"double", "@at", "`tick",
                       "<<", "*alias", "&anchor", "!tag", "%directive", "multi\nline", "  indented\nblock", "ends with newlines\n\n", "\ttab", "£12.50 – ünïcödé 🎉", "a: b", "[x]", "{y}"]
        let values = JSONValue.object(awkward.enumerated().map { .init(key: "v\($0)", value: .string($1)) })
        let keys = JSONValue.object(awkward.filter { !$0.contains("\n") && !$0.contains("\t") }.map { .init(key: $0, value: .string("k")) })
        let playbook = BundleFixtures.playbook(["version": .string("~"), "retry": .string("null"), "output": .string("true"),
                                                "example": values, "examples": keys])
        let outcome = try await importer().importBundle(Data(try BundleFixtures.sealed(playbook).json.pretty.utf8), site: "harbour",
                                                        replace: false) { _ in nil }
        let node = try #require(try Yams.compose(yaml: outcome.text))
        let readBack = JSONValue.typed(from: node)
        #expect(readBack["example"]?.canonical == playbook["example"]?.canonical)
        #expect(readBack["examples"]?.canonical == playbook["examples"]?.canonical)
        for key in ["version", "retry", "output"] { #expect(readBack[key] == playbook[key], "\(key)") }
        let decoded = try #require(PlaybookDecoder.decode(DecodingContext(file: SourceFile(path: outcome.path, text: outcome.text))))
        #expect(decoded.version == "~" && decoded.retry == "null" && decoded.output == "true")
    }

    @Test func importNeverWritesAPlaybookCheckRejects() async throws {
        for (change, message) in [
            (["title": JSONValue.string("")], "missing required field 'title' [missing-field]"),
            (["approval": .string("anything-goes")], "unknown policy 'anything-goes' in approval [unknown-policy]"),
            (["owner": .string("nobody")], "unknown role 'nobody' in owner [unknown-role]"),
            (["kill_switch": .string("   ")], "has no kill_switch"),
        ] {
            let refused = try await refusal(BundleFixtures.playbook([change.first!.key: change.first!.value]))
            #expect(refused?.contains("would not pass sopgen check, so nothing was written") == true, "\(refused ?? "accepted")")
            #expect(refused?.contains(message) == true, "\(message): \(refused ?? "accepted")")
        }
    }

    @Test func anImportedPlaybookIsMarkedAsImported() async throws {
        var manifest = BundleFixtures.manifest
        manifest.sourceSite = "null"
        let outcome = try await importer().importBundle(Data(try BundleFixtures.sealed(BundleFixtures.playbook(), manifest: manifest).json.pretty.utf8),
                                                        site: "harbour", replace: false) { _ in nil }
        let decoded = try #require(PlaybookDecoder.decode(DecodingContext(file: SourceFile(path: outcome.path, text: outcome.text))))
        #expect(decoded.isImported)
        #expect(decoded.provenance?.sourceSite == "null")
        #expect(decoded.mode?.value == .readOnly)
    }
}
