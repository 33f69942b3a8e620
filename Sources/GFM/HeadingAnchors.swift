import Foundation

/// Gives every heading a stable id. cmark-gfm has no option for it, so each heading carries a
/// reserved marker scalar that is replaced here by the `id` attribute, after rendering.
public enum HeadingAnchors {
    public static func apply(to html: String, idPrefix: String) -> GFMRendering {
        var output = ""
        output.reserveCapacity(html.utf8.count + 64)
        var headings: [GFMHeading] = []
        var used: [String: Int] = [:]
        var rest = html[...]
        while let marker = rest.range(of: GFMReserved.headingMarker) {
            let open = rest[..<marker.lowerBound]
            // cmark writes `<hN>` immediately before the marker.
            guard open.count >= 4, let level = Int(String(open.suffix(2).prefix(1))) else {
                output += open
                rest = rest[marker.upperBound...]
                continue
            }
            let afterMarker = rest[marker.upperBound...]
            let inner = afterMarker.range(of: "</h\(level)>").map { afterMarker[..<$0.lowerBound] } ?? afterMarker
            let text = plainText(fromHTML: inner)
            var slug = slugify(text)
            if slug.isEmpty { slug = "section" }
            if let count = used[slug] {
                used[slug] = count + 1
                slug += "-\(count)"
            } else {
                used[slug] = 1
            }
            let id = idPrefix + slug
            headings.append(GFMHeading(level: level, id: id, text: text))
            output += open.dropLast(1)
            output += " id=\"\(id)\">"
            rest = afterMarker
        }
        output += rest
        return GFMRendering(html: output, headings: headings)
    }

    /// GitHub's rule: lower case, drop punctuation other than `-` and `_`, spaces become `-`.
    public static func slugify(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character == " " {
                slug.append("-")
            } else if character == "-" || character == "_" || character.isLetter || character.isNumber {
                slug.append(character)
            }
        }
        return slug
    }

    static func plainText(fromHTML html: Substring) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag {
                text.append(character)
            }
        }
        return text
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

