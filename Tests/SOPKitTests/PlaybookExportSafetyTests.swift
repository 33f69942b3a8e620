import Foundation
import Testing
@testable import SOPKit

/// `sopgen playbook export` on playbooks that hide secrets where the first version looked away:
/// in prose, in a PEM line without its END, in the parts of a token around what a pattern matched.
@Suite(.serialized) struct PlaybookExportSafetyTests {
    let folder = TemporaryFolder()

    /// Exports refund-triage from a copy of agency-source whose steps are `steps`.
    func export(steps: String) throws -> (run: ProcessRun, bundle: String) {
        let root = folder.copyPack(TestPaths.fixturePack("agency-source"), as: "pack-\(UUID().uuidString)")
        let file = root.appendingPathComponent("playbooks/refund-triage.yml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let start = try #require(text.range(of: "steps: |\n")), end = try #require(text.range(of: "provenance:\n"))
        let indented = steps.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
        try Data(text.replacingCharacters(in: start.upperBound..<end.lowerBound, with: indented + "\n").utf8).write(to: file)
        let output = folder.url.appendingPathComponent("bundle-\(UUID().uuidString).json")
        let run = try ProcessRun.run(TestPaths.sopgenBinary.path, ["playbook", "export", "refund-triage", root.path, "--date", "2026-11-21",
                                                                   "--output", output.path])
        return (run, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }

    @Test func aPEMLineWithoutItsEndLineTakesOnlyThatLine() throws {
        let (run, bundle) = try export(steps: """
            1. Install the signing key:
            -----BEGIN RSA PRIVATE KEY----- MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lg
            2. Read the ticket.
            3. Draft the reply.
            4. Ask for approval.
            """)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(bundle.contains(#"1. Install the signing key:\n[removed: PEM private key]\n2. Read the ticket.\n3. Draft the reply.\n4. Ask for approval.\n"#))
        #expect(run.standardError.contains("steps (line 35): -----BEG… — PEM private key"), "\(run.standardError)")
    }

    @Test func credentialsWrittenInProseAreRemoved() throws {
        let (run, bundle) = try export(steps: """
            1. Log in to wp-admin with password: Harb0ur-Admin!
            2. The staging passwd=letmein2024 is shared.
            3. Set token = 9f8e7d6c5b4a and api_key: 12ab34cd56ef in the plugin.
            4. Reset the password: use the lost-password link.
            """)
        #expect(run.status == 0, "\(run.standardError)")
        for secret in ["Harb0ur-Admin", "letmein2024", "9f8e7d6c5b4a", "12ab34cd56ef"] {
            #expect(!bundle.contains(secret), "\(secret) left in the bundle")
        }
        #expect(bundle.contains("with password: [removed: credential]"))
        #expect(bundle.contains("4. Reset the password: use the lost-password link."))
        #expect(run.standardError.components(separatedBy: "— credential").count - 1 == 4, "\(run.standardError)")
    }

    @Test func noPartOfASecretIsLeftBehind() throws {
        let (run, bundle) = try export(steps: """
            1. Mail goes through 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 today.
            2. The OAuth app uses client_secret=Abc.def-123.ghiJKL.mno for now.
            3. Files: DefaultEndpointsProtocol=https;AccountName=harbourfiles;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net
            """)
        #expect(run.status == 0, "\(run.standardError)")
        for part in ["SG.", "aB3dE5fG7hJ9kL1mN3pQ5r", "Abc.", "ghiJKL", ".mno", "AccountName", "harbourfiles", "EndpointSuffix", "core.windows.net"] {
            #expect(!bundle.contains(part), "'\(part)' left in the bundle")
        }
        #expect(bundle.contains("1. Mail goes through [removed: SendGrid key] today."))
        #expect(bundle.contains("2. The OAuth app uses client_secret=[removed: credential] for now."))
        #expect(bundle.contains("3. Files: [removed: connection string]"))
    }

    @Test func invisibleCharactersCannotHideAKeyFromExport() throws {
        let (run, bundle) = try export(steps: "1. Use sk_live_51H8fake\u{200B}KEYabcdefghijklmnop and ev\u{200B}il.\n")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(!bundle.contains("KEYabcdefghijklmnop"))
        #expect(!bundle.contains("\u{200B}"))
        #expect(run.standardError.contains("invisible or control characters"))
        // A bidi override in a pack value is refused before export (control-character): nothing is written.
        let (refused, _) = try export(steps: "1. Use \u{202E}evil\u{202C}.\n")
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("[control-character]"), "\(refused.standardError)")
    }

    @Test func everythingExportWritesImportAccepts() async throws {
        // One rule: running it again over an exported bundle changes nothing.
        for steps in ["password: hunter2\nAKIAIOSFODNN7EXAMPLE\n", "-----BEGIN RSA PRIVATE KEY-----\nstill here\n", "plain steps\n"] {
            let (run, bundle) = try export(steps: steps)
            #expect(run.status == 0, "\(run.standardError)")
            let (decoded, _) = try PlaybookBundle.decode(Data(bundle.utf8))
            let again = PlaybookRedactor(references: []).redact(decoded.playbook, origins: [:])
            #expect(again.playbook == decoded.playbook)
            #expect(again.redactions.isEmpty, "\(again.redactions)")
        }
    }
}
