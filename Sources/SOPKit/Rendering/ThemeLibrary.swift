import Foundation
import Mustache

/// The page templates and static assets of a build: sopgen's default theme with any file the
/// pack's own `templates/` folder overrides.
struct ThemeLibrary: Sendable {
    static let pageTemplates = ["layout", "nav", "home", "handbook", "sop", "print", "sop-header", "toc", "checklist", "checklist.md", "playbooks", "playbook"]

    var mustache: MustacheLibrary
    /// Static files copied to `assets/`, by name.
    var assets: [String: Data]
    var diagnostics: [Diagnostic]

    static func load(overrides: [String: SourceFile]) -> ThemeLibrary {
        var files = DefaultTheme.files()
        for (name, file) in overrides {
            files[name] = Data(file.text.utf8)
        }
        var library = MustacheLibrary()
        var assets: [String: Data] = [:]
        var diagnostics: [Diagnostic] = []
        for (name, data) in files.sorted(by: { $0.key < $1.key }) {
            if name.hasPrefix("assets/") {
                assets[String(name.dropFirst("assets/".count))] = data
                continue
            }
            guard name.hasSuffix(".mustache") else { continue }
            let templateName = String(name.dropLast(".mustache".count))
            let text = String(decoding: data, as: UTF8.self)
            let path = overrides[name] != nil ? "templates/\(name)" : "(default theme) templates/\(name)"
            do {
                library.register(try MustacheTemplate(string: text), named: templateName)
            } catch let error as MustacheTemplate.ParserError {
                let column = error.context.line.prefix(max(error.context.columnNumber - 1, 0)).unicodeScalars.count + 1
                diagnostics.append(.error("template-syntax", "invalid Mustache template: \(error.error)",
                                          at: SourceLocation(path: path, line: error.context.lineNumber, column: column)))
            } catch {
                diagnostics.append(.error("template-syntax", "invalid Mustache template: \(error)", at: SourceLocation(path: path)))
            }
        }
        for (name, data) in files.sorted(by: { $0.key < $1.key }) where name.hasSuffix(".mustache") {
            let path = overrides[name] != nil ? "templates/\(name)" : "(default theme) templates/\(name)"
            for reference in PartialReferences.find(in: String(decoding: data, as: UTF8.self), path: path)
            // A partial whose file has a syntax error is reported there, not at every use.
            where library.getTemplate(named: reference.value) == nil && files["\(reference.value).mustache"] == nil {
                diagnostics.append(.error("unknown-partial", "the theme has no template '\(reference.value)' (templates/\(reference.value).mustache); Mustache would render it as nothing", at: reference.location))
            }
        }
        for name in pageTemplates where library.getTemplate(named: name) == nil && !diagnostics.contains(where: { $0.location.path.hasSuffix("templates/\(name).mustache") }) {
            diagnostics.append(.error("missing-template", "no template '\(name).mustache' in the theme", at: SourceLocation(path: "templates/\(name).mustache")))
        }
        return ThemeLibrary(mustache: library, assets: assets, diagnostics: diagnostics)
    }

    func render(_ context: [String: Any], with template: String) -> String {
        mustache.render(context, withTemplate: template) ?? ""
    }
}

/// sopgen's bundled theme (`templates/`) and pack (`sops/`), found wherever the binary runs from.
public enum DefaultTheme {
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
