import Foundation

/// The partials (`{{> name}}`) and parents (`{{< name}}`) a Mustache template names, with positions.
/// swift-mustache renders a missing one as an empty string, so sopgen looks for them itself.
enum PartialReferences {
    static func find(in text: String, path: String) -> [Located<String>] {
        var found: [Located<String>] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            var column = 1
            while let open = rest.firstRange(of: "{{") {
                column += rest[rest.startIndex..<open.lowerBound].unicodeScalars.count
                let afterOpen = rest[open.upperBound...]
                guard let close = afterOpen.firstRange(of: "}}") else { break }
                let tag = afterOpen[afterOpen.startIndex..<close.lowerBound]
                if let sigil = tag.first, sigil == ">" || sigil == "<" {
                    let name = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                    if !name.isEmpty, !name.hasPrefix("*") {
                        found.append(Located(name, at: SourceLocation(path: path, line: offset + 1, column: column)))
                    }
                }
                column += 2 + tag.unicodeScalars.count + 2
                rest = afterOpen[close.upperBound...]
            }
        }
        return found
    }
}
