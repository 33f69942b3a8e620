import Foundation

/// `sopgen checklist`: one checklist for one site, from a pack that checks without errors.
extension Pipeline {
    public enum ChecklistFormat: String, Sendable, CaseIterable {
        case html, md, json

        /// True when `data` is a checklist sopgen wrote in any format, so `checklist --output` may
        /// replace it without --force: a JSON checklist document that decodes, the HTML page's
        /// generator tag and checklist body, or the Markdown title line and pack-inputs line.
        public static func isChecklist(_ data: Data) -> Bool {
            if (try? JSONDecoder().decode(ChecklistDocument.self, from: data)) != nil { return true }
            let text = String(decoding: data.prefix(64 * 1024), as: UTF8.self)
            if text.hasPrefix("<!DOCTYPE html>"), text.contains("<meta name=\"generator\" content=\"sopgen\">"),
               text.contains("<body class=\"checklist\">") {
                return true
            }
            let lines = text.split(separator: "\n", maxSplits: 8, omittingEmptySubsequences: false)
            guard lines.count > 5, lines[0].hasPrefix("# "), lines[1].isEmpty, text.contains("\n## ") else { return false }
            let marker = " · pack inputs "
            guard let range = lines[2].range(of: marker) else { return false }
            let hash = lines[2][range.upperBound...]
            return hash.count == 12 && hash.allSatisfy { $0.isHexDigit && !$0.isUppercase }
        }
    }

    public enum ChecklistError: Error, CustomStringConvertible {
        case unknownSite(String, [String])
        case unknownChecklist(String, [String])

        public var description: String {
            switch self {
            case .unknownSite(let id, let known):
                return "no site '\(id)' in sites/\(Suggestion.didYouMean(id, in: known)) (sites: \(known.joined(separator: ", ")))"
            case .unknownChecklist(let id, let known):
                return "no checklist '\(id)' in checklists/\(Suggestion.didYouMean(id, in: known)) (checklists: \(known.joined(separator: ", ")))"
            }
        }
    }

    /// Nil output when the pack has errors; the result carries the diagnostics either way.
    public func checklist(site siteID: String, kind: String, format: ChecklistFormat) async throws(ChecklistError) -> (output: String?, result: Result) {
        let result = await plan()
        guard let resolved = result.resolved else { return (nil, result) }
        let pack = resolved.pack
        // A missing pack or a broken record is the cause: its diagnostics come first, not "no site".
        guard let site = pack.site(siteID) else {
            if result.diagnostics.hasErrors { return (nil, result) }
            throw .unknownSite(siteID, pack.sites.map(\.id))
        }
        guard let checklist = pack.checklists.first(where: { $0.id == kind }) else {
            if result.diagnostics.hasErrors { return (nil, result) }
            throw .unknownChecklist(kind, pack.checklists.map(\.id))
        }
        guard !result.diagnostics.hasErrors else { return (nil, result) }
        let rendered = ChecklistRenderer(pack: pack, today: today).render(checklist, for: site, theme: pack.theme,
                                                            standalone: true)
        switch format {
        case .html: return (rendered.html, result)
        case .md: return (rendered.markdown, result)
        case .json: return (rendered.json, result)
        }
    }
}
