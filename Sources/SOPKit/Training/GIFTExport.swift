/// A role's knowledge check in Moodle's GIFT format (Question bank → Import → GIFT format): one
/// multiple-choice question per block, the right option `=`, the others `~`, the explanation as
/// general feedback (`####`). Texts are marked `[html]` and HTML-escaped, so Moodle shows them as
/// written, and GIFT's special characters `~ = # { } :` and the backslash are escaped with a
/// backslash; a line break is written `\n`. `GIFTParserTests` reads the file back to the same questions.
enum GIFTExport {
    static func text(_ check: KnowledgeCheck, roleName: String, version: String) -> String {
        var text = "// Knowledge check for \(oneLine(roleName)), written by sopgen from handbook \(oneLine(version)).\n"
        text += "// Import into Moodle: Question bank > Import > GIFT format.\n"
        for question in check.questions {
            text += "\n// \(question.kind.rawValue)\n"
            text += "::\(escape(question.id))::[html]\(escape(question.prompt)) {\n"
            for (index, option) in question.options.enumerated() {
                let right = index == question.answer
                text += "\t\(right ? "=" : "~")\(escape(option))#\(right ? "Right." : "Not right.")\n"
            }
            let more = question.links.map(\.label).joined(separator: "; ")
            text += "\t####\(escape(question.explanation + (more.isEmpty ? "" : " See: " + more + ".")))\n"
            text += "}\n"
        }
        return text
    }

    /// Text for a `[html]` part of a GIFT question: HTML-escaped, a leading `[` written as an
    /// entity (so no text reads as a format marker), then GIFT's own escapes.
    static func escape(_ text: String) -> String {
        var html = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": html += "&amp;"
            case "<": html += "&lt;"
            case ">": html += "&gt;"
            case "\"": html += "&quot;"
            default: html.unicodeScalars.append(scalar)
            }
        }
        if html.hasPrefix("[") { html = "&#91;" + html.dropFirst() }
        var output = ""
        for scalar in html.unicodeScalars {
            switch scalar {
            case "\\", "~", "=", "#", "{", "}", ":": output += "\\" + String(scalar)
            case "\n": output += "\\n"
            case "\r": break
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// A comment line stays one line.
    private static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : Character($0) })
    }
}
