import Foundation

/// What a Site Health report says about the rollout facts. Nil means the report does not say:
/// an import never invents a value.
public struct SiteHealthFacts: Sendable, Hashable {
    public var wordpressVersion: String?
    public var phpVersion: String?
    public var sophmateVersion: String?
    public var sophmateActive: Bool?
    public var woocommerceVersion: String?
    public var theme: Site.Theme?
    public var homeURL: String?
    public var siteURL: String?
    public var environmentType: String?
    /// `site_language` as a language tag: `en_GB` → `en-GB`.
    public var language: String?
    /// `timezone`: `Europe/London`, `UTC+1`.
    public var timeZone: String?
    /// Things the reader should know: SophMate not active, a URL it could not place.
    public var warnings: [String] = []

    public init(_ report: SiteHealthReport) {
        wordpressVersion = report.value("version", in: "wp-core").flatMap { Self.version($0.value) }
        phpVersion = report.value("php_version", in: "wp-server").flatMap { Self.version($0.value) }
        homeURL = report.value("home_url", in: "wp-core").map(\.value).flatMap(Self.defined).map(Self.withoutCredentials)
        siteURL = report.value("site_url", in: "wp-core").map(\.value).flatMap(Self.defined).map(Self.withoutCredentials)
        environmentType = report.value("environment_type", in: "wp-core").map(\.value).flatMap(Self.defined)
        language = report.value("site_language", in: "wp-core").map(\.value).flatMap(Self.languageTag)
        timeZone = report.value("timezone", in: "wp-core").map(\.value).flatMap(Self.defined)

        if let name = report.value("name", in: "wp-active-theme")?.value, let (themeName, slug) = Self.nameAndSlug(name) {
            let parent = report.value("parent_theme", in: "wp-active-theme").flatMap { Self.nameAndSlug($0.value)?.name }
            theme = Site.Theme(name: themeName, slug: slug,
                               version: report.value("version", in: "wp-active-theme").flatMap { Self.version($0.value) },
                               parent: parent)
        }

        let active = report.sections["wp-plugins-active"]
        let inactive = report.sections["wp-plugins-inactive"] ?? []
        if let plugin = active?.first(where: { $0.key.lowercased().hasPrefix("sophmate") }) {
            sophmateVersion = Self.pluginVersion(plugin.value)
            sophmateActive = true
        } else if let plugin = inactive.first(where: { $0.key.lowercased().hasPrefix("sophmate") }) {
            sophmateVersion = Self.pluginVersion(plugin.value)
            sophmateActive = false
            warnings.append("SophMate is installed but not active")
        } else if active != nil {
            sophmateActive = false
            warnings.append("SophMate is not among the active plugins")
        } else {
            warnings.append("the report lists no active plugins, so SophMate's version and state are unknown")
        }
        if let plugin = active?.first(where: { $0.key.lowercased() == "woocommerce" }) {
            woocommerceVersion = Self.pluginVersion(plugin.value)
        }
    }

    /// `en_GB` → `en-GB`; nil for anything that is not a language tag.
    static func languageTag(_ value: String) -> String? {
        guard let value = defined(value.trimmingCharacters(in: .whitespaces)) else { return nil }
        let tag = value.replacingOccurrences(of: "_", with: "-")
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts.allSatisfy({ (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return nil }
        return tag
    }

    /// `8.2.28 64bit`, `8.2.28 (Supports 64bit values)` → `8.2.28`.
    static func version(_ value: String) -> String? {
        let token = value.split(separator: " ").first.map(String.init) ?? ""
        return token.first?.isNumber == true ? token : nil
    }

    /// Nil for WordPress's words for nothing, and for a value with control characters (an
    /// escape sequence in a theme name must not reach a record or a terminal).
    /// A web address without a `user:password@` part: a site record is printed on every page.
    static func withoutCredentials(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let authorityEnd = url[scheme.upperBound...].firstIndex { "/?#".contains($0) } ?? url.endIndex
        guard let at = url[scheme.upperBound..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound] + url[url.index(after: at)...])
    }

    static func defined(_ value: String) -> String? {
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
        return ["", "undefined", "none", "not set"].contains(value.lowercased()) ? nil : value
    }

    /// `Storefront Child (storefront-child)` → ("Storefront Child", "storefront-child").
    static func nameAndSlug(_ value: String) -> (name: String, slug: String?)? {
        guard let value = defined(value) else { return nil }
        if value.hasSuffix(")"), let open = value.lastIndex(of: "(") {
            let name = value[..<open].trimmingCharacters(in: .whitespaces)
            let slug = value[value.index(after: open)..<value.index(before: value.endIndex)].trimmingCharacters(in: .whitespaces)
            if name.isEmpty && slug.isEmpty { return nil }
            return (name.isEmpty ? slug : name, slug.isEmpty ? nil : slug)
        }
        return (value, nil)
    }

    /// `version: 2.4.1, author: …` (debug) or `Version 2.4.1 by …` (plain).
    static func pluginVersion(_ value: String) -> String? {
        let words = value.replacingOccurrences(of: ",", with: " ").replacingOccurrences(of: "|", with: " ").split(separator: " ")
        guard let index = words.firstIndex(where: { $0.lowercased().hasPrefix("version") }), index + 1 < words.count else { return nil }
        return version(String(words[index + 1]))
    }
}
