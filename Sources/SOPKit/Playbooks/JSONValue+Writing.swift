/// JSON text from a `JSONValue`, object keys sorted by their UTF-8 bytes: `canonical` without
/// whitespace (what the checksum and signature cover), `pretty` with two-space indents (the file).
extension JSONValue {
    var canonical: String {
        var output = ""
        write(to: &output, indent: nil)
        return output
    }

    var pretty: String {
        var output = ""
        write(to: &output, indent: "")
        return output + "\n"
    }

    private func write(to output: inout String, indent: String?) {
        switch self {
        case .string(let text):
            Self.writeString(text, to: &output)
        case .number(let text):
            output += text
        case .bool(let flag):
            output += flag ? "true" : "false"
        case .null:
            output += "null"
        case .array(let items):
            writeContainer("[", "]", items.count, to: &output, indent: indent) { index, output, inner in
                items[index].write(to: &output, indent: inner)
            }
        case .object(let members):
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            writeContainer("{", "}", sorted.count, to: &output, indent: indent) { index, output, inner in
                Self.writeString(sorted[index].key, to: &output)
                output += inner == nil ? ":" : " : "
                sorted[index].value.write(to: &output, indent: inner)
            }
        }
    }

    private func writeContainer(_ open: String, _ close: String, _ count: Int, to output: inout String, indent: String?,
                                item: (Int, inout String, String?) -> Void) {
        output += open
        guard count > 0 else { return output += close }
        let inner = indent.map { $0 + "  " }
        for index in 0..<count {
            if index > 0 { output += "," }
            if let inner { output += "\n" + inner }
            item(index, &output, inner)
        }
        if let indent { output += "\n" + indent }
        output += close
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
