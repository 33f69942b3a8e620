import Testing
@testable import SOPKit

/// Values from YAML land as text wherever they are used: HTML, Markdown, links and code.
@Suite struct EscapingTests {
    func page(siteName: String, body: String) async throws -> String {
        var files = PackFiles.pack(PackFiles.sop(body: body))
        files["sites/shop.yml"] = files["sites/shop.yml"]!.replacingOccurrences(of: "name: Shop", with: "name: '\(siteName)'")
        let (result, _) = await Build.plan(files: files)
        return try #require(result.plan?.text("roles/agent/guide.html"), "\(Build.diagnosticsText(result))")
    }

    @Test func scriptInAValueIsEscaped() async throws {
        let html = try await page(siteName: "<script>alert(1)</script>", body: "Site: {{site.name}}\n")
        #expect(html.contains("Site: &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
    }

    @Test func markdownInAValueStaysLiteral() async throws {
        let html = try await page(siteName: "**bold** _em_ `code` # heading", body: "Site: {{site.name}}\n")
        #expect(html.contains("Site: **bold** _em_ `code` # heading"))
    }

    @Test func javascriptLinkInAValueIsInert() async throws {
        let html = try await page(siteName: "[click](javascript:alert(1))", body: "Site: {{site.name}} and [go]({{site.name}})\n")
        #expect(html.contains("Site: [click](javascript:alert(1))"))
        #expect(!html.contains("href=\"javascript"))
    }

    @Test func valueInCodeIsEscapedOnce() async throws {
        let html = try await page(siteName: "a < b & c", body: "`{{site.name}}`\n\n```\n{{site.name}}\n```\n")
        #expect(html.contains("<code>a &lt; b &amp; c</code>"))
        #expect(html.contains("<pre><code>a &lt; b &amp; c\n</code></pre>"))
    }

    @Test func valuesInPageChromeAreEscaped() async throws {
        let html = try await page(siteName: "x", body: "text\n")
        var files = PackFiles.pack(PackFiles.sop(body: "text\n"))
        files["sopgen.yml"] = "title: \"<b>Pack</b>\"\ndefault_site: shop\n"
        let (result, _) = await Build.plan(files: files)
        let home = try #require(result.plan?.text("index.html"))
        #expect(home.contains("&lt;b&gt;Pack&lt;/b&gt;"))
        #expect(!home.contains("<b>Pack</b>"))
        #expect(!html.isEmpty)
    }

    @Test func rawHTMLIsOmittedUnlessThePackOptsIn() async throws {
        let body = "<b>raw</b>\n\n[x](javascript:alert(1))\n"
        let (safe, _) = await Build.plan(files: PackFiles.pack(PackFiles.sop(body: body)))
        let safeHTML = try #require(safe.plan?.text("sops/guide.html"))
        #expect(!safeHTML.contains("<b>raw</b>"))
        #expect(safeHTML.contains("<a href=\"\">x</a>"))
        #expect(safe.diagnostics.map(\.code.rawValue) == ["raw-html", "unsafe-link"])

        var files = PackFiles.pack(PackFiles.sop(body: body))
        files["sopgen.yml"] = "title: T\ndefault_site: shop\noptions:\n  unsafe_html: true\n"
        let (unsafe, _) = await Build.plan(files: files)
        let unsafeHTML = try #require(unsafe.plan?.text("sops/guide.html"))
        #expect(unsafeHTML.contains("<b>raw</b>"))
        #expect(unsafeHTML.contains("href=\"javascript:alert(1)\""))
        #expect(unsafe.diagnostics.isEmpty)
    }

    @Test func roleValuesDifferPerView() async throws {
        let (result, _) = await Build.plan(files: PackFiles.pack(PackFiles.sop(body: "I am {{role.name}}; I escalate to {{role.escalates_to}}.\n")))
        #expect(result.plan?.text("roles/agent/guide.html")?.contains("I am Support agent; I escalate to Site administrator.") == true)
        #expect(result.plan?.text("roles/admin/guide.html")?.contains("I am Site administrator; I escalate to nobody (top of the chain).") == true)
        #expect(result.plan?.text("sops/guide.html")?.contains("I am ‹your role›") == true)
    }
}
