import Foundation
import Testing
@testable import SOPKit

/// `sopgen playbook import` run as a user runs it, against bundles a hostile partner could craft:
/// nothing export would have removed gets in, a changed manifest is caught, and the file import
/// writes never lands outside the pack's playbooks/ folder or over a file sopgen did not write.
@Suite(.serialized) struct PlaybookImportSafetyTests {
    let folder = TemporaryFolder()
    let pack: URL

    init() {
        pack = folder.copyPack(TestPaths.fixturePack("client-target"))
    }

    func sopgen(_ arguments: [String]) throws -> ProcessRun {
        try ProcessRun.run(TestPaths.sopgenBinary.path, arguments)
    }

    /// Writes `text` as a bundle file and imports it for the harbour site.
    func importing(_ text: String, _ extra: [String] = []) throws -> ProcessRun {
        let path = folder.url.appendingPathComponent("bundle-\(UUID().uuidString).json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try sopgen(["playbook", "import", path, "--site", "harbour", pack.path] + extra)
    }

    func importing(_ playbook: JSONValue, _ extra: [String] = []) throws -> ProcessRun {
        try importing(try BundleFixtures.sealed(playbook).json.pretty, extra)
    }

    /// A copy of agency-source: export records itself in the pack's register, never in the fixture.
    var agencySource: URL { folder.copyPack(TestPaths.fixturePack("agency-source"), as: "source-\(UUID().uuidString)") }

    var written: String? { try? String(contentsOf: pack.appendingPathComponent("playbooks/stock-check.yml"), encoding: .utf8) }

    func exported(signKey: String? = nil) throws -> String {
        let output = folder.url.appendingPathComponent("export-\(UUID().uuidString).json").path
        let run = try sopgen(["playbook", "export", "refund-triage", agencySource.path, "--date", "2026-11-21",
                              "--output", output] + (signKey.map { ["--sign-key", $0] } ?? []))
        #expect(run.status == 0, "\(run.standardError)")
        return try String(contentsOf: URL(fileURLWithPath: output), encoding: .utf8)
    }

    // MARK: Item 9: the same rule as export

    @Test func aKeyOrCardOnItsOwnLineInStepsIsRefusedAndNeverReachesTheHandbook() throws {
        let steps = "1. Open the order.\nAKIAIOSFODNN7EXAMPLE\n\t4111 1111 1111 1111\n2. Reply."
        let run = try importing(BundleFixtures.playbook(["steps": .string(steps)]))
        #expect(run.status == 1)
        #expect(run.standardError.contains("playbook.steps (bundle line "), "\(run.standardError)")
        #expect(run.standardError.contains("AWS access key"))
        #expect(run.standardError.contains("payment card number"))
        #expect(written == nil)

        let output = folder.url.appendingPathComponent("site")
        let build = try sopgen(["build", pack.path, "--output", output.path])
        #expect(build.status == 0, "\(build.standardError)")
        let pages = folder.snapshot(output).values.map { String(decoding: $0, as: UTF8.self) }
        #expect(!pages.contains { $0.contains("AKIAIOSFODNN7EXAMPLE") || $0.contains("4111 1111") })
    }

    @Test func fieldsExportRemovesAreRefused() throws {
        let run = try importing(BundleFixtures.playbook([
            "connection": .object(["password": .string("hunter2")]),
            "example": .object(["customer_name": .string("Jane Doe")]),
            "notes_private": .string("Our margin on gift sets is 62%"),
            "private": .object(["contact": .string("Sam")]),
        ]))
        #expect(run.status == 1)
        for path in ["playbook.connection.password", "playbook.example.customer_name", "playbook.notes_private", "playbook.private"] {
            #expect(run.standardError.contains(path), "\(path) not named in \(run.standardError)")
        }
        #expect(run.standardError.contains("was not made by export or was edited after"))
        #expect(written == nil)
    }

    @Test func aSecretInAKeyIsRefused() throws {
        let run = try importing(BundleFixtures.playbook(["connection": .object(["AKIAIOSFODNN7EXAMPLE": .string("aws")])]))
        #expect(run.status == 1)
        #expect(run.standardError.contains("AWS access key in a key of playbook.connection"), "\(run.standardError)")
    }

    @Test func whatExportWritesImportAccepts() throws {
        let run = try importing(try exported())
        #expect(run.status == 0, "\(run.standardError)")
        #expect(FileManager.default.fileExists(atPath: pack.appendingPathComponent("playbooks/refund-triage.yml").path))
        let check = try sopgen(["check", pack.path])
        #expect(check.status == 0, "\(check.standardError)")
    }

    @Test func exportRefusesToWriteABundleImportWouldRefuse() throws {
        let run = try sopgen(["playbook", "export", "refund-triage", agencySource.path, "--date", "2026-11-21",
                              "--source-label", "  "])
        #expect(run.status == 1)
        #expect(run.standardError.contains("'manifest.source_site' is empty"), "\(run.standardError)")
        #expect(run.standardOutput.isEmpty)
    }

    // MARK: Item 11: the checksum covers the manifest; a signature covers forgery

    @Test func anEditedManifestIsRefused() throws {
        let bundle = try exported()
        for (original, edited) in [("\"source_site\" : \"site-f35bc95a\"", "\"source_site\" : \"trusted-agency\""),
                                   ("\"version\" : \"1.2.0\"", "\"version\" : \"9.9.9\""),
                                   ("\"owner\" : \"operations-lead\",\n    \"required", "\"owner\" : \"site-admin\",\n    \"required")] {
            let tampered = bundle.replacingOccurrences(of: original, with: edited)
            #expect(tampered != bundle, "\(original) not found")
            let run = try importing(tampered)
            #expect(run.status == 1)
            #expect(run.standardError.contains("checksum does not match its manifest and playbook"), "\(run.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: pack.appendingPathComponent("playbooks/refund-triage.yml").path))
    }

    @Test func aSignedBundleVerifiesOnlyWithTheAgencyKey() throws {
        let agency = BundleSigningKey.generate(), stranger = BundleSigningKey.generate()
        let privatePath = folder.url.appendingPathComponent("agency.pem"), publicPath = folder.url.appendingPathComponent("agency.pub.pem")
        let strangerPath = folder.url.appendingPathComponent("stranger.pub.pem")
        try Data(agency.pem.utf8).write(to: privatePath)
        try Data(agency.publicKey.pem.utf8).write(to: publicPath)
        try Data(stranger.publicKey.pem.utf8).write(to: strangerPath)

        let signed = try exported(signKey: privatePath.path)
        #expect(signed.contains("\"signature\" : \"ed25519:"))
        let wrongKey = try importing(signed, ["--verify-key", strangerPath.path])
        #expect(wrongKey.status == 1)
        #expect(wrongKey.standardError.contains("signature does not match the --verify-key key"))
        let unsigned = try importing(try exported(), ["--verify-key", publicPath.path])
        #expect(unsigned.status == 1)
        #expect(unsigned.standardError.contains("not signed"))
        let verified = try importing(signed, ["--verify-key", publicPath.path])
        #expect(verified.status == 0, "\(verified.standardError)")
        let unchecked = try importing(signed, ["--replace"])
        #expect(unchecked.status == 0, "\(unchecked.standardError)")
        #expect(unchecked.standardOutput.contains("signature was not checked"))
    }

    /// The honest limit of a checksum: whoever edits a bundle can recompute it. A signature cannot be.
    @Test func aRecomputedChecksumIsNoProofAgainstForgeryButASignatureIs() throws {
        let agency = BundleSigningKey.generate()
        let publicPath = folder.url.appendingPathComponent("agency.pub.pem")
        try Data(agency.publicKey.pem.utf8).write(to: publicPath)
        let genuine = try BundleFixtures.sealed(BundleFixtures.playbook(), signingKey: agency)
        var forged = genuine
        forged.playbook = BundleFixtures.playbook(["retry": .string("Retry forever")])
        forged.manifest.checksum = forged.computedChecksum
        let run = try importing(forged.json.pretty, ["--verify-key", publicPath.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("signature does not match"))
        #expect(try importing(forged.json.pretty).status == 0)
    }

    // MARK: Writing files

    @Test func importNeverWritesThroughASymbolicLink() throws {
        let outside = folder.url.appendingPathComponent("outside.txt")
        try Data("keep me\n".utf8).write(to: outside)
        try FileManager.default.createDirectory(at: pack.appendingPathComponent("playbooks"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: pack.appendingPathComponent("playbooks/stock-check.yml"), withDestinationURL: outside)
        let run = try importing(BundleFixtures.playbook(), ["--replace"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("playbooks/stock-check.yml is a symbolic link"), "\(run.standardError)")
        #expect(try String(contentsOf: outside, encoding: .utf8) == "keep me\n")
    }

    @Test func importNeverWritesIntoAPlaybooksFolderThatLinksOutOfThePack() throws {
        let elsewhere = folder.url.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: pack.appendingPathComponent("playbooks"), withDestinationURL: elsewhere)
        let run = try importing(BundleFixtures.playbook())
        #expect(run.status == 1)
        #expect(run.standardError.contains("playbooks/ leads outside the pack"), "\(run.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    /// Two folder names that are the same text but not the same bytes (`café` precomposed and
    /// decomposed) are two folders: Swift's `hasPrefix` took the linked one for the pack's own.
    @Test func aFolderWhoseNameIsTheSameTextWithOtherBytesIsOutsideThePack() throws {
        let pack = folder.copyPack(TestPaths.fixturePack("client-target"), as: "caf\u{E9}")
        let elsewhere = folder.url.appendingPathComponent("cafe\u{301}/playbooks")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: pack.appendingPathComponent("playbooks"))
        try FileManager.default.createSymbolicLink(at: pack.appendingPathComponent("playbooks"), withDestinationURL: elsewhere)
        let path = folder.url.appendingPathComponent("bundle-canonical.json").path
        try Data(try BundleFixtures.sealed(BundleFixtures.playbook()).json.pretty.utf8).write(to: URL(fileURLWithPath: path))
        let run = try sopgen(["playbook", "import", path, "--site", "harbour", pack.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("playbooks/ leads outside the pack"), "\(run.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test func replaceNeverOverwritesAPlaybookWrittenByHand() throws {
        let own = "# Our own stock check\nid: stock-check\ntitle: Stock check\n"
        folder.write(["pack/playbooks/stock-check.yml": own])
        let run = try importing(BundleFixtures.playbook(), ["--replace"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("was not written by sopgen playbook import"))
        #expect(written == own)
        // An earlier import is replaced.
        try FileManager.default.removeItem(at: pack.appendingPathComponent("playbooks/stock-check.yml"))
        #expect(try importing(BundleFixtures.playbook()).status == 0)
        #expect(try importing(BundleFixtures.playbook(["retry": .string("Twice")]), ["--replace"]).status == 0)
        #expect(written?.contains("retry: Twice") == true)
    }

    @Test func promoteNeverWritesThroughASymbolicLink() throws {
        #expect(try importing(BundleFixtures.playbook()).status == 0)
        let file = pack.appendingPathComponent("playbooks/stock-check.yml")
        let outside = folder.url.appendingPathComponent("outside.yml")
        try FileManager.default.moveItem(at: file, to: outside)
        try FileManager.default.createSymbolicLink(at: file, withDestinationURL: outside)
        let before = try Data(contentsOf: outside)
        let run = try sopgen(["playbook", "promote", "stock-check", pack.path, "--to", "staging", "--first-run", "pass", "--by", "Priya",
                              "--date", "2026-11-22"])
        #expect(run.status == 1)
        // The loader already refuses a linked playbook; the writer would refuse it too.
        #expect(run.standardError.contains("is not a regular file") || run.standardError.contains("symbolic link"), "\(run.standardError)")
        #expect(try Data(contentsOf: outside) == before)
    }

    @Test func exportNeverOverwritesAFileThatIsNotABundle() throws {
        let target = folder.url.appendingPathComponent("notes.json")
        try Data("{\"mine\": true}\n".utf8).write(to: target)
        let source = agencySource.path
        let refused = try sopgen(["playbook", "export", "refund-triage", source, "--date", "2026-11-21", "--output", target.path])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("exists and sopgen did not write it"), "\(refused.standardError)")
        #expect(try String(contentsOf: target, encoding: .utf8) == "{\"mine\": true}\n")
        let bundle = folder.url.appendingPathComponent("b.json")
        for _ in 0..<2 {
            let run = try sopgen(["playbook", "export", "refund-triage", source, "--date", "2026-11-21", "--output", bundle.path])
            #expect(run.status == 0, "\(run.standardError)")
        }
    }
}
