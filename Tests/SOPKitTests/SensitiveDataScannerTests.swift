import Testing
@testable import SOPKit

/// Two corpora: secrets and personal data in the formats people actually paste (every one must
/// be caught), and innocent strings from the same documents (none may be flagged).
@Suite struct SensitiveDataScannerTests {
    static let hex40 = "3b9e0c5a7d1f2e4a6c8b0d2f4e6a8c0b1d3f5e7a"

    static let secrets: [(String, String)] = [
        ("OpenAI project key", "sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz_FAKE0123"),
        ("OpenAI key", "sk-4f8Jk2LmN9pQ3rS7tUvW0xYz1A2B3C4D5E6F7G8H9I0J"),
        ("OpenAI service account key", "sk-svcacct-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa"),
        ("Anthropic key", "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-FAKEKEY_AA"),
        ("Google API key", "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI"),
        ("Google OAuth secret", "GOCSPX-1a2B3c4D5e6F7g8H9i0JkLmNoPq"),
        ("AWS access key", "AKIAIOSFODNN7EXAMPLE"),
        ("AWS session key id", "ASIAQWERTYUIOPASDFGH"),
        ("AWS secret access key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        ("Stripe live secret", "sk_live_51H8fakeKEYabcdefghijklmnop"),
        ("Stripe test secret", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"),
        ("Stripe restricted key", "rk_live_51HxFAKEabcdefghijklmnOPQR"),
        ("Stripe publishable key", "pk_live_51HxFAKEqrstuvwxyzABCDEF"),
        ("Stripe webhook secret", "whsec_1234567890abcdefGHIJKLMNOPQRstuv"),
        ("GitHub classic token", "ghp_1234567890abcdefghijklmnopqrstuvwxYZ"),
        ("GitHub fine-grained token", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL"),
        ("GitHub OAuth token", "gho_16C7e42F292c6912E7710c838347Ae178B4a"),
        ("Slack bot token", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"),
        ("Slack user token", "xoxp-123456789012-123456789012-123456789012-abcdef1234567890abcdef1234567890"),
        ("Slack webhook", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
        ("WooCommerce consumer key", "ck_" + hex40),
        ("WooCommerce consumer secret", "cs_" + String(hex40.reversed())),
        ("JWT", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"),
        ("RSA private key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----"),
        ("PKCS#8 private key", "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----"),
        ("OpenSSH private key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB\n-----END OPENSSH PRIVATE KEY-----"),
        ("credentials in a web URL", "https://admin:S3cr3tPass@shop.example.com/wp-admin"),
        ("credentials in a database URL", "mysql://wp_user:hunter2pass@db.internal:3306/wordpress"),
        ("credentials in an FTP URL", "ftp://deploy:Tr0ub4dor@files.example.net/"),
        ("bearer token", "Bearer 3vK9xQ2mZ7pL1nR8sT4wY6uA0cE5gH"),
        ("Mailchimp key", "8f3a2c1e9b7d6054a1c3e5f7092b4d6e-us6"),
        ("SendGrid key", "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"),
        ("Twilio auth token", "a1b2c3d4e5f60718293a4b5c6d7e8f90"),
        ("Azure storage key", "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="),
        ("customer email", "jane.doe@example.com"),
        ("customer email with tag", "m.okafor+orders@harbourandvine.co.uk"),
        ("UK phone number", "+44 20 7946 0958"),
        ("US phone number", "(555) 010-4477"),
        ("UK mobile number", "07700 900123"),
        ("international phone number", "+1-202-555-0143"),
        ("Visa card number", "4111 1111 1111 1111"),
        ("Mastercard number", "5555-5555-5555-4444"),
        ("Amex card number", "378282246310005"),
        // Issue 8, item 10: credentials written in prose, whole tokens, PEM without END, connection strings.
        ("password in prose", "password: hunter2"),
        ("passwd assignment", "passwd=Tr0ub4dor&3"),
        ("secret in prose", "secret: mX9pL2qR7vT4"),
        ("token assignment", "token = 9f8e7d6c5b4a"),
        ("api_key in prose", "api_key: 12ab34cd56ef"),
        ("client_secret with dots", "client_secret=Abc.def-123.ghiJKL.mno"),
        ("quoted password", "\"password\": \"correct horse battery\""),
        ("password on the next line", "Password:\n  Summer2024!"),
        ("lower-case password ending a sentence", "the admin password: letmein."),
        ("WP-CLI user_pass", "wp user update admin --user_pass=N0tS0Secret"),
        ("wp-config define", "define( 'DB_PASSWORD', 'wp-db-pass-2024' );"),
        ("token in a URL query", "https://shop.example.com/feed?token=a1b2c3d4e5"),
        ("SendGrid key with short parts", "SG.aB3dE5fG7hJ9kL1m.ST7uV9wX1yZ3aB5c"),
        ("Azure storage connection string", "DefaultEndpointsProtocol=https;AccountName=harbourfiles;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net"),
        ("Service Bus connection string", "Endpoint=sb://harbour.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA="),
        ("SQL connection string", "Server=db.internal;Database=shop;User Id=wp;Password=Harb0ur!;"),
        ("PEM without an END line", "-----BEGIN RSA PRIVATE KEY-----"),
        ("PGP private key block", "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\nlQOYBF0xyzABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij0123456789+/\n=abcd\n-----END PGP PRIVATE KEY BLOCK-----"),
        ("AWS key after a line break", "step one\nAKIAIOSFODNN7EXAMPLE"),
        ("card number after a tab", "card:\t4111 1111 1111 1111"),
        ("full-width AWS key", "ＡＫＩＡＩＯＳＦＯＤＮＮ７ＥＸＡＭＰＬＥ"),
        ("Stripe key split by a zero-width space", "sk_live_51H8fake\u{200B}KEYabcdefghijklmnop"),
        ("card number with no-break spaces", "4111\u{00A0}1111\u{00A0}1111\u{00A0}1111"),
        ("AWS key wrapped onto the next line", "AKIAIOSFOD\nNN7EXAMPLE"),
        ("Stripe key wrapped and indented", "sk_live_51H8fake\n    KEYabcdefghijklmnop"),
        // Wrapped at U+2028, after a break and a no-break space, or a zero-width space; a ratio
        // sign for the colon (helpers 46, 47).
        ("AWS key wrapped at U+2028", "AKIAIOSF\u{2028}ODNN7EXAMPLE"),
        ("AWS key wrapped at CRLF", "AKIAIOSF\r\nODNN7EXAMPLE"),
        ("AWS key wrapped and indented by a no-break space", "AKIAIOSF\n\u{A0}ODNN7EXAMPLE"),
        ("AWS key wrapped and indented by a zero-width space", "AKIAIOSF\n\u{200B} ODNN7EXAMPLE"),
        ("password after a ratio sign", "password\u{2236} hunter2secret"),
        // A card with its security code or expiry after a slash (helper 47: separators `.` and
        // `/`, added and taken out again, glued them to the card).
        ("card number and its security code", "4111 1111 1111 1111/123"), ("card number and its expiry", "5500-0000-0000-0004/12.28"),
    ] + invisiblySplit

    /// A key, an address and a number, each with an invisible character inside (the combining
    /// grapheme joiner, variation selectors, a Mongolian one, Hangul fillers, the blank braille
    /// pattern, the null notehead), or a combining accent where it composes with nothing (after
    /// `-`, `@` or a digit): each was read as a break (helpers 45, 46). An accent on a letter
    /// makes the accented letter, as the precomposed letter would: that is no longer the key.
    static let invisiblySplit: [(String, String)] = ["\u{34F}", "\u{FE0F}", "\u{E0100}", "\u{180B}", "\u{3164}", "\u{FFA0}", "\u{2800}", "\u{1D159}"]
        .flatMap { (mark: String) -> [(String, String)] in
            let name = "U+" + String(mark.unicodeScalars.first!.value, radix: 16, uppercase: true)
            return [("AWS key split by \(name)", "AK\(mark)IAIOSFO\(mark)DNN7EXAMPLE"),
                    ("OpenAI key split by \(name)", "sk-\(mark)proj-Ab3d\(mark)Ef7hIj9kLm1n\(mark)Op5qRs8tUv2wXy4zAB6CD"),
                    ("email split by \(name)", "jane.doe@\(mark)example.org"),
                    ("card number split by \(name)", "4111\(mark) 1111 1111 1111")]
        } + [("AWS key with an accent on its digit", "AKIAIOSFODNN7\u{301}EXAMPLE"),
             ("OpenAI key with accents on its dashes", "sk-\u{301}proj-\u{301}Ab3dEf7hIj9kLm1nOp5qRs8tUv2wXy4zAB6CD"),
             ("email with an accent on its @", "jane.doe@\u{301}example.org"),
             ("card number with accents on its digits", "4111\u{301} 1111\u{301} 1111 1111")]

    static let innocent: [String] = [
        "WordPress 6.8.1", "PHP 8.2.28 (Supports 64bit values)", "SophMate 2.4.0-beta.2", "WooCommerce 9.4.2",
        "version: 1.3.0", "php_version: 8.2.28 64bit", "Storefront 4.5.5", "release 10.2.3",
        "SKU HV-OIL-0500", "SKU-HV-2024-OLIVE-500ML", "sku: CERAMIC-BOWL-LG-BLUE", "gtin 5012345678900",
        "#1d2327", "#2271B1", "color: #f0f6fc", "rgb(34, 113, 177)",
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "request id 123e4567-e89b-12d3-a456-426614174000",
        "2026-11-21", "21/11/2026", "2026-11-21T17:08:16Z", "last_reviewed: 2024-07-12",
        "£12.50", "$1,299.00", "€ 8,99", "price: 45.00 GBP", "orders over £75 ship free",
        "https://shop.example.com/checkout?step=2", "https://docs.example.com/sop/260#escalation",
        "harbour-child", "refund-requests-after-an-outage", "wc-processing", "order status on-hold",
        "/var/www/html/wp-content/themes/harbour-child/style.css", "wp-content/uploads/2026/11/hero.jpg",
        "gpt-4.1-mini", "claude-3-5-haiku-20241022", "text-embedding-3-small",
        "WooCommerceOrderStatusProcessing", "support-drafts/escalate-refund-requests-for-partners",
        "ticket #10234", "500 ml bottle", "Tracking 1Z999AA10123456784", "Tuesday 09:00-17:30 UK time",
        "Section 3.2.1 of the returns policy",
        // Prose that names a credential without holding one.
        "Reset the password: use the lost-password link", "password: none", "Token: 30 minutes",
        "The secret: never tell customers about margins", "api_key: see the vault", "password: ********",
        "client_secret: <<local: client secret>>", "api_key: [removed: secret]", "password: {{site.admin_password_owner}}",
        "DB_PASSWORD=$DB_PASSWORD", "max_tokens: 1024", "Secret Santa: 20 December", "password_reset: enabled",
        "Server=db.internal;Database=shop", "-----BEGIN CERTIFICATE-----", "Passwords: 12 characters minimum",
        "first_run: pass", "Use the token: it expires after 30 minutes",
        "Read the ticket\nDraft the reply", "order-status\nprocessing-refund-requested", "WooCommerceOrderStatus\nProcessing2024Refunds",
        // Decomposed accents, as macOS and copy-paste write them; emoji with modifiers and
        // variation selectors; scripts written with marks.
        // Numbers with dots and slashes (helper 47: a card rule that took `.` and `/` between
        // digits flagged one in ten of them).
        "Allow 192.168.63.29\u{2013}192.168.31.247 only", "Hosts 10.35.71.32/10.65.91.52 only", "Order WC/2020/0121/215810 refunded",
        "SKU 772.7372.890.2579 restocked", "Build 7.19.2025.3567.195 deployed", "Snapshot 2024.08.23.032840 restored",
        "Jose\u{301} Garci\u{301}a", "\u{1F44D}\u{1F3FD} ok \u{2714}\u{FE0F}", "\u{928}\u{92E}\u{938}\u{94D}\u{924}\u{947}",
        "\u{5E9}\u{5C1}\u{5B8}\u{5DC}\u{5D5}\u{5B9}\u{5DD}", "\u{1112}\u{1161}\u{11AB}\u{1100}\u{1173}\u{11AF}", "\u{E44}\u{E17}\u{E22}",
    ]

    /// Decomposed text is scanned as its precomposed form is: dropping every mark (fb2e6f2) made
    /// `Cafe\u{301}-Gla\u{303}o-…` one long ASCII slug, a "high-entropy string" where `Café-Glão-…`
    /// is not one (helper 46).
    @Test func decomposedTextReadsAsPrecomposedTextDoes() {
        for text in ["https://boutique.example/categorie/\u{E9}picerie-fine/p\u{E2}te-\u{E0}-tartiner-noisette-250g",
                     "Tom https://shop.example/wp-content/uploads/2024/05/Caf\u{E9}-Gl\u{E3}o-Par\u{E1}-Espresso-1kg.jpg",
                     "Jos\u{E9} Garc\u{ED}a, \u{C5}ngstr\u{F6}m, Zo\u{EB}, Cr\u{E8}me br\u{FB}l\u{E9}e",
                     "AKIAIOSFODNN7EXAMPLE \u{E9}", "4111 1111 1111 1111 fa\u{E7}ade"] {
            let composed = text.precomposedStringWithCanonicalMapping, decomposed = text.decomposedStringWithCanonicalMapping
            #expect(Array(composed.unicodeScalars) != Array(decomposed.unicodeScalars))
            #expect(scanner.scan(decomposed).map(\.kind) == scanner.scan(composed).map(\.kind), "\(text)")
        }
        #expect(scanner.scan("Tom Cafe\u{301}-Gla\u{303}o-Para\u{301}-Espresso-Grande").isEmpty)
    }

    /// A letter under thousands of marks (of two combining classes, which normalising reorders:
    /// quadratic, helper 47) folds scalar by scalar: the letter, the marks dropped.
    @Test func aLetterUnderThousandsOfMarksFoldsToTheLetter() {
        let marks = String(repeating: "\u{301}\u{316}", count: 20_000)
        #expect(Array(FoldedText("x a\(marks) y").folded.unicodeScalars) == Array("x a y".unicodeScalars))
        // A short cluster is composed: `a` with its acute is `á`, the mark below it dropped.
        #expect(Array(FoldedText("x a\u{301}\u{316} y").folded.unicodeScalars) == Array("x \u{E1} y".unicodeScalars))
        #expect(scanner.scan("AKIAIOSFODNN7EXAMPLE \(marks)").map(\.kind) == scanner.scan("AKIAIOSFODNN7EXAMPLE").map(\.kind))
    }

    let scanner = SensitiveDataScanner()

    /// What redaction keeps of an entry: the name a credential was written under, a URL's path,
    /// text before a line break. Everything else of every entry must go.
    static let kept: [String: String] = [
        "credentials in a web URL": "/wp-admin", "credentials in a database URL": "/wordpress", "credentials in an FTP URL": "/",
        "bearer token": "Bearer ", "Azure storage key": "AccountKey=", "password in prose": "password: ", "passwd assignment": "passwd=",
        "secret in prose": "secret: ", "token assignment": "token = ", "api_key in prose": "api_key: ",
        "client_secret with dots": "client_secret=", "quoted password": "\"password\": ", "password on the next line": "Password:\n  ",
        "lower-case password ending a sentence": "the admin password: .", "WP-CLI user_pass": "wp user update admin --user_pass=",
        "wp-config define": "define( 'DB_PASSWORD',  );", "token in a URL query": "https://shop.example.com/feed?token=",
        "AWS key after a line break": "step one\n", "card number after a tab": "card:\t",
        "password after a ratio sign": "password\u{2236} ",
        "card number and its security code": "/123", "card number and its expiry": "/12.28",
    ]

    @Test func everySecretAndPieceOfPersonalDataIsCaught() {
        #expect(Self.secrets.count >= 68)
        var missed: [String] = []
        for (label, secret) in Self.secrets {
            let redacted = scanner.redact("Before the sync, use \(secret) for the connection.")
            let left = redacted.text.replacingOccurrences(of: #"\[removed: [^\]]+\]"#, with: "", options: .regularExpression)
            // A PEM line without its END line goes to the end of that line.
            let expected = label == "PEM without an END line" ? "Before the sync, use " : "Before the sync, use \(Self.kept[label] ?? "") for the connection."
            if redacted.findings.isEmpty || left != expected { missed.append("\(label): \(redacted.text)") }
        }
        #expect(missed == [], "missed: \(missed)")
    }

    @Test func innocentStringsAreLeftAlone() {
        #expect(Self.innocent.count >= 66)
        var flagged: [String] = []
        for text in Self.innocent where !scanner.scan("Note: \(text) applies here.").isEmpty {
            flagged.append("\(text) → \(scanner.scan(text).map(\.kind))")
        }
        #expect(flagged == [], "flagged: \(flagged)")
    }

    @Test func redactingTwiceChangesNothing() {
        for (_, secret) in Self.secrets {
            let once = scanner.redact("Before the sync, use \(secret) for the connection.").text
            #expect(scanner.redact(once).text == once, "\(once)")
        }
    }

    @Test func aPEMBlockWithoutAnEndLineIsRemovedToTheEndOfItsLineOnly() {
        let steps = "1. Install the key:\n-----BEGIN RSA PRIVATE KEY----- MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lg\n"
            + "2. Read the ticket.\n3. Draft the reply.\n4. Ask for approval.\n"
        let redacted = scanner.redact(steps)
        #expect(redacted.text == "1. Install the key:\n[removed: PEM private key]\n2. Read the ticket.\n3. Draft the reply.\n4. Ask for approval.\n")
        #expect(redacted.findings.count == 1)
    }

    @Test func aPEMBlockEndsAtItsEndLineAndNotAtALaterKeys() {
        let key = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oFLwpPeOKaFFoAoGCCqGSM49\n-----END EC PRIVATE KEY-----"
        let redacted = scanner.redact("Old: -----BEGIN RSA PRIVATE KEY-----\n2. Read the ticket.\nNew:\n\(key)\n3. Reply.")
        #expect(redacted.text == "Old: [removed: PEM private key]\n2. Read the ticket.\nNew:\n[removed: PEM private key]\n3. Reply.")
    }

    @Test func noPartOfASecretIsLeftBehind() {
        for (text, expected) in [
            ("Key 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 now.", "Key [removed: SendGrid key] now."),
            ("Set client_secret=Abc.def-123.ghiJKL.mno then save.", "Set client_secret=[removed: credential] then save."),
            ("Use DefaultEndpointsProtocol=https;AccountName=harbourfiles;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net today.",
             "Use [removed: connection string] today."),
            ("Log in with password: hunter2 and check.", "Log in with password: [removed: credential] and check."),
        ] {
            #expect(scanner.redact(text).text == expected)
        }
    }

    /// ICU gives up silently on very long runs; the scanner reads a bounded prefix and grows the finding.
    @Test func aVeryLongValueIsRemovedWhole() {
        let value = String(repeating: "token=", count: 20_000)
        #expect(scanner.redact("password: \(value) now").text == "password: [removed: credential] now")
    }

    @Test func cardNumbersMustPassLuhn() {
        #expect(SensitiveDataScanner.isLuhnValid("4111 1111 1111 1111"))
        #expect(!SensitiveDataScanner.isLuhnValid("4111 1111 1111 1112"))
        #expect(scanner.scan("reference 4111 1111 1111 1112").isEmpty)
    }
}
