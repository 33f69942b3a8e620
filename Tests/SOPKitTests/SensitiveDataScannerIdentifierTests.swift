import Testing
@testable import SOPKit

/// `SensitiveDataScanner.cannotHoldFinding`, the shortcut for identifiers, against `scan` itself:
/// nothing the shortcut passes holds a finding, and no corpus secret passes it.
@Suite struct SensitiveDataScannerIdentifierTests {
    @Test func noCorpusSecretIsPassed() {
        for (name, secret) in SensitiveDataScannerTests.secrets {
            #expect(!SensitiveDataScanner.cannotHoldFinding(secret), "\(name)")
            // A finding's text alone (a password without its `password:`) may be plain; then it holds nothing.
            for finding in SensitiveDataScanner().scan(secret) where SensitiveDataScanner.cannotHoldFinding(finding.text) {
                #expect(SensitiveDataScanner().scan(finding.text).isEmpty, "\(name): \(finding.text)")
            }
        }
    }

    /// Short tokens shaped like the detectors' prefixes, and the edges of the rule.
    static let nearMisses = [
        "xoxb-1234567890", "xoxp-12345678901", "XOXB-abcdefghij", "AKIA1234567890ABCDEF", "AKIA1234567890ABCDE",
        "sk-proj-abcdefghij", "sk_live_abcdefghij", "ghp_abcdefghijklmno", "SG.abcdefgh.ijklmno", "eyJabc.eyJdef.ghi",
        "555-123-4567", "+44-20-7946-0958", "4111-1111-1111-1111", "4111111111111111", "0123456789",
        "plan-000123", "plan-2026-11-02-001", "ana.silva", "refunds-and-coupons", "whsec_abcdefghij", "AIzaSyDdI0hCZtE6vy",
        "GOCSPX-abcdefghijk", "ck_0123456789abcdef", "a@b.co", "user:pass", "k=v;k=v",
        "V1StGXR8_Z5jdHi6B-myT", "order.2026.support-replies.v2", "aBcDeFgHiJkLmNoPqRsTuVwX", "aBcDeFgHiJkLmNoPqRsTuVw",
        "my-plan-sk-abcdefghijklmnopqrstu", "deploy-xoxb-123", "ghp_0123", "a.eyJhbGciOi.b",
    ]

    @Test func whatThePassedHoldsNothing() {
        for text in Self.nearMisses where SensitiveDataScanner.cannotHoldFinding(text) {
            #expect(SensitiveDataScanner().scan(text).isEmpty, "\(text)")
        }
        #expect(!SensitiveDataScanner.cannotHoldFinding("xoxb-1234567890"))
        #expect(!SensitiveDataScanner.cannotHoldFinding("0123456789"))
        #expect(!SensitiveDataScanner.cannotHoldFinding("AKIA1234567890ABCDEF"))
        #expect(SensitiveDataScanner.cannotHoldFinding("plan-000123"))
        #expect(SensitiveDataScanner.cannotHoldFinding("ana.silva"))
        #expect(SensitiveDataScanner.cannotHoldFinding("V1StGXR8_Z5jdHi6B-myT"), "a 21-character nanoid")
        #expect(!SensitiveDataScanner.cannotHoldFinding("aBcDeFgHiJkLmNoPqRsTuVwX"), "24 token characters: the entropy net's")
        #expect(SensitiveDataScanner.cannotHoldFinding("aBcDeFgHiJkLm.NoPqRsTuVwX"), "a dot ends the entropy net's token")
        // Each key prefix, in any case, anywhere in a short id, sends it to the scanner.
        for prefix in SensitiveDataScanner.keyPrefixes.map({ String(decoding: $0, as: UTF8.self) }) {
            for text in ["id-\(prefix)x", "\(prefix.uppercased())1", "a.\(prefix)"] {
                #expect(!SensitiveDataScanner.cannotHoldFinding(text), "\(text)")
            }
        }
    }

    /// A UUID's digit groups can read as a Luhn-valid card number (`2540339501024181`) or a phone
    /// number; `scan` reports nothing inside a UUID standing on its own, and the shortcut passes it.
    @Test func aUUIDIsNeverAFinding() {
        let card = "25403395-0102-4181-abcd-ef0123456789"
        #expect(SensitiveDataScanner().scan(card).isEmpty)
        #expect(SensitiveDataScanner().scan("plan \(card) ok").isEmpty)
        #expect(SensitiveDataScanner().scan("card 2540 3395 0102 4181").map(\.kind) == ["payment card number"])
        #expect(SensitiveDataScanner().scan("x25403395-0102-4181-abcd-ef0123456789").map(\.kind) != [], "not a UUID standing alone")
        var generator = SplitMix64(state: 7_202_611)
        for _ in 0..<2_000 {
            let hex = Array("0123456789abcdefABCDEF")
            var text = ""
            for (index, length) in [8, 4, 4, 4, 12].enumerated() {
                if index > 0 { text += "-" }
                text += String((0..<length).map { _ in hex[Int(generator.next() % UInt64(hex.count))] })
            }
            #expect(SensitiveDataScanner.cannotHoldFinding(text))
            #expect(SensitiveDataScanner().scan(text).isEmpty, "\(text)")
        }
    }

    /// Seeded random identifiers over the passed alphabet, some built on a detector's prefix.
    @Test func randomPlainIdentifiersThatArePassedHoldNothing() {
        var generator = SplitMix64(state: 20261123)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        let prefixes = ["", "", "sk-", "sk_live_", "AKIA", "xo", "ghp_", "SG.", "eyJ", "AIza", "whsec_", "ck_", "+1-", "0"]
        var passed = 0
        for _ in 0..<4_000 {
            let prefix = prefixes[Int(generator.next() % UInt64(prefixes.count))]
            let length = Int(generator.next() % 40)
            let text = prefix + String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            guard SensitiveDataScanner.cannotHoldFinding(text) else { continue }
            passed += 1
            #expect(SensitiveDataScanner().scan(text).isEmpty, "\(text)")
        }
        #expect(passed > 500)
    }
}
