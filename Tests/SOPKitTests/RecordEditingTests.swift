import Foundation
import Testing
import Yams
@testable import SOPKit

/// Editing a YAML record in place: found by the parsed document, written in a style every reader
/// reads back, and verified by reading the result back.
@Suite struct RecordEditingTests {
    func edit(_ text: String, _ key: String = "php_version", to value: Node = YAMLValue.text("8.2.28")) throws -> String {
        var editor = try YAMLRecordEditor(text, path: "sites/shop.yml")
        editor.set(key, to: value)
        return try editor.text()
    }

    func read(_ text: String) throws -> [String: Any] {
        try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    @Test func crlfIsKeptAndNoKeyIsDoubled() throws {
        let text = try edit("name: Shop\r\nphp_version: 8.1.0\r\nsupport_owner: Tom\r\n")
        #expect(text == "name: Shop\r\nphp_version: \"8.2.28\"\r\nsupport_owner: Tom\r\n")
    }

    @Test func aByteOrderMarkIsKept() throws {
        #expect(try edit("\u{FEFF}name: Shop\n") == "\u{FEFF}name: Shop\nphp_version: \"8.2.28\"\n")
    }

    @Test func aQuotedKeyIsTheSameKey() throws {
        #expect(try edit("\"php_version\": 8.1.0\n'name': Shop\n") == "php_version: \"8.2.28\"\n'name': Shop\n")
    }

    @Test func documentMarkersStayWhereTheyAre() throws {
        let text = try edit("# Shop\n---\nname: Shop\nproviders:\n- name: OpenAI\n# end of facts\n...\n# notes after the document\n")
        #expect(text == "# Shop\n---\nname: Shop\nproviders:\n- name: OpenAI\nphp_version: \"8.2.28\"\n# end of facts\n...\n# notes after the document\n")
    }

    @Test func commentsAroundAReplacedEntryStay() throws {
        let text = try edit("name: Shop\nphp_version: 8.1.0   # upgrading\n\n# Owners\nsupport_owner: Tom\n")
        #expect(text == "name: Shop\nphp_version: \"8.2.28\"\n\n# Owners\nsupport_owner: Tom\n")
    }

    @Test func anIndentedMappingGetsIndentedEntries() throws {
        let text = try edit("  name: Shop\n  active_theme: x\n", "active_theme", to: Node([(YAMLValue.text("name"), YAMLValue.text("null"))]))
        #expect(text == "  name: Shop\n  active_theme:\n    name: \"null\"\n")
    }

    @Test func flowStyleAndSeveralDocumentsAreRefusedNotCorrupted() {
        #expect(throws: YAMLEditError.self) { try edit("{name: Shop, php_version: 8.1.0}\n") }
        #expect(throws: YAMLEditError.self) { try edit("name: Shop\n---\nname: Other\n") }
        #expect(throws: YAMLEditError.self) { try edit("- a list\n") }
    }

    @Test func invalidYAMLIsReportedWhereItIs() {
        do {
            _ = try edit("name: Shop\nname: Again\n")
            Issue.record("a record with a duplicate key was edited")
        } catch {
            guard case YAMLEditError.invalidYAML(let diagnostic) = error else { Issue.record("\(error)"); return }
            #expect(diagnostic.code == .duplicateKey)
            #expect(diagnostic.location == SourceLocation(path: "sites/shop.yml", line: 2, column: 1))
        }
        #expect(throws: YAMLEditError.self) { try edit("name: Shop\n\tsetup_owner: Ada\n") }
    }

    @Test(arguments: ["null", "Null", "~", "yes", "No", "on", "true", "0x10", "0o17", "6.8", "6.10", "8.0", "1e3", ".inf",
                      "2026-11-21", "12:30", "", " padded", "a: b", "a #b", "- x", "@at", "`tick", "*star", "&anchor", "!tag",
                      "%percent", "|", ">", "'quoted'", "\"dq\"", "{x}", "[x]", "line\nbreak", "tab\there", "\u{1B}[2J"])
    func everyTextReadsBackAsText(text: String) throws {
        let written = try edit("name: Shop\n", "theme", to: YAMLValue.text(text))
        #expect(try read(written)["theme"] as? String == text, "\(written)")
        #expect(try Yams.compose(yaml: written)?["theme"]?.scalar?.string == text)
    }

    @Test func versionsAreQuotedAndUnicodeIsWrittenAsIs() throws {
        let written = try edit("name: Shop\n", "production_url", to: YAMLValue.text("https://shöp.example/über"))
        #expect(written == "name: Shop\nproduction_url: https://shöp.example/über\n")
        #expect(try edit("name: Shop\n", "wordpress_version", to: YAMLValue.text("6.10")) == "name: Shop\nwordpress_version: \"6.10\"\n")
        #expect(try edit("name: Shop\n", "name", to: YAMLValue.text("Café \"Zoë\"")) == "name: \"Café \\\"Zoë\\\"\"\n")
    }

    @Test func plainTextsStayPlain() throws {
        #expect(try edit("name: Shop\n", "active", to: YAMLValue.flag(true)) == "name: Shop\nactive: true\n")
        #expect(try edit("name: Shop\n", "owner", to: YAMLValue.text("Priya Raman (ops)")) == "name: Shop\nowner: Priya Raman (ops)\n")
    }

    /// The safety net under the style rule: a text forced into plain style that a reader would take
    /// for null is caught when the result is read back, and nothing is returned.
    @Test func anEditThatReadsBackDifferentlyIsRefused() {
        do {
            _ = try edit("name: Shop\n", "theme", to: Node.scalar(.init("null", Tag(.str), .plain)))
            Issue.record("an edit that reads back as null was returned")
        } catch {
            guard case YAMLEditError.readBackFailed(let path, _) = error else { Issue.record("\(error)"); return }
            #expect(path == "sites/shop.yml")
        }
    }

    @Test func anEmptyOrCommentOnlyFileGetsItsFirstKey() throws {
        #expect(try edit("") == "php_version: \"8.2.28\"\n")
        #expect(try edit("# nothing yet\n") == "# nothing yet\nphp_version: \"8.2.28\"\n")
        #expect(try edit("---\n...\n") == "---\nphp_version: \"8.2.28\"\n...\n")
    }
}
