import Foundation
@_spi(ThemeRendering) import GFM
import Mustache

/// The page templates and static assets of a build: sopgen's default theme with any file the
/// pack's own `templates/` folder overrides. Compiled in the decode stage from files the load stage
/// read, so rendering reads nothing from disk. This is the only file that may make `SafeHTML` out of
/// a template's output (`@_spi(ThemeRendering)`).
struct ThemeLibrary: Sendable {
    static let pageTemplates = ["layout", "nav", "home", "handbook", "sop", "print", "sop-header", "toc", "checklist", "checklist.md", "playbooks", "playbook",
                                "review", "review.md",
                                "check", "check-sheet", "sign-off", "automations", "trainer", "pager"]

    var mustache: MustacheLibrary
    /// The templates sopgen's own renderer runs (`CompiledTemplate`); any other renders with
    /// `mustache`.
    var compiled: CompiledTheme = .empty
    /// Static files copied to `assets/`, by name.
    var assets: [String: Data]
    var diagnostics: [Diagnostic]
    /// The ids each template writes as they are (`<main id="content">`), by template name: no
    /// heading rendered into a page may take one, or a link to it would land on the theme's element.
    var fixedIDs: [String: Set<String>] = [:]
    /// The partials (and parents) each template names, by template name.
    var partials: [String: Set<String>] = [:]
    /// The text before the value of each id a template makes from a value (`policy-` of
    /// `id="policy-{{policyID}}"`), by template name: an SOP id that starts with one may be an id
    /// the page makes.
    var idPrefixes: [String: Set<String>] = [:]

    /// The fixed ids of a page made of these templates (the layout and menu always) and of every
    /// partial they name, at any depth (the print page's decision guide, role essentials and site
    /// record are partials: their ids were missed, so an SOP or heading could take one).
    func fixedIDs(of templates: [String]) -> Set<String> {
        gathered(fixedIDs, of: templates)
    }

    /// The `idPrefixes` of a page made of these templates, as `fixedIDs(of:)` gathers its ids.
    func idPrefixes(of templates: [String]) -> Set<String> {
        gathered(idPrefixes, of: templates)
    }

    private func gathered(_ byTemplate: [String: Set<String>], of templates: [String]) -> Set<String> {
        var found: Set<String> = []
        var seen: Set<String> = []
        var pending = ["layout", "nav"] + templates
        while let name = pending.popLast() {
            guard seen.insert(name).inserted else { continue }
            found.formUnion(byTemplate[name] ?? [])
            pending += partials[name] ?? []
        }
        return found
    }

    /// A theme with no templates: what a pack built in memory without a theme renders with.
    static let empty = ThemeLibrary(mustache: MustacheLibrary(), assets: [:], diagnostics: [])

    /// `defaults` is sopgen's bundled theme as the load stage read it (`DefaultTheme.files()`).
    /// The same files give the same theme: it is compiled once (`ThemeCache`).
    static func load(defaults: [String: Data], overrides: [String: SourceFile]) -> ThemeLibrary {
        ThemeCache.shared.theme(for: .init(defaults: defaults, overrides: overrides.mapValues(\.text))) {
            compile(defaults: defaults, overrides: overrides)
        }
    }

    private static func compile(defaults: [String: Data], overrides: [String: SourceFile]) -> ThemeLibrary {
        MarkdownContentType.registered
        ThemeHTMLContentType.registered
        var files = defaults
        for (name, file) in overrides {
            files[name] = Data(file.text.utf8)
        }
        var library = MustacheLibrary()
        var assets: [String: Data] = [:]
        var templates: [ThemeChecks.Template] = []
        var fixedIDs: [String: Set<String>] = [:]
        var partials: [String: Set<String>] = [:]
        var idPrefixes: [String: Set<String>] = [:]
        for (name, data) in files.sorted(by: { $0.key < $1.key }) {
            if PathText.isInside(name, "assets") {
                assets[String(Substring(name.utf8.dropFirst("assets/".utf8.count)))] = data
            } else if PathText.hasExtension(name, "mustache") {
                let path = overrides[name] != nil ? "templates/\(name)" : "(default theme) templates/\(name)"
                let text = String(decoding: data, as: UTF8.self)
                let outline = MustacheOutline(text, path: path, limit: ThemeChecks.maximumDepth)
                for match in text.matches(of: /\sid\s*=\s*["']([^"'{}<>\s]+)["']/) {
                    fixedIDs[String(name.dropLast(".mustache".count)), default: []].insert(String(match.output.1))
                }
                for match in text.matches(of: /\sid\s*=\s*["']([^"'{}<>\s]+)\{\{/) {
                    idPrefixes[String(name.dropLast(".mustache".count)), default: []].insert(String(match.output.1))
                }
                partials[String(name.dropLast(".mustache".count))] = Set(outline.references.filter { !$0.isDynamic }.map(\.name.value))
                templates.append(ThemeChecks.Template(name: String(name.dropLast(".mustache".count)), path: path, outline: outline))
            }
        }
        // Loops and deep nesting first: swift-mustache must never see them.
        let checks = ThemeChecks(templates)
        var diagnostics = checks.diagnostics
        for template in templates where !checks.refused.contains(template.name) {
            let text = String(decoding: files[template.name + ".mustache"] ?? Data(), as: UTF8.self)
            do {
                // The fast escaping, on a line of its own before the text (see `ThemeHTMLContentType`).
                library.register(try MustacheTemplate(string: ThemeHTMLContentType.pragma + text), named: template.name)
            } catch let error as MustacheTemplate.ParserError {
                let column = error.context.line.prefix(max(error.context.columnNumber - 1, 0)).unicodeScalars.count + 1
                // Less the pragma's line.
                let line = max(error.context.lineNumber - 1, 1)
                diagnostics.append(.error(.templateSyntax, "invalid Mustache template: \(error.error)",
                                          at: SourceLocation(path: template.path, line: line, column: column)))
            } catch {
                diagnostics.append(.error(.templateSyntax, "invalid Mustache template: \(error)", at: SourceLocation(path: template.path)))
            }
        }
        let names = Set(templates.map(\.name))
        for template in templates {
            for reference in template.outline.references where !reference.isDynamic && !names.contains(reference.name.value) {
                diagnostics.append(.error(.unknownPartial, "the theme has no template '\(reference.name.value)' (templates/\(reference.name.value).mustache); Mustache would render it as nothing", at: reference.name.location))
            }
        }
        for name in pageTemplates where library.getTemplate(named: name) == nil && !checks.refused.contains(name)
            && !diagnostics.contains(where: { $0.location.path.hasSuffix("templates/\(name).mustache") }) {
            diagnostics.append(.error(.missingTemplate, "no template '\(name).mustache' in the theme", at: SourceLocation(path: "templates/\(name).mustache")))
        }
        return ThemeLibrary(mustache: library, compiled: CompiledTheme(library: library, names: templates.map(\.name).filter { library.getTemplate(named: $0) != nil }),
                            assets: assets, diagnostics: diagnostics, fixedIDs: fixedIDs, partials: partials, idPrefixes: idPrefixes)
    }

    /// A page inside the layout.
    func render<Content: TemplateModel>(_ page: Page<Content>) -> String {
        renderTemplate(TemplateContext.context(of: page), named: Content.template)
    }

    /// A page or document of its own (a checklist), in the model's own template.
    func render<Model: TemplateModel>(_ model: Model) -> String {
        renderTemplate(TemplateContext.context(ofModel: model), named: Model.template)
    }

    /// `model` in another template than its own: the checklist's Markdown file.
    func render<Model: TemplateModel>(_ model: Model, with template: String) -> String {
        renderTemplate(TemplateContext.context(ofModel: model), named: template)
    }

    /// `context` in the template `name`: by the compiled renderer when the template is in its
    /// subset and every value it meets is one it knows, else by swift-mustache (the same bytes;
    /// `CompiledTemplateTests`).
    func renderTemplate(_ context: Any, named name: String) -> String {
        switch rendered(context, named: name) {
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        case .text(let text): text
        }
    }

    /// A page inside the layout as the bytes of its file: the compiled renderer's bytes as they
    /// are, not made a `String` (validated) and then copied out again (the SOP pages, thousands).
    func renderData<Content: TemplateModel>(_ page: Page<Content>) -> Data {
        switch rendered(TemplateContext.context(of: page), named: Content.template) {
        case .bytes(let bytes): Data(bytes)
        case .text(let text): Data(text.utf8)
        }
    }

    private enum Rendered {
        case bytes([UInt8])
        case text(String)
    }

    private func rendered(_ context: Any, named name: String) -> Rendered {
        let comparison = TemplateEngineComparison.shared
        if let template = compiled.template(named: name), let bytes = try? CompiledRenderer.render(template, in: compiled, object: context) {
            if comparison.isRecording {
                comparison.record(theme: compiled, template: name, compiled: String(decoding: bytes, as: UTF8.self),
                                  mustache: mustache.render(context, withTemplate: name) ?? "")
            }
            return .bytes(bytes)
        }
        let text = mustache.render(context, withTemplate: name) ?? ""
        if comparison.isRecording {
            comparison.record(theme: compiled, template: name, compiled: nil, mustache: text)
        }
        return .text(text)
    }

    /// `page` rendered with `count` of its fragments left out, as the bytes around them in order
    /// (`count + 1` segments): a writer puts fragment *i* back between segments *i* and *i + 1*, so
    /// a page of every SOP of a role is never whole in memory. `page` is given a placeholder for
    /// each fragment; nil when the template does not write each placeholder exactly once, in
    /// order, unescaped (`{{{…}}}`), and the page must then be rendered whole.
    ///
    /// The bytes around a fragment must not depend on what it holds, or the pieces would not be
    /// the page: a template that indents (an indented partial or block indents the line after a
    /// fragment that ends with a line break) or transforms the value (`lowercased(…)`, a length)
    /// does. So the page is rendered twice, with placeholders that do and do not end with a line
    /// break, holding a line break and letters of both cases: the segments must be the same both
    /// times, and each placeholder found as given (helper 43: an indented layout lost a line's
    /// indent after each SOP's header and body).
    func segments<Content: TemplateModel>(of page: ([SafeHTML]) -> Page<Content>, leavingOut count: Int) -> [Data]? {
        guard let plain = segments(of: page, leavingOut: count, endingWith: ""),
              let broken = segments(of: page, leavingOut: count, endingWith: "\n"), plain == broken else { return nil }
        return plain
    }

    private func segments<Content: TemplateModel>(of page: ([SafeHTML]) -> Page<Content>, leavingOut count: Int,
                                                  endingWith end: String) -> [Data]? {
        let prefix = Array("<\u{0}Sopgen-fragment\n".utf8)
        let placeholders = (0..<count).map { prefix + Array("\($0)\u{0}>\(end)".utf8) }
        let text = Array(render(page(placeholders.map { .renderedByTheme(String(decoding: $0, as: UTF8.self)) })).utf8)
        var segments: [Data] = []
        segments.reserveCapacity(count + 1)
        var start = 0
        for index in 0...count {
            let end = index < count ? ByteSearch.find(placeholders[index], in: text, from: start) : text.count
            // A placeholder missing, or another one (a copy, or one out of order) before it.
            guard let end, (ByteSearch.find(prefix, in: text, from: start) ?? end) >= end else { return nil }
            segments.append(Data(text[start..<end]))
            if index < count { start = end + placeholders[index].count }
        }
        return segments
    }

    /// A fragment a page then places unescaped (navigation, table of contents, SOP header):
    /// rendered with HTML escaping by the theme, so it is safe HTML.
    func fragment<Model: TemplateModel>(_ model: Model) -> SafeHTML {
        .renderedByTheme(render(model))
    }

    /// The named stylesheets, inlined for a page saved outside the site folder; `</` is escaped so
    /// a stylesheet cannot close its `<style>` element.
    func inlineStylesheets(_ names: [String]) -> SafeHTML {
        .renderedByTheme(names.compactMap { assets[$0] }
            .map { String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "</", with: "<\\/") }.joined(separator: "\n"))
    }

    /// Text as a CSS string literal inside `<style>` (page footers), made inert by `CSSText`.
    func cssString(_ text: String) -> SafeHTML {
        .renderedByTheme(CSSText.string(text))
    }
}

/// A typed model and the template that renders it.
protocol TemplateModel: Sendable {
    static var template: String { get }
}

/// sopgen's bundled theme (`templates/`) and pack (`sops/`), found wherever the binary runs from.
public enum DefaultTheme {
    /// The bundled theme's folder, which `sopgen serve` watches; nil when none is installed.
    public static var folder: URL? { InstallLocation.folder("templates") }

    /// Read by the load stage only.
    static func files() -> [String: Data] {
        guard let root = InstallLocation.folder("templates") else { return [:] }
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            let relative = url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               let data = FileManager.default.contents(atPath: url.path) {
                files[String(relative)] = data
            }
        }
        return files
    }
}
