import Foundation
import Testing

/// Template overrides that would send swift-mustache's recursive parser or renderer into a loop or
/// past the end of the stack: found first, and never handed to it.
extension HostileInputTests {
    func writeTemplates(_ templates: [String: String], in root: URL) throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent("templates"), withIntermediateDirectories: true)
        for (name, text) in templates {
            try write(Array(text.utf8), to: "templates/\(name).mustache", in: root)
        }
    }

    @Test func templateThatIncludesItself() throws {
        let outcome = try build { try writeTemplates(["nav": "<nav>\n{{> nav}}\n</nav>\n"], in: $0) }
        expectRefused(outcome, "templates/nav.mustache:2:1: error: template includes itself: nav → nav; Mustache would never finish rendering it [partial-cycle]")
        #expect(outcome.report.contains("1 error, 0 warnings"))
    }

    @Test func templatesThatIncludeEachOtherThroughAParent() throws {
        let outcome = try build { root in
            try writeTemplates(["nav": "<nav>{{> a}}</nav>\n", "a": "{{> b}}\n", "b": "{{#pack}}{{<a}}{{/a}}{{/pack}}\n"], in: root)
        }
        expectRefused(outcome, "templates/b.mustache:1:10: error: template includes itself: a → b → a; Mustache would never finish rendering it [partial-cycle]")
        #expect(!outcome.report.contains("unknown-partial") && !outcome.report.contains("missing-template"))
    }

    @Test func fiveThousandNestedSections() throws {
        let outcome = try build { root in
            try writeTemplates(["nav": String(repeating: "{{#a}}", count: 5_000) + "x" + String(repeating: "{{/a}}", count: 5_000) + "\n"], in: root)
        }
        expectRefused(outcome, "templates/nav.mustache:1:193: error: Mustache sections nested more than 32 levels deep; flatten them [template-too-deep]")
    }

    @Test func nestedSectionsBehindChangedDelimiters() throws {
        let outcome = try build { root in
            let sections = String(repeating: "<%#a%>\n", count: 5_000) + "x\n" + String(repeating: "<%/a%>\n", count: 5_000)
            try writeTemplates(["nav": "{{! a comment with {{#b}} in it }}\n{{=<% %>=}}\n" + sections], in: root)
        }
        expectRefused(outcome, "templates/nav.mustache:35:1: error: Mustache sections nested more than 32 levels deep; flatten them [template-too-deep]")
    }

    @Test func partialsThatNestPastTheLimitTogether() throws {
        // Each template alone is shallow; the chain of forty, each inside a section, is not.
        let outcome = try build { root in
            var templates = ["nav": "<nav>{{> p0}}</nav>\n", "p39": "{{title}}\n"]
            for index in 0..<39 { templates["p\(index)"] = "{{#pack}}{{> p\(index + 1)}}{{/pack}}\n" }
            try writeTemplates(templates, in: root)
        }
        expectRefused(outcome, "templates/p22.mustache:1:10: error: 'p23' takes 'p22' past 32 levels of sections and partials; flatten them [template-too-deep]")
    }

    /// attack7: no name-level loop (sop names p twice), but the outer override of `b` wins in the
    /// inner `p` too, which renders the override again: swift-mustache and the compiled renderer
    /// overflowed the stack (a segmentation fault; `serve` died). Refused where the parent is.
    @Test func aParentInsideABlockOverrideOfAParent() throws {
        let outcome = try build { root in
            try writeTemplates(["nav": "<nav>{{<p}}{{$b}}{{<p}}{{/p}}{{/b}}{{/p}}</nav>\n", "p": "{{$b}}{{/b}}\n"], in: root)
        }
        expectRefused(outcome, "templates/nav.mustache:1:18: error: a parent inside a block override of a parent can render itself without end (the outer override wins each time); move it out of the override [partial-cycle]")
    }

    /// attack7: each partial names the next twice, 28 deep (under the depth limit): 2^28 renders
    /// a page, a build that never ended, its memory growing. Refused where the count passes 1,000.
    @Test func partialsThatDoubleAtEachLevel() throws {
        let outcome = try build { root in
            var templates = ["nav": "<nav>{{> t0}}</nav>\n", "t28": "x"]
            for index in 0..<28 { templates["t\(index)"] = "{{> t\(index + 1)}}{{> t\(index + 1)}}" }
            try writeTemplates(templates, in: root)
        }
        expectRefused(outcome, "templates/t19.mustache:1:10: error: 't19' renders more than 1000 templates (partials naming partials, each as often as it is named), so a page would take without end; name fewer partials [template-too-deep]")
    }

    @Test func partialNamedByData() throws {
        // An SOP titled like a template would make a dynamic partial include that template.
        let outcome = try build { try writeTemplates(["sop-header": "<h1>{{>*sop.title}}</h1>\n"], in: $0) }
        expectRefused(outcome, "templates/sop-header.mustache:1:5: error: 'sop.title' would name the partial at render time, where sopgen cannot check it for loops; name the partial itself [dynamic-partial]")
    }

    @Test func delimitersWithSpacesDoNotHideNesting() throws {
        let outcome = try build { root in
            try writeTemplates(["nav": "{{= <% %> =}}\n" + String(repeating: "<%#a%>", count: 5_000) + "x" + String(repeating: "<%/a%>", count: 5_000) + "\n"], in: root)
        }
        expectRefused(outcome, "templates/nav.mustache:2:193: error: Mustache sections nested more than 32 levels deep; flatten them [template-too-deep]")
    }

    @Test func delimiterLongEnoughToMakeSearchingQuadratic() throws {
        // Searching for a 20,000-character delimiter in 40,000 characters took 30 s.
        let outcome = try build { root in
            try writeTemplates(["nav": "{{=" + String(repeating: "a", count: 20_000) + "b b=}}" + String(repeating: "a", count: 40_000) + "\n"], in: root)
        }
        expectRefused(outcome, "templates/nav.mustache:1:1: error: set delimiters as two words of up to 8 characters, like '{{=<% %>=}}' [template-syntax]")
    }
}
