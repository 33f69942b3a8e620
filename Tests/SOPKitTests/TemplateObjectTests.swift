@testable import GFM
import Mustache
import Testing
@testable import SOPKit

/// The values `TemplateContext` hands swift-mustache render as the values they stand for: a
/// `TemplateObject` as the `[String: Any]` it replaced, a `TemplateHTML` as the `SafeHTML`.
@Suite struct TemplateObjectTests {
    /// Every way a template can use an object: a section, an inverted section, a dotted name, a
    /// name climbing past it, the transforms, the object written as a value.
    static let objectTemplate = """
        [{{#o}}{{a}}|{{b.c}}|{{outer}}|{{missing}}{{/o}}][{{^o}}none{{/o}}][{{o.a}}][{{o.b.c}}][{{o.x.y}}][{{.o.a}}]\
        [{{count(o)}}][{{empty(o)}}][{{#empty(o)}}E{{/empty(o)}}][{{^empty(o)}}full{{/empty(o)}}]\
        [{{#enumerated(one)}}{{key}}={{value}};{{/enumerated(one)}}][{{#sorted(o)}}{{key}},{{/sorted(o)}}]\
        [{{one}}][{{{one}}}][{{#list}}<{{a}}>{{/list}}][{{count(list)}}][{{#first(list)}}{{a}}{{/first(list)}}]\
        [{{#none}}x{{/none}}][{{^none}}y{{/none}}][{{count(none)}}][{{#o}}{{#b}}{{c}}{{a}}{{/b}}{{/o}}]
        """

    static func theme(_ text: String) -> ThemeLibrary {
        ThemeLibrary.load(defaults: [:], overrides: ["t.mustache": SourceFile(path: "templates/t.mustache", text: text)])
    }

    @Test func anObjectRendersAsTheDictionary() throws {
        let theme = Self.theme(Self.objectTemplate)
        let dictionary: [String: Any] = [
            "o": ["a": TemplateText("A <&>"), "b": ["c": TemplateText("C")] as [String: Any]] as [String: Any],
            "one": ["k": TemplateText("v")] as [String: Any], "outer": TemplateText("out"),
            "list": [["a": TemplateText("1")] as [String: Any], ["a": TemplateText("2")] as [String: Any]],
            "none": [String: Any](),
        ]
        let object: TemplateObject = [
            "o": ["a": TemplateText("A <&>"), "b": ["c": TemplateText("C")] as TemplateObject] as TemplateObject,
            "one": ["k": TemplateText("v")] as TemplateObject, "outer": TemplateText("out"),
            "list": [["a": TemplateText("1")] as TemplateObject, ["a": TemplateText("2")] as TemplateObject],
            "none": TemplateObject(),
        ]
        let expected = try #require(theme.mustache.render(dictionary, withTemplate: "t"))
        #expect(expected.hasPrefix("[A &lt;&amp;&gt;|C|out|][][A &lt;&amp;&gt;][C][][A &lt;&amp;&gt;][2][false]"))
        // An empty object opens a section, as an empty dictionary does.
        #expect(expected.hasSuffix("[k=v;][a,b,][[&quot;k&quot;: v]][[\"k\": v]][<1><2>][2][1][x][][0][CA &lt;&amp;&gt;]"))
        #expect(theme.mustache.render(object, withTemplate: "t") == expected)
    }

    /// `{{o}}` and `enumerated(o)` went through a dictionary, whose order changes with each
    /// process's hash seed: a theme that wrote a whole object made two builds of one pack differ.
    /// Eight names have 40,320 orders; a dictionary's order is the fields' order by chance only.
    @Test func anObjectWrittenWholeOrEnumeratedKeepsItsFieldsOrder() throws {
        let theme = Self.theme("{{o}}|{{#enumerated(o)}}{{key}}={{value}};{{/enumerated(o)}}|{{#sorted(o)}}{{key}},{{/sorted(o)}}|{{e}}|{{#o}}{{n}}{{/o}}")
        let object: TemplateObject = ["e": TemplateObject(), "o": [
            "zeta": TemplateText("1"), "alpha": TemplateText("<2>"), "mu": TemplateText("3"), "beta": TemplateText("4"),
            "omega": TemplateText("5"), "delta": TemplateText("6"), "n": ["x": TemplateText("7")] as TemplateObject, "kappa": TemplateText("8"),
        ] as TemplateObject]
        let rendered = try #require(theme.mustache.render(object, withTemplate: "t"))
        #expect(rendered == """
            [&quot;zeta&quot;: 1, &quot;alpha&quot;: &lt;2&gt;, &quot;mu&quot;: 3, &quot;beta&quot;: 4, &quot;omega&quot;: 5, \
            &quot;delta&quot;: 6, &quot;n&quot;: [&quot;x&quot;: 7], &quot;kappa&quot;: 8]\
            |zeta=1;alpha=&lt;2&gt;;mu=3;beta=4;omega=5;delta=6;n=[&quot;x&quot;: 7];kappa=8;\
            |alpha,beta,delta,kappa,mu,n,omega,zeta,|[:]|[&quot;x&quot;: 7]
            """)
    }

    @Test func settingANameTwiceKeepsTheLastValueInItsPlaceAndNilRemovesIt() {
        let object: TemplateObject = ["a": TemplateText("1"), "b": TemplateText("2")]
        object["a"] = TemplateText("3")
        object["c"] = TemplateText("4")
        object["b"] = nil
        #expect(object.names == ["a", "c"])
        #expect((object.child(named: "a") as? TemplateText)?.text == "3")
        #expect(object.child(named: "b") == nil)
        let chrome: TemplateObject = ["a": TemplateText("chrome"), "d": TemplateText("5")]
        object.addMissing(from: chrome)
        #expect(object.names == ["a", "c", "d"])
        #expect((object.child(named: "a") as? TemplateText)?.text == "3")
    }

    /// Every way a template can use a `SafeHTML` field, with HTML in it and empty.
    @Test(arguments: ["<p>a & 'b'</p>", ""])
    func anHTMLFieldRendersAsTheSafeHTML(html: String) throws {
        let theme = Self.theme("""
            [{{{h}}}][{{h}}][{{&h}}][{{#h}}<{{.}}|{{{.}}}|{{html}}|{{{html}}}>{{/h}}][{{^h}}none{{/h}}][{{h.html}}][{{h.isEmpty}}]\
            [{{uppercased(h)}}][{{#list}}{{{.}}},{{/list}}][{{count(list)}}]
            {{%CONTENT_TYPE: TEXT}}[{{h}}]
            """)
        let safe = SafeHTML(trusted: html)
        // What swift-mustache made of a `SafeHTML` when it was its text in a stored `html` (it is
        // now text or a rendering's bytes, which templates never see as they are).
        let reflected = ReflectedHTML(html: html)
        let expected = try #require(theme.mustache.render(["h": reflected, "list": [reflected, reflected]] as [String: Any], withTemplate: "t"))
        #expect(expected.hasPrefix("[\(html)]"))
        let wrapped = theme.mustache.render(["h": TemplateHTML(safe), "list": [TemplateHTML(safe), TemplateHTML(safe)]] as TemplateObject,
                                            withTemplate: "t")
        #expect(wrapped == expected)
        #expect(TemplateContext.context(of: safe) is TemplateHTML)
    }
}

/// A `SafeHTML` as swift-mustache reflected it: a stored `html`, written as its description.
private struct ReflectedHTML: CustomStringConvertible {
    let html: String
    var description: String { html }
}
